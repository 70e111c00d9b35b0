import { type Database, type SqlExecutor } from '../database/database.js';
import { type RecordedEvent } from '../event-store/event-store.js';
import { readAllFrom, readTypesFrom } from '../event-store/sql/sql-event-store.js';
import { parsePosition } from '../event-store/sql/position.js';
import { type EventSource } from './projection.js';

/** Reads the events table inside the projection's own transaction (one statement, one snapshot). */
export class SqlEventSource implements EventSource {
  readonly kind = 'sql' as const;

  constructor(private readonly db: Database) {}

  readBatch(tx: SqlExecutor, after: string | undefined, maxCount: number): Promise<RecordedEvent[]> {
    return readAllFrom(tx, { after, maxCount });
  }

  readTypes(
    tx: SqlExecutor,
    after: string | undefined,
    maxCount: number,
    types: readonly string[],
  ): Promise<{ events: RecordedEvent[]; readTo: string | undefined }> {
    return readTypesFrom(tx, { after, maxCount, types });
  }

  async countAfter(after: string | undefined): Promise<number> {
    const { txid, gp } = parsePosition(after ?? '0:0');
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM es.events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)`,
      [txid.toString(), gp.toString()],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
