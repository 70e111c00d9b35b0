import { type AppConfig } from '../../config/app-config.js';
import { type Database } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { type EventStore } from '../event-store/event-store.js';
import { EventStoreDbEventSource } from '../event-store/eventstoredb/eventstoredb-event-source.js';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store.js';
import { openEventStore } from '../event-store/open-event-store.js';
import { type EventSource } from '../projections/projection.js';
import { SqlEventSource } from '../projections/sql-event-source.js';

export type Storage = { db: Database; store: EventStore; source: EventSource; close: () => Promise<void> };

/** The same storage the application opens, for command-line tools: database (migrated), event store, source. */
export async function openStorage(config: AppConfig): Promise<Storage> {
  const db = await openDatabase(config, (error) => console.error(`database: ${error.message}`));
  await migrate(db);
  const store = openEventStore(config, db);
  const source =
    store instanceof EventStoreDbEventStore ? new EventStoreDbEventSource(store) : new SqlEventSource(db);
  return {
    db,
    store,
    source,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}
