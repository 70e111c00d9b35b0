import 'reflect-metadata';
import { loadConfig } from '../config/app-config.js';
import { migrate } from '../infrastructure/database/migrations.js';
import { openDatabase } from '../infrastructure/database/open-database.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded store in DATA_DIR. */
const config = loadConfig();
const db = await openDatabase(config);
try {
  const { from, to } = await migrate(db);
  console.log(`${db.kind}: schema version ${from} → ${to}`);
} finally {
  await db.close();
}
