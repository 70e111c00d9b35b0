import { type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { foldProjection } from '../../infrastructure/projections/fold-projection.js';
import { organisationOfEvent } from '../../infrastructure/projections/projection.js';
import { OBSERVATION_EVENT_TYPES, type ObservationEvent } from '../domain/observation.events.js';
import { evolve, initialState, type ObservationState } from '../domain/observation.js';

/** One change to an observation, as the history shows it: corrections keep the values they replaced. */
export type ObservationHistoryEntry = {
  revision: number;
  type: ObservationEvent['type'];
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  data: Record<string, unknown>;
};

type ObservationRow = { state: ObservationState; revision: number; history: ObservationHistoryEntry[] };

const toObservationEvent = (event: RecordedEvent) =>
  ({ type: event.type, data: event.data }) as unknown as ObservationEvent;

/**
 * rm.observations: one row per observation with its folded state and its full history. An event at or below the
 * row's revision was already applied and changes nothing.
 */
export const observationsProjection = foldProjection<ObservationRow>({
  name: 'observations',
  version: 1,
  eventTypes: OBSERVATION_EVENT_TYPES,
  tables: ['rm.observations'],
  keyOf: (event) => (typeof event.data.observationId === 'string' ? event.data.observationId : undefined),
  initialState: () => ({ state: initialState(), revision: -1, history: [] }),
  evolve: (row, event) => {
    if (Number(event.revision) <= row.revision) return row;
    const state = evolve(row.state, toObservationEvent(event));
    if (state === row.state) return row;
    const { observationId: _id, ...data } = event.data;
    return {
      state,
      revision: Number(event.revision),
      history: [
        ...row.history,
        {
          revision: Number(event.revision),
          type: event.type as ObservationEvent['type'],
          occurredAt: (event.data.occurredAt as string | undefined) ?? event.recordedAt.toISOString(),
          recordedAt: event.recordedAt.toISOString(),
          actor: event.metadata.actorId ?? null,
          data,
        },
      ],
    };
  },
  load: async (tx, keys) => {
    const { rows } = await tx.query<{
      observation_id: string;
      state: ObservationState;
      revision: string;
      history: ObservationHistoryEntry[];
    }>(
      `SELECT observation_id, state, revision::text AS revision, history FROM rm.observations
        WHERE observation_id = ANY($1::text[])`,
      [keys],
    );
    return new Map(
      rows.map((row) => [
        row.observation_id,
        { state: row.state, revision: Number(row.revision), history: row.history },
      ]),
    );
  },
  save: async (tx, observationId, { state, revision, history }, last) => {
    if (state.status === 'INITIAL') return;
    await tx.query(
      `INSERT INTO rm.observations (observation_id, antenna_id, visit_id, category, topic, sentiment,
         leads_to_demand, withdrawn, observed_on, revision, updated_at, state, history, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (observation_id) DO UPDATE SET antenna_id = EXCLUDED.antenna_id, visit_id = EXCLUDED.visit_id,
         category = EXCLUDED.category, topic = EXCLUDED.topic, sentiment = EXCLUDED.sentiment,
         leads_to_demand = EXCLUDED.leads_to_demand, withdrawn = EXCLUDED.withdrawn,
         observed_on = EXCLUDED.observed_on, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at,
         state = EXCLUDED.state, history = EXCLUDED.history, organisation_id = EXCLUDED.organisation_id`,
      [
        observationId,
        state.antennaId,
        state.visitId,
        state.category,
        state.topic,
        state.sentiment,
        state.leadsToDemand,
        state.status === 'WITHDRAWN',
        state.observedOn,
        revision.toString(),
        last.recordedAt,
        JSON.stringify(state),
        JSON.stringify(history),
        organisationOfEvent(last),
      ],
    );
  },
});
