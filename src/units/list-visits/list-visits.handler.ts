import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { VisitNotFoundError } from '../domain/units.errors.js';

/** One antenna of a visit: whether the plan listed it (and for when), and the day it was visited. */
export type VisitStop = {
  antennaId: string;
  planned: boolean;
  plannedFor: string | null;
  conductedOn: string | null;
  sourceRef: string | null;
};

export type VisitSummary = {
  visitId: string;
  /** PLANNED until an antenna of it has been visited. */
  status: 'PLANNED' | 'CONDUCTED';
  /** The earliest planned or conducted day (null: a plan with no date yet). */
  day: string | null;
  stops: VisitStop[];
};

export type VisitList = { items: VisitSummary[] };

/** Visits of the reader's organisation, latest first; or the one visit asked for (404 when not its own). */
export class ListVisitsQuery extends Query<VisitList> {
  constructor(
    readonly organisationId?: string,
    readonly filter: { visitId?: string; antennaId?: string; limit?: number } = {},
  ) {
    super();
  }
}

@QueryHandler(ListVisitsQuery)
export class ListVisitsHandler implements IQueryHandler<ListVisitsQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async execute({ organisationId, filter }: ListVisitsQuery): Promise<VisitList> {
    const { rows } = await this.db.query<{
      visit_id: string;
      antenna_id: string;
      planned: boolean;
      planned_for: string | null;
      conducted_on: string | null;
      source_ref: string | null;
    }>(
      `WITH chosen AS (
         SELECT visit_id, min(COALESCE(conducted_on, planned_for)) AS day FROM rm.visits
          WHERE ($1::text IS NULL OR organisation_id = $1) AND ($2::text IS NULL OR visit_id = $2)
            AND ($3::text IS NULL OR visit_id IN (SELECT visit_id FROM rm.visits WHERE antenna_id = $3))
          GROUP BY visit_id
          ORDER BY day DESC NULLS FIRST, visit_id
          LIMIT $4)
       SELECT v.visit_id, v.antenna_id, v.planned, v.planned_for, v.conducted_on, v.source_ref
         FROM rm.visits v JOIN chosen c USING (visit_id)
        ORDER BY c.day DESC NULLS FIRST, v.visit_id, COALESCE(v.conducted_on, v.planned_for), v.antenna_id`,
      [organisationId ?? null, filter.visitId ?? null, filter.antennaId ?? null, filter.limit ?? 50],
    );
    const visits = new Map<string, VisitSummary>();
    for (const row of rows) {
      const visit = visits.get(row.visit_id) ?? {
        visitId: row.visit_id,
        status: 'PLANNED' as const,
        day: null,
        stops: [],
      };
      visits.set(row.visit_id, visit);
      visit.stops.push({
        antennaId: row.antenna_id,
        planned: row.planned,
        plannedFor: row.planned_for,
        conductedOn: row.conducted_on,
        sourceRef: row.source_ref,
      });
      if (row.conducted_on !== null) visit.status = 'CONDUCTED';
      const day = row.conducted_on ?? row.planned_for;
      if (day !== null && (visit.day === null || day < visit.day)) visit.day = day;
    }
    if (filter.visitId !== undefined && visits.size === 0) throw new VisitNotFoundError(filter.visitId);
    return { items: [...visits.values()] };
  }
}
