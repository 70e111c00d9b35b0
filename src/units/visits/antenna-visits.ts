import { type SqlExecutor } from '../../infrastructure/database/database.js';

export type LastVisit = { visitId: string; conductedOn: string; sourceRef: string | null };
/** A planned antenna visit not yet recorded as conducted; `plannedFor` is null while the date is open. */
export type PlannedVisit = { visitId: string; plannedFor: string | null };
export type AntennaVisits = { lastVisit: LastVisit | null; nextPlannedVisit: PlannedVisit | null };

/**
 * Per antenna (all of the organisation's, or those listed): the latest visit conducted, and the next pending
 * plan — the earliest one dated today or later, else one with no date yet, else the latest past-dated one that
 * was never recorded as conducted.
 */
export async function visitsByAntenna(
  db: SqlExecutor,
  today: string,
  scope: { antennaIds?: readonly string[]; organisationId?: string } = {},
): Promise<Map<string, AntennaVisits>> {
  // $1: the organisation (null: all), $2: the antennas (null: all).
  const scoped = `($1::text IS NULL OR organisation_id = $1) AND ($2::text[] IS NULL OR antenna_id = ANY($2::text[]))`;
  const params = [scope.organisationId ?? null, scope.antennaIds ?? null];
  const [last, next] = await Promise.all([
    db.query<{ antenna_id: string; visit_id: string; conducted_on: string; source_ref: string | null }>(
      `SELECT DISTINCT ON (antenna_id) antenna_id, visit_id, conducted_on, source_ref
         FROM rm.visits WHERE conducted_on IS NOT NULL AND ${scoped}
        ORDER BY antenna_id, conducted_on DESC, visit_id`,
      params,
    ),
    db.query<{ antenna_id: string; visit_id: string; planned_for: string | null }>(
      `SELECT DISTINCT ON (antenna_id) antenna_id, visit_id, planned_for
         FROM rm.visits WHERE planned AND conducted_on IS NULL AND ${scoped}
        ORDER BY antenna_id,
                 CASE WHEN planned_for >= $3 THEN 0 WHEN planned_for IS NULL THEN 1 ELSE 2 END,
                 CASE WHEN planned_for >= $3 THEN planned_for END ASC,
                 planned_for DESC, visit_id`,
      [...params, today],
    ),
  ]);
  const result = new Map<string, AntennaVisits>();
  const entry = (antennaId: string): AntennaVisits => {
    const found = result.get(antennaId) ?? { lastVisit: null, nextPlannedVisit: null };
    result.set(antennaId, found);
    return found;
  };
  for (const row of last.rows) {
    entry(row.antenna_id).lastVisit = {
      visitId: row.visit_id,
      conductedOn: row.conducted_on,
      sourceRef: row.source_ref,
    };
  }
  for (const row of next.rows) {
    entry(row.antenna_id).nextPlannedVisit = { visitId: row.visit_id, plannedFor: row.planned_for };
  }
  return result;
}
