import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Database } from '../../src/infrastructure/database/database.js';
import { migrate } from '../../src/infrastructure/database/migrations.js';
import { PgDatabase } from '../../src/infrastructure/database/pg-database.js';
import { PgliteDatabase } from '../../src/infrastructure/database/pglite-database.js';

/** The server the tests use: DATABASE_URL (CI points it at a fresh database) or the local default. */
export const adminUrl = (): string =>
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

export type TestDatabase = { db: Database; url?: string; drop: () => Promise<void> };

/** A new, migrated PostgreSQL database for one test file; `drop` removes it. */
export async function createPgTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl(), name);
  const db = new PgDatabase({ connectionString: url, maxConnections: options.poolSize ?? 20 });
  await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close().catch(() => undefined);
      const cleaner = new pg.Client({ connectionString: adminUrl() });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

/** A new, migrated in-memory PGlite database. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { db, drop: () => db.close() };
}

export const backends = [
  ['PostgreSQL', createPgTestDatabase],
  ['PGlite', createPgliteTestDatabase],
] as const;
