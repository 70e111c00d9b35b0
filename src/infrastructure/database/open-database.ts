import { mkdir } from 'node:fs/promises';
import { type AppConfig } from '../../config/app-config.js';
import { type Database } from './database.js';
import { PgDatabase } from './pg-database.js';
import { PgliteDatabase } from './pglite-database.js';

/** DATABASE_URL set: PostgreSQL through a pool. Unset: PGlite persisted in DATA_DIR. */
export async function openDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE'>,
  onError?: (error: Error) => void,
): Promise<Database> {
  if (config.DATABASE_URL) {
    return new PgDatabase({
      connectionString: config.DATABASE_URL,
      maxConnections: config.DATABASE_POOL_SIZE,
      onError,
    });
  }
  await mkdir(config.DATA_DIR, { recursive: true });
  return PgliteDatabase.open(config.DATA_DIR);
}
