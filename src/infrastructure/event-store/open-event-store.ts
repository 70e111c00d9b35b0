import { type AppConfig } from '../../config/app-config.js';
import { type Database } from '../database/database.js';
import { type EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqlEventStore } from './sql/sql-event-store.js';

/** EVENTSTORE_URL set: events live in EventStoreDB. Otherwise in the SQL database (PostgreSQL or PGlite). */
export const openEventStore = (config: Pick<AppConfig, 'EVENTSTORE_URL'>, db: Database): EventStore =>
  config.EVENTSTORE_URL ? new EventStoreDbEventStore(config.EVENTSTORE_URL) : new SqlEventStore(db);
