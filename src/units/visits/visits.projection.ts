import { organisationOfEvent, type Projection } from '../../infrastructure/projections/projection.js';
import { VISIT_EVENT_TYPES, type VisitConducted, type VisitPlanned } from '../domain/units.events.js';

/**
 * rm.visits: one row per visit and antenna. A plan writes a row per planned antenna; a conducted visit fills in
 * its date (and adds a row for an antenna the plan did not list). Upserts that never erase the other event's
 * columns, so a replay changes nothing.
 */
export const visitsProjection: Projection = {
  name: 'visits',
  version: 1,
  eventTypes: VISIT_EVENT_TYPES,
  tables: ['rm.visits'],
  async apply(events, tx) {
    for (const event of events) {
      if (event.type === 'VisitPlanned') {
        const data = event.data as VisitPlanned['data'];
        for (const antennaId of data.antennaIds ?? []) {
          await tx.query(
            `INSERT INTO rm.visits (visit_id, antenna_id, planned, planned_for, updated_at, organisation_id)
             VALUES ($1, $2, true, $3, $4, $5)
             ON CONFLICT (visit_id, antenna_id) DO UPDATE SET planned = true, planned_for = EXCLUDED.planned_for,
               updated_at = EXCLUDED.updated_at, organisation_id = EXCLUDED.organisation_id`,
            [data.visitId, antennaId, data.plannedFor ?? null, event.recordedAt, organisationOfEvent(event)],
          );
        }
      } else if (event.type === 'VisitConducted') {
        const data = event.data as VisitConducted['data'];
        await tx.query(
          `INSERT INTO rm.visits (visit_id, antenna_id, planned, conducted_on, source_ref, updated_at, organisation_id)
           VALUES ($1, $2, false, $3, $4, $5, $6)
           ON CONFLICT (visit_id, antenna_id) DO UPDATE SET conducted_on = EXCLUDED.conducted_on,
             source_ref = EXCLUDED.source_ref, updated_at = EXCLUDED.updated_at,
             organisation_id = EXCLUDED.organisation_id`,
          [
            data.visitId,
            data.antennaId,
            data.conductedOn,
            data.sourceRef ?? null,
            event.recordedAt,
            organisationOfEvent(event),
          ],
        );
      }
    }
  },
};
