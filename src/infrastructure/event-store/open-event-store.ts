import { type AppConfig } from '../../config/app-config.js';
import { type Database } from '../database/database.js';
import { type EventSource } from '../projections/projection.js';
import { SqlEventSource } from '../projections/sql-event-source.js';
import { type EventStore } from './event-store.js';
import { SqlEventStore } from './sql/sql-event-store.js';

/**
 * EVENTSTORE_URL set: events live in KurrentDB / EventStoreDB (its gRPC client is loaded only then, which keeps
 * it off the start of every other setup). Otherwise in the SQL database (PostgreSQL or PGlite).
 */
export async function openEventStore(
  config: Pick<AppConfig, 'EVENTSTORE_URL'>,
  db: Database | undefined,
): Promise<EventStore> {
  if (config.EVENTSTORE_URL) {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
    return new EventStoreDbEventStore(config.EVENTSTORE_URL);
  }
  if (!db) throw new Error('openEventStore: no SQL database and no EVENTSTORE_URL');
  return new SqlEventStore(db);
}

/** What the projections read: the SQL events table, or KurrentDB's `$all` (filtered on the server by type). */
export async function openEventSource(store: EventStore, db: Database): Promise<EventSource> {
  if (store instanceof SqlEventStore) return new SqlEventSource(db);
  const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
  if (!(store instanceof EventStoreDbEventStore)) throw new Error('openEventSource: unknown event store');
  const { EventStoreDbEventSource } = await import('./eventstoredb/eventstoredb-event-source.js');
  return new EventStoreDbEventSource(store);
}
