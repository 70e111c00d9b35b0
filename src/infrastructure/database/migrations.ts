import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import { type Database, type SqlExecutor } from './database.js';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies the versioned SQL migrations (Postgrator, MIT) on PostgreSQL or PGlite. On PostgreSQL an advisory
 * lock keeps two instances starting together from migrating at once.
 */
export async function migrate(db: Database): Promise<{ from: number; to: number }> {
  // Up to date (every restart): one query instead of Postgrator's checks, which take seconds on PGlite.
  const current = await schemaVersion(db);
  if (current !== undefined && current >= latestMigration()) return { from: current, to: current };
  const run = async (executor: SqlExecutor, runScript: (script: string) => Promise<void>) => {
    // Postgrator looks its table up by database name: give it the real one.
    const { rows } = await executor.query<{ name: string }>('SELECT current_database() AS name');
    const postgrator = new Postgrator({
      migrationPattern: `${migrationsDir}/*.sql`,
      driver: 'pg',
      database: rows[0]?.name ?? 'postgres',
      schemaTable: 'public.schema_migrations',
      execQuery: (query) => executor.query(query),
      execSqlScript: runScript,
    });
    const from = Number(await postgrator.getDatabaseVersion());
    const applied = await postgrator.migrate();
    const to = applied.length > 0 ? Number(applied[applied.length - 1]?.version) : from;
    return { from, to };
  };
  if (db.kind === 'pglite') return run(db, (script) => db.exec(script));
  // PostgreSQL: all pending migrations in one transaction, serialised across instances by a transaction lock.
  return db.withTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7262021)');
    return run(tx, async (script) => {
      await tx.query(script);
    });
  });
}

/** The highest migration number shipped with this build. */
export const latestMigration = (): number =>
  Math.max(0, ...readdirSync(migrationsDir).map((file) => Number(/^(\d+)\.do\./.exec(file)?.[1] ?? 0)));

/** The database's schema version (undefined before the first migration). */
export async function schemaVersion(db: SqlExecutor): Promise<number | undefined> {
  const { rows } = await db.query<{ table: string | null }>(
    `SELECT to_regclass('public.schema_migrations')::text AS table`,
  );
  if (!rows[0]?.table) return undefined;
  const version = await db.query<{ version: string | null }>(
    `SELECT max(version)::text AS version FROM public.schema_migrations`,
  );
  return version.rows[0]?.version ? Number(version.rows[0].version) : undefined;
}
