import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { DemandNotFoundError } from '../domain/demand.errors.js';

export type DemandHistoryEntry = {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  actor: string | null;
  data: Record<string, unknown>;
  /** Management's exact words, when the event carries them. */
  managementWords: string | null;
};

export class GetDemandHistoryQuery extends Query<{ items: DemandHistoryEntry[] }> {
  constructor(readonly demandId: string) {
    super();
  }
}

@QueryHandler(GetDemandHistoryQuery)
export class GetDemandHistoryHandler implements IQueryHandler<GetDemandHistoryQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async execute({ demandId }: GetDemandHistoryQuery): Promise<{ items: DemandHistoryEntry[] }> {
    const { rows } = await this.db.query<{
      revision: string;
      event_id: string;
      event_type: string;
      occurred_at: Date | null;
      recorded_at: Date;
      actor_id: string | null;
      data: Record<string, unknown>;
    }>(
      `SELECT revision::text AS revision, event_id::text AS event_id, event_type, occurred_at, recorded_at, actor_id, data
         FROM rm.demand_history WHERE demand_id = $1 ORDER BY revision`,
      [demandId],
    );
    if (rows.length === 0) throw new DemandNotFoundError(demandId);
    return {
      items: rows.map((row) => ({
        revision: Number(row.revision),
        eventId: row.event_id,
        type: row.event_type,
        occurredAt: row.occurred_at ? new Date(row.occurred_at).toISOString() : null,
        recordedAt: new Date(row.recorded_at).toISOString(),
        actor: row.actor_id,
        data: row.data,
        managementWords: row.event_type === 'ManagementResponseReceived' ? (row.data.text as string) : null,
      })),
    };
  }
}
