import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_RESPONSE_WINDOW_DAYS } from '../demands/submit-demand/response-window.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../infrastructure/event-store/event-store.js';
import { type MeetingRules } from '../meetings/domain/meeting-rules.js';
import { MEETING_RULES } from '../meetings/meeting-rules.provider.js';
import { type DeadlineRuleSet, type DeadlineRulesEvent } from './domain/deadline-rules.events.js';
import { deadlineRulesStreamId, evolve, initialState, rulesInForce } from './domain/deadline-rules.js';

/** The organisation of a stream recorded before accounts existed (see `organisationOf`). */
export const DEFAULT_ORGANISATION = 'default';

/**
 * The deadline rules in force for an organisation: its `deadlinerules-<organisationId>` stream folded, or the
 * defaults (`MEETING_RULES` and the 30-day response window) while none were set. One small read per call and no
 * cache, so a change applies to the very next request, on every instance.
 */
@Injectable()
export class DeadlineRules {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MEETING_RULES) private readonly meetingRules: MeetingRules,
  ) {}

  /** The defaults: the `MEETING_RULES` binding, and the response window (which it may carry too). */
  defaults(): DeadlineRuleSet {
    const rules = this.meetingRules as MeetingRules & { responseWindowDays?: number };
    return {
      noticeDays: rules.noticeDays,
      urgentNoticeDays: rules.urgentNoticeDays,
      avisFollowUpMonths: rules.avisFollowUpMonths,
      minutesMonths: rules.minutesMonths,
      redeliberationMinDays: rules.redeliberationMinDays,
      redeliberationMaxDays: rules.redeliberationMaxDays,
      responseWindowDays: rules.responseWindowDays ?? DEFAULT_RESPONSE_WINDOW_DAYS,
    };
  }

  /**
   * The rules in force for the organisation (`default` when none is named: system callers, old streams). With
   * `recordedUpTo`, the rules as recorded at that instant (a dossier "arrêté au" a past date).
   */
  async for(
    organisationId: string | undefined,
    options: { recordedUpTo?: Date } = {},
  ): Promise<DeadlineRuleSet> {
    return (await this.inForce(organisationId, options)).rules;
  }

  /** The rules in force and where they come from: the source recorded with the last change, or null (defaults). */
  async inForce(
    organisationId: string | undefined,
    options: { recordedUpTo?: Date } = {},
  ): Promise<{ rules: DeadlineRuleSet; source: string | null }> {
    const events = await this.changes(organisationId, options);
    const state = events
      .map((e) => ({ type: e.type, data: e.data }) as DeadlineRulesEvent)
      .reduce(evolve, initialState());
    const last = events.at(-1)?.data as { source?: string } | undefined;
    return { rules: rulesInForce(state, this.defaults()), source: last?.source ?? null };
  }

  /** The recorded changes of the organisation's rules, oldest first. */
  changes(
    organisationId: string | undefined,
    options: { recordedUpTo?: Date } = {},
  ): Promise<RecordedEvent[]> {
    return this.store.readStream(
      deadlineRulesStreamId(organisationId ?? DEFAULT_ORGANISATION),
      options.recordedUpTo ? { recordedUpTo: options.recordedUpTo } : {},
    );
  }

  /** The rules in force for several organisations at once (one read each). */
  async forEach(organisationIds: Iterable<string>): Promise<Map<string, DeadlineRuleSet>> {
    const ids = [...new Set(organisationIds)];
    const rules = await Promise.all(ids.map((id) => this.for(id)));
    return new Map(ids.map((id, index) => [id, rules[index] ?? this.defaults()]));
  }
}
