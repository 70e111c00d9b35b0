import { organisationOfEvent, type Projection } from '../../infrastructure/projections/projection.js';
import { type UnitRegistered } from '../domain/units.events.js';

/** rm.units: one row per registered unit (DAP > DISP > SPIP > SIEGE | ANTENNA). Upserts, so a replay changes nothing. */
export const unitsProjection: Projection = {
  name: 'units',
  version: 1,
  eventTypes: ['UnitRegistered'] satisfies UnitRegistered['type'][],
  tables: ['rm.units'],
  async apply(events, tx) {
    for (const event of events) {
      const data = event.data as UnitRegistered['data'];
      if (typeof data.unitId !== 'string') continue;
      await tx.query(
        `INSERT INTO rm.units (unit_id, kind, name, parent_id, milieu, establishment, registered_at, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (unit_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
           parent_id = EXCLUDED.parent_id, milieu = EXCLUDED.milieu, establishment = EXCLUDED.establishment,
           registered_at = EXCLUDED.registered_at, organisation_id = EXCLUDED.organisation_id`,
        [
          data.unitId,
          data.kind,
          data.name,
          data.parentId ?? null,
          data.milieu ?? null,
          data.establishment ?? null,
          data.occurredAt,
          organisationOfEvent(event),
        ],
      );
    }
  },
};
