import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_ORGANISATION } from '../deadline-rules/deadline-rules.service.js';
import { type AsOf, isKnownAt } from '../demands/as-of.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../infrastructure/event-store/event-store.js';
import { DEFAULT_REFERENCE_RATIOS, type ReferenceRatios } from '../units/domain/staffing-ratios.js';
import { type ReferenceRatiosEvent } from './domain/reference-ratios.events.js';
import {
  evolve,
  initialState,
  ratiosInForce,
  referenceRatiosStreamId,
  sourceInForce,
} from './domain/reference-ratios.js';

/** The ratios in force and where they come from: the source recorded with the last change, or null (the OR). */
export type ReferenceRatiosInForce = { ratios: ReferenceRatios; source: string | null };

/**
 * The reference ratios of an organisation: its `referenceratios-<organisationId>` stream folded, or the DAP's OR
 * (`DEFAULT_REFERENCE_RATIOS`) while none were set. One small read per call and no cache, so a change applies to
 * the very next request, on every instance.
 */
@Injectable()
export class OrganisationReferenceRatios {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The defaults: the DAP's organigrammes de référence. */
  defaults(): ReferenceRatios {
    return { ...DEFAULT_REFERENCE_RATIOS };
  }

  /**
   * The ratios in force for the organisation (`default` when none is named) and their source. With `recordedUpTo`,
   * as recorded at that instant (a dossier "arrêté au" a past date). With `asOf`, as the antenna dashboard reads
   * the past (`isKnownAt`): the changes that had taken effect by then (`occurredAt`), or with `known=recorded`
   * those recorded by then.
   */
  async inForce(
    organisationId: string | undefined,
    options: { recordedUpTo?: Date; asOf?: AsOf } = {},
  ): Promise<ReferenceRatiosInForce> {
    const { asOf } = options;
    const recordedUpTo = options.recordedUpTo ?? (asOf?.known === 'recorded' ? asOf.at : undefined);
    const events = (await this.changes(organisationId, recordedUpTo ? { recordedUpTo } : {})).filter(
      (event) => asOf === undefined || isKnownAt(event, asOf),
    );
    const state = events
      .map((e) => ({ type: e.type, data: e.data }) as ReferenceRatiosEvent)
      .reduce(evolve, initialState());
    return { ratios: ratiosInForce(state, this.defaults()), source: sourceInForce(state) };
  }

  /** The recorded changes of the organisation's ratios, oldest first. */
  changes(
    organisationId: string | undefined,
    options: { recordedUpTo?: Date } = {},
  ): Promise<RecordedEvent[]> {
    return this.store.readStream(
      referenceRatiosStreamId(organisationId ?? DEFAULT_ORGANISATION),
      options.recordedUpTo ? { recordedUpTo: options.recordedUpTo } : {},
    );
  }
}
