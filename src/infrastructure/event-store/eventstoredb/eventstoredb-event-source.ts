import { type SqlExecutor } from '../../database/database.js';
import { type EventStore, type RecordedEvent } from '../event-store.js';
import { type EventSource } from '../../projections/projection.js';

/**
 * Feeds the SQL projections from EventStoreDB's `$all` (system events excluded), in position order.
 * The projection runner's transaction (`tx`) is the read model's, in SQL: events are not read through it.
 * Exactly-once still holds because the runner stores the checkpoint (an EventStoreDB position) in that
 * transaction, with the rows the batch produced.
 */
export class EventStoreDbEventSource implements EventSource {
  readonly kind = 'eventstoredb' as const;

  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  readBatch(_tx: SqlExecutor, after: string | undefined, maxCount: number): Promise<RecordedEvent[]> {
    return this.store.readAll({ after, maxCount });
  }

  /** `$all` has no cheap count: the lag is unknown. */
  async countAfter(_after: string | undefined): Promise<number | undefined> {
    return undefined;
  }
}
