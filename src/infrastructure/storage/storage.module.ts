import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DATABASE, type Database } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.js';
import { openEventSource, openEventStore } from '../event-store/open-event-store.js';
import { EVENT_SOURCE } from '../projections/projections.tokens.js';
import { type EventSource } from '../projections/projection.js';

class StorageLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

/** Opens the database (PostgreSQL or embedded PGlite), applies migrations, and provides the event store. */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<Database> => {
        const logger = new Logger('Storage');
        const db = await openDatabase(config, (error) => logger.error(`database: ${error.message}`));
        const { from, to } = await migrate(db);
        logger.log(
          `${db.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.DATA_DIR}`}; schema version ${from} → ${to}`,
        );
        return db;
      },
    },
    {
      provide: EVENT_STORE,
      inject: [AppConfig, DATABASE],
      useFactory: (config: AppConfig, db: Database): Promise<EventStore> => openEventStore(config, db),
    },
    {
      provide: EVENT_SOURCE,
      inject: [DATABASE, EVENT_STORE],
      useFactory: (db: Database, store: EventStore): Promise<EventSource> => openEventSource(store, db),
    },
    StorageLifecycle,
  ],
  exports: [DATABASE, EVENT_STORE, EVENT_SOURCE],
})
export class StorageModule {}
