import { Test } from '@nestjs/testing';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { AppConfig, validateConfig } from '../../src/config/app-config.js';
import { DATABASE } from '../../src/infrastructure/database/database.js';
import { PgDatabase } from '../../src/infrastructure/database/pg-database.js';
import { Clock } from '../../src/infrastructure/time/clock.js';
import { createPgTestDatabase, type TestDatabase } from './databases.js';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private current = new Date('2024-02-23T10:00:00Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export type TestApp = {
  app: NestExpressApplication;
  clock: TestClock;
  database: TestDatabase;
  close: () => Promise<void>;
};

/** The real application (AppModule, same setup as main.ts) on a fresh PostgreSQL database, with a test clock. */
export async function createTestApp(
  env: Record<string, string> = {},
  shared?: TestDatabase,
): Promise<TestApp> {
  // With `shared`, a second instance of the application on the same database (its own pool; drop left to the owner).
  const database: TestDatabase = shared
    ? {
        db: new PgDatabase({ connectionString: shared.url ?? '' }),
        url: shared.url,
        drop: async () => undefined,
      }
    : await createPgTestDatabase();
  const clock = new TestClock();
  const config = validateConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PROJECTION_POLL_MS: '200',
    LOG_LEVEL: 'error',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(DATABASE)
    .useValue(database.db)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  return {
    app,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
