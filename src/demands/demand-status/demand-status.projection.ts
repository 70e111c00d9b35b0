import { type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { foldProjection } from '../../infrastructure/projections/fold-projection.js';
import { organisationOfEvent } from '../../infrastructure/projections/projection.js';
import { DEMAND_EVENT_TYPES, type DemandEvent } from '../domain/demand.events.js';
import { type DemandState, evolve, initialState, isTerminal } from '../domain/demand.js';

const toDemandEvent = (event: RecordedEvent) =>
  ({ type: event.type, data: event.data }) as unknown as DemandEvent;

/** rm.demand_status: one row per demand with its folded state and the columns lists filter on. */
export const demandStatusProjection = foldProjection<DemandState & { revision?: string }>({
  name: 'demand_status',
  // 2: categories read through the version-2 upcaster (thematic categories).
  version: 2,
  eventTypes: DEMAND_EVENT_TYPES,
  tables: ['rm.demand_status'],
  keyOf: (event) => (typeof event.data.demandId === 'string' ? event.data.demandId : undefined),
  initialState,
  evolve: (state, event) => evolve(state, toDemandEvent(event)),
  load: async (tx, keys) => {
    const { rows } = await tx.query<{ demand_id: string; state: DemandState }>(
      `SELECT demand_id, state FROM rm.demand_status WHERE demand_id = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((row) => [row.demand_id, row.state]));
  },
  save: async (tx, demandId, state, last) => {
    if (state.status === 'INITIAL') return;
    const awaiting = isTerminal(state.status) ? null : state.responseDueAt;
    const openDue = isTerminal(state.status)
      ? null
      : (state.commitments
          .filter((c) => c.status === 'open')
          .map((c) => c.dueAt)
          .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null);
    await tx.query(
      `INSERT INTO rm.demand_status (demand_id, antenna_id, status, category, priority, level, explicit, title,
         times_asked, awaiting_response_until, open_commitment_due_at, raised_at, revision, updated_at, state, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (demand_id) DO UPDATE SET antenna_id = EXCLUDED.antenna_id, status = EXCLUDED.status,
         category = EXCLUDED.category, priority = EXCLUDED.priority, level = EXCLUDED.level,
         explicit = EXCLUDED.explicit, title = EXCLUDED.title, times_asked = EXCLUDED.times_asked,
         awaiting_response_until = EXCLUDED.awaiting_response_until,
         open_commitment_due_at = EXCLUDED.open_commitment_due_at, raised_at = EXCLUDED.raised_at,
         revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at, state = EXCLUDED.state`,
      [
        demandId,
        state.antennaId,
        state.status,
        state.category,
        state.priority,
        state.level,
        state.explicit,
        state.title,
        state.timesAsked,
        awaiting,
        openDue,
        state.raisedAt ?? state.draftedAt,
        last.revision.toString(),
        last.recordedAt,
        JSON.stringify(state),
        organisationOfEvent(last),
      ],
    );
  },
});
