import { type SqlExecutor } from '../../database/database.js';
import { type RecordedEvent } from '../event-store.js';
import { type EventSource } from '../../projections/projection.js';
import { type EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * Feeds the SQL projections from KurrentDB's `$all` (system events excluded), in position order.
 * The projection runner's transaction (`tx`) is the read model's, in SQL: events are not read through it.
 * Exactly-once still holds because the runner stores the checkpoint (a KurrentDB position) in that
 * transaction, with the rows the batch produced.
 */
export class EventStoreDbEventSource implements EventSource {
  readonly kind = 'eventstoredb' as const;

  constructor(private readonly store: Pick<EventStoreDbEventStore, 'readAll' | 'readAllOfTypes'>) {}

  readBatch(_tx: SqlExecutor, after: string | undefined, maxCount: number): Promise<RecordedEvent[]> {
    return this.store.readAll({ after, maxCount });
  }

  /** Only the projection's event types leave the server (a server-side filter on `$all`, ADR 0016). */
  readTypes(
    _tx: SqlExecutor,
    after: string | undefined,
    maxCount: number,
    types: readonly string[],
  ): Promise<{ events: RecordedEvent[]; readTo: string | undefined }> {
    return this.store.readAllOfTypes(after, maxCount, types);
  }

  /** `$all` has no cheap count: the lag is unknown. */
  async countAfter(_after: string | undefined): Promise<number | undefined> {
    return undefined;
  }
}
