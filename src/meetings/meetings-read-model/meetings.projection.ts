import { type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { foldProjection } from '../../infrastructure/projections/fold-projection.js';
import { organisationOfEvent } from '../../infrastructure/projections/projection.js';
import { MEETING_EVENT_TYPES, type MeetingEvent } from '../domain/meeting.events.js';
import { meetingDemandLinks } from '../domain/meeting-links.js';
import { evolve, initialState, type MeetingState } from '../domain/meeting.js';

const toMeetingEvent = (event: RecordedEvent) =>
  ({ type: event.type, data: event.data }) as unknown as MeetingEvent;

const STREAM_PREFIX = 'meeting-';

/**
 * rm.meetings: one row per meeting with its folded state and the columns lists filter on.
 * rm.meeting_demand_links: every time a demand came up at the meeting (agenda item, question diverse, statement),
 * derived from the state by `meetingDemandLinks` and rewritten whole on each batch.
 */
export const meetingsProjection = foldProjection<MeetingState>({
  name: 'meetings',
  version: 1,
  eventTypes: MEETING_EVENT_TYPES,
  tables: ['rm.meetings', 'rm.meeting_demand_links'],
  keyOf: (event) =>
    event.streamId.startsWith(STREAM_PREFIX) && typeof event.data.meetingId === 'string'
      ? event.data.meetingId
      : undefined,
  initialState,
  evolve: (state, event) => evolve(state, toMeetingEvent(event)),
  load: async (tx, keys) => {
    const { rows } = await tx.query<{ meeting_id: string; state: MeetingState }>(
      `SELECT meeting_id, state FROM rm.meetings WHERE meeting_id = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((row) => [row.meeting_id, row.state]));
  },
  save: async (tx, meetingId, state, last) => {
    if (state.status === 'INITIAL') return;
    await tx.query(
      `INSERT INTO rm.meetings (meeting_id, instance_id, instance_type, level, kind, scheduled_for, held_on, status,
         minutes_status, revision, updated_at, state, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (meeting_id) DO UPDATE SET instance_id = EXCLUDED.instance_id,
         instance_type = EXCLUDED.instance_type, level = EXCLUDED.level, kind = EXCLUDED.kind,
         scheduled_for = EXCLUDED.scheduled_for, held_on = EXCLUDED.held_on, status = EXCLUDED.status,
         minutes_status = EXCLUDED.minutes_status, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at,
         state = EXCLUDED.state`,
      [
        meetingId,
        state.instanceId,
        state.instanceType,
        state.level,
        state.kind,
        state.scheduledFor,
        state.heldOn,
        state.status,
        state.minutes.status,
        last.revision.toString(),
        last.recordedAt,
        JSON.stringify(state),
        organisationOfEvent(last),
      ],
    );
    await tx.query(`DELETE FROM rm.meeting_demand_links WHERE meeting_id = $1`, [meetingId]);
    const links = meetingDemandLinks(state);
    if (links.length === 0) return;
    await tx.query(
      `INSERT INTO rm.meeting_demand_links (meeting_id, demand_id, kind, ref_id, item_id, statement_id, instance_id,
         meeting_date, title, text, author_role, avis, explicit, linked_at, organisation_id)
       SELECT $1::text, *, $15::text FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::boolean[], $14::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        meetingId,
        links.map((l) => l.demandId),
        links.map((l) => l.kind),
        links.map((l) => l.refId),
        links.map((l) => l.itemId),
        links.map((l) => l.statementId),
        links.map(() => state.instanceId),
        links.map(() => state.heldOn ?? state.scheduledFor),
        links.map((l) => l.title),
        links.map((l) => l.text),
        links.map((l) => l.authorRole),
        links.map((l) => l.avis),
        links.map((l) => l.explicit),
        links.map((l) => l.at),
        organisationOfEvent(last),
      ],
    );
  },
});
