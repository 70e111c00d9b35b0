import { type AppConfig } from '../../config/app-config.js';
import { type Database } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { type EventStore } from '../event-store/event-store.js';
import { openEventSource, openEventStore } from '../event-store/open-event-store.js';
import { type EventSource } from '../projections/projection.js';

export type Storage = { db: Database; store: EventStore; source: EventSource; close: () => Promise<void> };

/** The same storage the application opens, for command-line tools: database (migrated), event store, source. */
export async function openStorage(config: AppConfig): Promise<Storage> {
  const db = await openDatabase(config, (error) => console.error(`database: ${error.message}`));
  await migrate(db);
  const store = await openEventStore(config, db);
  const source = await openEventSource(store, db);
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
