import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Demand, TERMINAL_STATUSES } from '../../demands/domain/demand.js';
import { toMillis } from '../../demands/domain/iso-time.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type ListOverdueFollowUpsRequest } from './list-overdue-follow-ups.request.js';
import {
  FOLLOW_UP_LABELS,
  type FollowUpKind,
  type OverdueFollowUpView,
  type OverdueFollowUps,
} from './overdue-follow-up.view.js';

export class ListOverdueFollowUpsQuery extends Query<OverdueFollowUps> {
  constructor(
    readonly filter: ListOverdueFollowUpsRequest,
    /** The reader's organisation: only its demands. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The follow-ups of one open demand that are late at `now` (overdue means strictly after the due instant). */
export const overdueFollowUpsOf = (
  demand: Demand,
  antennaName: string | null,
  now: number,
): OverdueFollowUpView[] => {
  const item = (kind: FollowUpKind, dueAt: string, extra: Partial<OverdueFollowUpView> = {}) => ({
    demandId: demand.demandId,
    title: demand.title,
    antennaId: demand.antennaId,
    antennaName,
    kind,
    label: FOLLOW_UP_LABELS[kind],
    dueAt,
    daysLate: Math.max(0, Math.floor((now - toMillis(dueAt)) / DAY_MS)),
    status: demand.status,
    priority: demand.priority,
    timesAsked: demand.timesAsked,
    ...extra,
  });
  const late = (iso: string | null): iso is string => iso !== null && toMillis(iso) < now;
  const items: OverdueFollowUpView[] = [];
  if (late(demand.responseDueAt)) items.push(item('response_overdue', demand.responseDueAt));
  for (const c of demand.commitments) {
    if (c.status === 'open' && late(c.dueAt)) {
      items.push(
        item('commitment_overdue', c.dueAt, {
          commitment: { commitmentId: c.commitmentId, deliverable: c.deliverable, owner: c.owner },
        }),
      );
    }
  }
  const stillDeferred =
    demand.suggestAgendaItem &&
    demand.status === 'RESPONSE_RECEIVED' &&
    demand.lastResponse?.stance === 'defer';
  if (stillDeferred && demand.lastResponse) {
    items.push(item('repeated_deferral', demand.lastResponse.respondedAt, { deferCount: demand.deferCount }));
  }
  return items;
};

/** The officer's to-do list, most late first, computed from rm.demand_status at the clock's now. */
@QueryHandler(ListOverdueFollowUpsQuery)
export class ListOverdueFollowUpsHandler implements IQueryHandler<ListOverdueFollowUpsQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, organisationId }: ListOverdueFollowUpsQuery): Promise<OverdueFollowUps> {
    const now = this.clock.now();
    const params: unknown[] = [TERMINAL_STATUSES, now, organisationId ?? null];
    if (filter.antennaId) params.push(filter.antennaId);
    const { rows } = await this.db.query<{ state: Demand; antenna_name: string | null }>(
      `SELECT d.state, u.name AS antenna_name
         FROM rm.demand_status d
         LEFT JOIN rm.units u ON u.unit_id = d.antenna_id AND u.organisation_id = d.organisation_id
        WHERE NOT (d.status = ANY($1::text[])) AND ($3::text IS NULL OR d.organisation_id = $3)
          AND (d.awaiting_response_until < $2 OR d.open_commitment_due_at < $2
               OR d.state @> '{"suggestAgendaItem": true}'::jsonb)
          ${filter.antennaId ? 'AND d.antenna_id = $4' : ''}`,
      params,
    );
    const at = now.getTime();
    const items = rows
      .flatMap((row) => overdueFollowUpsOf(row.state, row.antenna_name, at))
      .sort(
        (a, b) =>
          b.daysLate - a.daysLate ||
          toMillis(a.dueAt) - toMillis(b.dueAt) ||
          a.demandId.localeCompare(b.demandId) ||
          a.kind.localeCompare(b.kind),
      );
    return { asOf: now.toISOString(), items };
  }
}
