import {
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.js';

/** EventStoreDB adapter (placeholder: being written). */
export class EventStoreDbEventStore implements EventStore {
  constructor(readonly connectionString: string) {}
  appendToStream(_s: string, _e: ExpectedRevision, _ev: readonly EventToAppend[]): Promise<AppendResult> {
    throw new Error('not implemented');
  }
  readStream(_s: string, _o?: ReadStreamOptions): Promise<RecordedEvent[]> {
    throw new Error('not implemented');
  }
  readAll(_o?: ReadAllOptions): Promise<RecordedEvent[]> {
    throw new Error('not implemented');
  }
  headPosition(): Promise<string | undefined> {
    throw new Error('not implemented');
  }
  async close(): Promise<void> {}
}
