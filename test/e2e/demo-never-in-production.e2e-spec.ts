import { type NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DemoAccounts } from '../../src/accounts/demo-accounts.js';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { AppConfig, validateConfig } from '../../src/config/app-config.js';
import { DATABASE, type Database } from '../../src/infrastructure/database/database.js';
import { DemoLoader } from '../../src/demo/demo-loader.js';

/**
 * The application as an operator starts it in production on the embedded store (NODE_ENV=production, no
 * DATABASE_URL, no DEMO_DATA): it used to create admin@demo.local / demo (issue 10, defect 6).
 */
describe('Production on the embedded store: no demo account, no demo data', () => {
  let app: NestExpressApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'prod-pglite-'));
    const config = validateConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      DEADLINE_CHECK_INTERVAL_MS: '0',
    });
    expect(config.storage).toBe('pglite');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
    configureApp(app);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('When someone logs in as admin@demo.local / demo, then 401: the account does not exist', async () => {
    for (const email of ['admin@demo.local', 'delegue@demo.local', 'lecteur@demo.local']) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: 'demo' });
      expect({ email, status: response.status }).toEqual({ email, status: 401 });
    }
    const db = app.get<Database>(DATABASE);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app.accounts`);
    expect(rows[0]?.n).toBe(0);
  });

  it('Then no demo event is recorded, and asking for the demo data or accounts directly is refused', async () => {
    const db = app.get<Database>(DATABASE);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM es.events`);
    expect(rows[0]?.n).toBe(0);
    await expect(app.get(DemoLoader).load()).rejects.toThrow(/never loaded in production/);
    await expect(app.get(DemoAccounts).ensure()).rejects.toThrow(/never created in production/);
  });
});
