import 'reflect-metadata';
import { migrate } from '../infrastructure/database/migrations.js';
import { openDatabase } from '../infrastructure/database/open-database.js';
import { cliConfig, parseCli } from './cli.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded store in DATA_DIR. */
const spec = {
  name: 'db:migrate',
  summary:
    'Applies the pending SQL migrations to PostgreSQL (DATABASE_URL) or to the embedded store (DATA_DIR).',
  options: {},
} as const;
parseCli(spec);
const db = await openDatabase(cliConfig(spec));
try {
  const { from, to } = await migrate(db);
  console.log(`${db.kind}: schema version ${from} → ${to}`);
} finally {
  await db.close();
}
