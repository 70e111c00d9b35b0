import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Actor, describeActors } from '../../accounts/actors.js';
import { organisationOf } from '../../infrastructure/commands/access.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { type AsOf, isKnownAt } from '../as-of.js';
import { DemandNotFoundError } from '../domain/demand.errors.js';
import { demandStreamId } from '../domain/demand.js';

export type DemandHistoryEntry = {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  /** The account id (or `demo`, `system:…`) that recorded the event. */
  actorId: string | null;
  /** Who recorded it, by name and role. */
  actor: Actor | null;
  data: Record<string, unknown>;
  /** Management's exact words, when the event carries them. */
  managementWords: string | null;
};

export class GetDemandHistoryQuery extends Query<{ items: DemandHistoryEntry[] }> {
  constructor(
    readonly demandId: string,
    readonly asOf?: AsOf,
    readonly organisationId?: string,
  ) {
    super();
  }
}

const wordsOf = (type: string, data: Record<string, unknown>): string | null =>
  type === 'ManagementResponseReceived' && typeof data.text === 'string' ? data.text : null;

@QueryHandler(GetDemandHistoryQuery)
export class GetDemandHistoryHandler implements IQueryHandler<GetDemandHistoryQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({
    demandId,
    asOf,
    organisationId,
  }: GetDemandHistoryQuery): Promise<{ items: DemandHistoryEntry[] }> {
    if (asOf) {
      // From the events themselves: what had happened (or was known) by that date.
      const stream = await this.store.readStream(demandStreamId(demandId));
      if (organisationId && stream.length > 0 && organisationOf(stream) !== organisationId) {
        throw new DemandNotFoundError(demandId);
      }
      const events = stream.filter((e) => isKnownAt(e, asOf));
      if (events.length === 0) throw new DemandNotFoundError(demandId);
      const actors = await describeActors(
        this.db,
        organisationId ?? organisationOf(stream),
        events.map((e) => e.metadata.actorId),
      );
      return {
        items: events.map((e) => ({
          revision: Number(e.revision),
          eventId: e.eventId,
          type: e.type,
          occurredAt: e.metadata.occurredAt ?? null,
          recordedAt: e.recordedAt.toISOString(),
          actorId: e.metadata.actorId ?? null,
          actor: e.metadata.actorId ? (actors.get(e.metadata.actorId) ?? null) : null,
          data: e.data,
          managementWords: wordsOf(e.type, e.data),
        })),
      };
    }
    const { rows } = await this.db.query<{
      revision: string;
      event_id: string;
      event_type: string;
      occurred_at: Date | null;
      recorded_at: Date;
      actor_id: string | null;
      data: Record<string, unknown>;
    }>(
      // Ordered by the numeric column (h.revision), not by the text alias: revision 10 comes after 9.
      `SELECT h.revision::text AS revision, h.event_id::text AS event_id, h.event_type, h.occurred_at, h.recorded_at,
              h.actor_id, h.data
         FROM rm.demand_history h
        WHERE h.demand_id = $1 AND ($2::text IS NULL OR h.organisation_id = $2) ORDER BY h.revision`,
      [demandId, organisationId ?? null],
    );
    if (rows.length === 0) throw new DemandNotFoundError(demandId);
    const actors = await describeActors(
      this.db,
      organisationId,
      rows.map((row) => row.actor_id),
    );
    return {
      items: rows.map((row) => ({
        revision: Number(row.revision),
        eventId: row.event_id,
        type: row.event_type,
        occurredAt: row.occurred_at ? new Date(row.occurred_at).toISOString() : null,
        recordedAt: new Date(row.recorded_at).toISOString(),
        actorId: row.actor_id,
        actor: row.actor_id ? (actors.get(row.actor_id) ?? null) : null,
        data: row.data,
        managementWords: wordsOf(row.event_type, row.data),
      })),
    };
  }
}
