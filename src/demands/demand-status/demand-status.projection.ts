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
  // Every event of a demand is in its own stream: the row's revision says which are in it already.
  loadApplied: async (tx, keys) => {
    const { rows } = await tx.query<{ demand_id: string; state: DemandState; revision: string }>(
      `SELECT demand_id, state, revision::text AS revision FROM rm.demand_status WHERE demand_id = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((row) => [row.demand_id, { state: row.state, revision: BigInt(row.revision) }]));
  },
  // Written in the command's own transaction (ADR 0021): a 201 shows in the lists without waiting for the runner.
  inline: true,
  // Every demand the batch touched, in one statement; never back to an older revision (the runner and the inline
  // writer may meet on a row). The rows travel as one JSON document (the states nested, not
  // encoded a second time as strings inside a text array).
  saveAll: async (tx, folded) => {
    const rows = folded.filter((row): row is FoldedRow<Known> => row.state.status !== 'INITIAL');
    if (rows.length === 0) return;
    const payload = rows.map((row) => ({
      demand_id: row.key,
      antenna_id: row.state.antennaId ?? null,
      status: row.state.status,
      category: row.state.category ?? null,
      priority: row.state.priority ?? null,
      level: row.state.level ?? null,
      explicit: row.state.explicit ?? null,
      title: row.state.title ?? null,
      times_asked: row.state.timesAsked,
      awaiting_response_until: isTerminal(row.state.status) ? null : (row.state.responseDueAt ?? null),
      open_commitment_due_at: openCommitmentDueAt(row.state),
      raised_at: row.state.raisedAt ?? row.state.draftedAt ?? null,
      revision: row.last.revision.toString(),
      updated_at: row.last.recordedAt,
      state: row.state,
      organisation_id: organisationOfEvent(row.last),
    }));
    await tx.query(
      `INSERT INTO rm.demand_status (demand_id, antenna_id, status, category, priority, level, explicit, title,
         times_asked, awaiting_response_until, open_commitment_due_at, raised_at, revision, updated_at, state, organisation_id)
       SELECT demand_id, antenna_id, status, category, priority, level, explicit, title, times_asked,
              awaiting_response_until, open_commitment_due_at, raised_at, revision, updated_at, state, organisation_id
         FROM jsonb_to_recordset($1::jsonb) AS r(demand_id text, antenna_id text, status text, category text,
              priority text, level text, explicit boolean, title text, times_asked int,
              awaiting_response_until timestamptz, open_commitment_due_at timestamptz, raised_at timestamptz,
              revision bigint, updated_at timestamptz, state jsonb, organisation_id text)
       ON CONFLICT (demand_id) DO UPDATE SET antenna_id = EXCLUDED.antenna_id, status = EXCLUDED.status,
         category = EXCLUDED.category, priority = EXCLUDED.priority, level = EXCLUDED.level,
         explicit = EXCLUDED.explicit, title = EXCLUDED.title, times_asked = EXCLUDED.times_asked,
         awaiting_response_until = EXCLUDED.awaiting_response_until,
         open_commitment_due_at = EXCLUDED.open_commitment_due_at, raised_at = EXCLUDED.raised_at,
         revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at, state = EXCLUDED.state
       WHERE rm.demand_status.revision < EXCLUDED.revision`,
      [JSON.stringify(payload)],
      { prepareAs: 'rm_demand_status_save' },
    );
  },
});
