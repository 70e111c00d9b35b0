import { parsePosition } from '../../infrastructure/event-store/sql/position.js';
import { organisationOfEvent, type Projection } from '../../infrastructure/projections/projection.js';
import { DEMAND_EVENT_TYPES } from '../domain/demand.events.js';

/** rm.demand_history: every event of every demand, keyed by (demand, revision) so a replay changes nothing. */
export const demandHistoryProjection: Projection = {
  name: 'demand_history',
  version: 1,
  eventTypes: DEMAND_EVENT_TYPES,
  tables: ['rm.demand_history'],
  async apply(events, tx) {
    const rows = events.filter((event) => typeof event.data.demandId === 'string');
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO rm.demand_history (demand_id, revision, event_id, event_type, occurred_at, recorded_at, actor_id, data,
                                     organisation_id)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                            $7::text[], $8::jsonb[], $9::text[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((e) => e.data.demandId as string),
        rows.map((e) => e.revision.toString()),
        rows.map((e) => e.eventId),
        rows.map((e) => e.type),
        rows.map((e) => e.metadata.occurredAt ?? (e.data.occurredAt as string | undefined) ?? null),
        rows.map((e) => e.recordedAt),
        rows.map((e) => e.metadata.actorId ?? null),
        rows.map((e) => JSON.stringify(e.data)),
        rows.map(organisationOfEvent),
      ],
    );
  },
  // Inline (ADR 0021): the appended events' rows, copied in the append's own transaction.
  applyInline(_stream, appended, tx) {
    return demandHistoryProjection.applyInStore?.(appended, tx) ?? Promise.resolve();
  },
  // The same rows, copied by the database from the events' own rows (found by their global position, the
  // table's key): no JSON decoded or encoded on the way.
  async applyInStore(events, tx) {
    await tx.query(
      `INSERT INTO rm.demand_history (demand_id, revision, event_id, event_type, occurred_at, recorded_at, actor_id, data,
                                     organisation_id)
       SELECT e.data ->> 'demandId', e.revision, e.event_id, e.event_type,
              coalesce(e.metadata ->> 'occurredAt', e.data ->> 'occurredAt')::timestamptz, e.recorded_at,
              e.metadata ->> 'actorId', e.data, coalesce(e.metadata ->> 'organisationId', 'default')
         FROM es.events AS e
        WHERE e.global_position = ANY($1::bigint[]) AND jsonb_typeof(e.data -> 'demandId') = 'string'
       ON CONFLICT DO NOTHING`,
      [events.map((event) => parsePosition(event.position).gp.toString())],
      { prepareAs: 'rm_demand_history_copy' },
    );
  },
};
