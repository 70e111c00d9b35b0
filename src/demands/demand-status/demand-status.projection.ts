import { type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { type FoldedRow, foldProjection } from '../../infrastructure/projections/fold-projection.js';
import { organisationOfEvent } from '../../infrastructure/projections/projection.js';
import { DEMAND_EVENT_TYPES, type DemandEvent } from '../domain/demand.events.js';
import { type DemandState, evolve, initialState, isTerminal } from '../domain/demand.js';

const toDemandEvent = (event: RecordedEvent) =>
  ({ type: event.type, data: event.data }) as unknown as DemandEvent;

type Known = Exclude<DemandState, { status: 'INITIAL' }>;

const openCommitmentDueAt = (state: Known): string | null =>
  isTerminal(state.status)
    ? null
    : (state.commitments
        .filter((c) => c.status === 'open')
        .map((c) => c.dueAt)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null);

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
  // Every demand the batch touched, in one statement.
  saveAll: async (tx, folded) => {
    const rows = folded.filter((row): row is FoldedRow<Known> => row.state.status !== 'INITIAL');
    if (rows.length === 0) return;
    const column = <T>(of: (row: FoldedRow<Known>) => T): T[] => rows.map(of);
    await tx.query(
      `INSERT INTO rm.demand_status (demand_id, antenna_id, status, category, priority, level, explicit, title,
         times_asked, awaiting_response_until, open_commitment_due_at, raised_at, revision, updated_at, state, organisation_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[],
         $8::text[], $9::int[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::bigint[],
         $14::timestamptz[], $15::jsonb[], $16::text[])
       ON CONFLICT (demand_id) DO UPDATE SET antenna_id = EXCLUDED.antenna_id, status = EXCLUDED.status,
         category = EXCLUDED.category, priority = EXCLUDED.priority, level = EXCLUDED.level,
         explicit = EXCLUDED.explicit, title = EXCLUDED.title, times_asked = EXCLUDED.times_asked,
         awaiting_response_until = EXCLUDED.awaiting_response_until,
         open_commitment_due_at = EXCLUDED.open_commitment_due_at, raised_at = EXCLUDED.raised_at,
         revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at, state = EXCLUDED.state`,
      [
        column((row) => row.key),
        column((row) => row.state.antennaId ?? null),
        column((row) => row.state.status),
        column((row) => row.state.category ?? null),
        column((row) => row.state.priority ?? null),
        column((row) => row.state.level ?? null),
        column((row) => row.state.explicit ?? null),
        column((row) => row.state.title ?? null),
        column((row) => row.state.timesAsked),
        column((row) => (isTerminal(row.state.status) ? null : (row.state.responseDueAt ?? null))),
        column((row) => openCommitmentDueAt(row.state)),
        column((row) => row.state.raisedAt ?? row.state.draftedAt ?? null),
        column((row) => row.last.revision.toString()),
        column((row) => row.last.recordedAt),
        column((row) => JSON.stringify(row.state)),
        column((row) => organisationOfEvent(row.last)),
      ],
    );
  },
});
