// Child of test/crash/crash.int-spec.ts: rebuilds the crash projection (reset, then catch up in small batches)
// with the compiled code, printing a line per batch, until the test kills it with SIGKILL.
//   node rebuild-child.mjs pg <connection string> <batch size>
//   node rebuild-child.mjs pglite <data dir> <batch size>
import { PgDatabase } from '../../../dist/infrastructure/database/pg-database.js';
import { PgliteDatabase } from '../../../dist/infrastructure/database/pglite-database.js';
import {
  ProjectionRunner,
  resetProjection,
} from '../../../dist/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../../dist/infrastructure/projections/sql-event-source.js';
import { crashProjection } from './test-projection.mjs';

const [kind, target, batchSize] = process.argv.slice(2);
if (!target) throw new Error('usage: rebuild-child.mjs pg|pglite <url|dir> <batch size>');
const db =
  kind === 'pglite'
    ? await PgliteDatabase.open(target)
    : new PgDatabase({ connectionString: target, maxConnections: 2 });
await resetProjection(db, crashProjection);
console.log('reset');
const runner = new ProjectionRunner(db, new SqlEventSource(db), crashProjection, {
  batchSize: Number(batchSize),
});
let applied = 0;
await runner.catchUp((count) => {
  applied += count;
  console.log(`progress ${applied}`);
});
console.log('done');
await db.close();
