import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordedChanges } from '../../accounts/recorded-changes.js';
import { DEFAULT_ORGANISATION } from '../../deadline-rules/deadline-rules.service.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { type ReferenceRatios } from '../../units/domain/staffing-ratios.js';
import { REFERENCE_RATIO_NAMES, type ReferenceRatiosChanged } from '../domain/reference-ratios.events.js';
import { changedRatios } from '../domain/reference-ratios.js';
import { type ReferenceRatiosHistoryEntry, type ReferenceRatiosView } from '../reference-ratios.responses.js';
import { OrganisationReferenceRatios } from '../reference-ratios.service.js';

export class GetReferenceRatiosQuery extends Query<ReferenceRatiosView> {
  constructor(readonly organisationId?: string) {
    super();
  }
}

/** The organisation's ratios in force, each against its default, and every change (read from its small stream). */
@QueryHandler(GetReferenceRatiosQuery)
export class GetReferenceRatiosHandler implements IQueryHandler<GetReferenceRatiosQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly referenceRatios: OrganisationReferenceRatios,
  ) {}

  async execute(query: GetReferenceRatiosQuery): Promise<ReferenceRatiosView> {
    const organisationId = query.organisationId ?? DEFAULT_ORGANISATION;
    const defaults = this.referenceRatios.defaults();
    const recorded = await this.referenceRatios.changes(organisationId);
    let inForce: ReferenceRatios = defaults;
    let source: string | null = null;
    const history: ReferenceRatiosHistoryEntry[] = [];
    const changes = recorded.filter((event) => event.type === 'ReferenceRatiosChanged');
    const entries = await recordedChanges(this.db, organisationId, changes);
    for (const [index, event] of changes.entries()) {
      const data = event.data as ReferenceRatiosChanged['data'];
      history.push({ ...entries[index]!, ratios: data.ratios, changes: changedRatios(inForce, data.ratios) });
      inForce = data.ratios;
      source = data.source;
    }
    const last = recorded[recorded.length - 1];
    return {
      organisationId,
      revision: last === undefined ? null : Number(last.revision),
      values: inForce,
      source,
      ratios: REFERENCE_RATIO_NAMES.map((name) => ({
        name,
        value: inForce[name],
        default: defaults[name],
        isDefault: inForce[name] === defaults[name],
      })),
      history,
    };
  }
}
