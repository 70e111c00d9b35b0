import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type Demand } from '../domain/demand.js';
import { type DemandView, toDemandView } from '../get-demand/demand.view.js';
import { type DemandSort, type ListDemandsRequest } from './list-demands.request.js';

export type DemandPage = { items: DemandView[]; total: number; limit: number; offset: number };

export class ListDemandsQuery extends Query<DemandPage> {
  constructor(
    readonly filter: ListDemandsRequest,
    readonly organisationId?: string,
  ) {
    super();
  }
}

const PRIORITY_RANK = `CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

/** Sort orders; the default (urgency) is the order an officer works in. Every one ends on demand_id (stable pages). */
const ORDER_BY: Readonly<Record<DemandSort, (overdue: string) => string>> = {
  urgency: (overdue) => `COALESCE(${overdue}, false) DESC, ${PRIORITY_RANK}, raised_at NULLS LAST`,
  due: () => `LEAST(awaiting_response_until, open_commitment_due_at) NULLS LAST, ${PRIORITY_RANK}`,
  recent: () => `updated_at DESC`,
  title: () => `lower(title)`,
  priority: (overdue) => `${PRIORITY_RANK}, COALESCE(${overdue}, false) DESC, raised_at NULLS LAST`,
};

/** Overdue first, then high priority, then oldest — the order an officer works in (other orders on request). */
@QueryHandler(ListDemandsQuery)
export class ListDemandsHandler implements IQueryHandler<ListDemandsQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, organisationId }: ListDemandsQuery): Promise<DemandPage> {
    const now = this.clock.now();
    const params: unknown[] = [now];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (organisationId) add((p) => `organisation_id = ${p}`, organisationId);
    if (filter.antennaId) add((p) => `antenna_id = ${p}`, filter.antennaId);
    if (filter.status?.length) add((p) => `status = ANY(${p}::text[])`, filter.status);
    if (filter.category) add((p) => `category = ${p}`, filter.category);
    if (filter.priority) add((p) => `priority = ${p}`, filter.priority);
    if (filter.level) add((p) => `level = ${p}`, filter.level);
    if (filter.explicit !== undefined) add((p) => `explicit = ${p}`, filter.explicit);
    const overdue = `(awaiting_response_until < $1 OR open_commitment_due_at < $1)`;
    if (filter.overdue === true) where.push(overdue);
    if (filter.overdue === false) where.push(`NOT COALESCE(${overdue}, false)`);
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (filter.q) add((p) => `(title ILIKE ${p} OR state->>'description' ILIKE ${p})`, like(filter.q));
    if (filter.addressee)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM jsonb_array_elements(state->'addressees') a
                    WHERE a->>'role' ILIKE ${p} OR a->>'organisation' ILIKE ${p})`,
        like(filter.addressee),
      );
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const order = `${ORDER_BY[filter.sort ?? 'urgency'](overdue)}, demand_id`;
    // The page is chosen on the narrow columns; only its rows' states (kilobytes each) are read, not every match's.
    const { rows } = await this.db.query<{ state: Demand; revision: string; total: string }>(
      `WITH page AS (
         SELECT demand_id, count(*) OVER () AS total FROM rm.demand_status ${whereSql}
          ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
       )
       SELECT state, revision::text AS revision, page.total::text AS total
         FROM page JOIN rm.demand_status USING (demand_id)
        ORDER BY ${order}`,
      params,
    );
    const asOf = now.toISOString();
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && offset > 0) {
      const count = await this.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM rm.demand_status ${whereSql}`,
        params,
      );
      total = Number(count.rows[0]?.n ?? 0);
    }
    return {
      items: rows.map((row) => toDemandView(row.state, Number(row.revision), asOf)),
      total,
      limit,
      offset,
    };
  }
}
