import { type SqlExecutor } from '../../database/database.js';
import { type RecordedEvent } from '../event-store.js';
import { type EventSource } from '../../projections/projection.js';
import { type EventStoreDbEventStore } from './eventstoredb-event-store.js';

/** Feeds SQL projections from EventStoreDB's $all (placeholder: being written). */
export class EventStoreDbEventSource implements EventSource {
  readonly kind = 'eventstoredb' as const;
  constructor(private readonly store: EventStoreDbEventStore) {}
  readBatch(_tx: SqlExecutor, after: string | undefined, maxCount: number): Promise<RecordedEvent[]> {
    return this.store.readAll({ after, maxCount });
  }
  async countAfter(): Promise<number | undefined> {
    return undefined;
  }
}
