import { organisationOfEvent, type Projection } from '../../infrastructure/projections/projection.js';
import { type StaffingSnapshotRecorded } from '../domain/units.events.js';

/**
 * rm.staffing_snapshots: every staffing snapshot of every antenna, as recorded (ratios are computed when read, so
 * that other reference ratios can be applied). Keyed by (antenna, snapshot): a replay changes nothing.
 */
export const staffingSnapshotsProjection: Projection = {
  name: 'staffing_snapshots',
  version: 1,
  eventTypes: ['StaffingSnapshotRecorded'] satisfies StaffingSnapshotRecorded['type'][],
  tables: ['rm.staffing_snapshots'],
  async apply(events, tx) {
    for (const event of events) {
      const data = event.data as StaffingSnapshotRecorded['data'];
      if (typeof data.unitId !== 'string' || typeof data.snapshotId !== 'string') continue;
      await tx.query(
        `INSERT INTO rm.staffing_snapshots (antenna_id, snapshot_id, revision, as_of, lines, caseload, assumptions,
           illustrative, recorded_at, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (antenna_id, snapshot_id) DO UPDATE SET revision = EXCLUDED.revision, as_of = EXCLUDED.as_of,
           lines = EXCLUDED.lines, caseload = EXCLUDED.caseload, assumptions = EXCLUDED.assumptions,
           illustrative = EXCLUDED.illustrative, recorded_at = EXCLUDED.recorded_at,
           organisation_id = EXCLUDED.organisation_id`,
        [
          data.unitId,
          data.snapshotId,
          event.revision.toString(),
          data.asOf,
          JSON.stringify(data.lines ?? []),
          JSON.stringify(data.caseload ?? {}),
          JSON.stringify(data.assumptions ?? []),
          data.illustrative ?? false,
          event.recordedAt,
          organisationOfEvent(event),
        ],
      );
    }
  },
};
