import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { type Observation } from '../domain/observation.js';
import { type ObservationView, toObservationView } from '../get-observation/observation.view.js';
import { type ListObservationsRequest } from './list-observations.request.js';

export type ObservationList = { items: ObservationView[]; total: number };

export class ListObservationsQuery extends Query<ObservationList> {
  constructor(
    readonly filter: ListObservationsRequest,
    /** The reader's organisation: only its observations. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

/** Observations by antenna, then date observed; withdrawn ones only on request. */
@QueryHandler(ListObservationsQuery)
export class ListObservationsHandler implements IQueryHandler<ListObservationsQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async execute({ filter, organisationId }: ListObservationsQuery): Promise<ObservationList> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (organisationId) add((p) => `organisation_id = ${p}`, organisationId);
    if (filter.antennaId) add((p) => `antenna_id = ${p}`, filter.antennaId);
    if (filter.visitId) add((p) => `visit_id = ${p}`, filter.visitId);
    if (filter.category) add((p) => `category = ${p}`, filter.category);
    if (filter.sentiment) add((p) => `sentiment = ${p}`, filter.sentiment);
    if (filter.leadsToDemand !== undefined) add((p) => `leads_to_demand = ${p}`, filter.leadsToDemand);
    if (filter.includeWithdrawn !== true) where.push('NOT withdrawn');
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { rows } = await this.db.query<{ state: Observation; revision: string; total: string }>(
      `SELECT state, revision::text AS revision, count(*) OVER ()::text AS total FROM rm.observations ${whereSql}
        ORDER BY antenna_id, observed_on NULLS LAST, observation_id
        LIMIT ${filter.limit ?? 200} OFFSET ${filter.offset ?? 0}`,
      params,
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && (filter.offset ?? 0) > 0) {
      const count = await this.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM rm.observations ${whereSql}`,
        params,
      );
      total = Number(count.rows[0]?.n ?? 0);
    }
    return { items: rows.map((row) => toObservationView(row.state, Number(row.revision))), total };
  }
}
