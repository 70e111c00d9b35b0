import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccountsRepository } from '../../src/accounts/accounts.repository.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { type Role } from '../../src/accounts/roles.js';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { AppConfig, validateConfig } from '../../src/config/app-config.js';
import { DATABASE } from '../../src/infrastructure/database/database.js';
import { PgDatabase } from '../../src/infrastructure/database/pg-database.js';
import { Clock } from '../../src/infrastructure/time/clock.js';
import { createPgTestDatabase, type TestDatabase } from './databases.js';

export type TestAgent = ReturnType<typeof request.agent>;

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

export type Account = { accountId: string; email: string; token: string; http: () => TestAgent };

export type TestApp = {
  app: NestExpressApplication;
  clock: TestClock;
  database: TestDatabase;
  /** An admin of the test organisation. */
  admin: Account;
  /** Requests as the test admin (Bearer token set). */
  http: () => TestAgent;
  /** Creates an account (argon2id-hashed password) and a token for it. */
  account: (options: {
    role: Role;
    sectionUnitIds?: string[];
    organisationId?: string;
    password?: string;
  }) => Promise<Account>;
  close: () => Promise<void>;
};

export const TEST_ORGANISATION = 'test-org';

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
  const accounts = app.get(AccountsRepository);
  const jwt = app.get(JwtService);
  const account: TestApp['account'] = async (options) => {
    const organisationId = options.organisationId ?? TEST_ORGANISATION;
    await accounts.ensureOrganisation(organisationId, organisationId);
    const sectionIds: string[] = [];
    if (options.sectionUnitIds) {
      const sectionId = `s-${randomUUID().slice(0, 8)}`;
      await accounts.createSection({
        sectionId,
        organisationId,
        name: sectionId,
        unitIds: options.sectionUnitIds,
      });
      sectionIds.push(sectionId);
    }
    const accountId = randomUUID();
    const email = `${options.role}-${accountId.slice(0, 8)}@test.local`;
    await accounts.create({
      accountId,
      organisationId,
      email,
      displayName: `${options.role} ${accountId.slice(0, 4)}`,
      role: options.role,
      sectionIds,
      passwordHash: await hashPassword(options.password ?? 'correct horse battery'),
    });
    const token = await jwt.signAsync({ sub: accountId, sv: 0 });
    return {
      accountId,
      email,
      token,
      http: () => request.agent(app.getHttpServer()).set('Authorization', `Bearer ${token}`),
    };
  };
  const admin = await account({ role: 'admin' });
  return {
    app,
    clock,
    database,
    admin,
    http: admin.http,
    account,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
