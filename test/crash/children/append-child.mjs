// Child of test/crash/crash.int-spec.ts: appends single events to many streams with the compiled SqlEventStore,
// and prints one JSON line per append as soon as appendToStream has resolved (the acknowledgement), until the
// test kills it with SIGKILL. Each stream belongs to one worker, which appends to it with its exact revision.
//   node append-child.mjs <connection string> <workers> <streams per worker>
import { randomUUID } from 'node:crypto';
import { PgDatabase } from '../../../dist/infrastructure/database/pg-database.js';
import { SqlEventStore } from '../../../dist/infrastructure/event-store/sql/sql-event-store.js';

const [url, workersArg, streamsArg] = process.argv.slice(2);
if (!url) throw new Error('usage: append-child.mjs <connection string> <workers> <streams per worker>');
const workers = Number(workersArg ?? 8);
const streamsPerWorker = Number(streamsArg ?? 25);
const db = new PgDatabase({ connectionString: url, maxConnections: workers });
const store = new SqlEventStore(db);
const run = randomUUID().slice(0, 8);

await Promise.all(
  Array.from({ length: workers }, async (_, worker) => {
    const streams = Array.from({ length: streamsPerWorker }, (_, i) => ({
      id: `crash-${run}-${worker}-${i}`,
      revision: -1n,
    }));
    for (let n = 0; ; n++) {
      const stream = streams[n % streams.length];
      const expected = stream.revision < 0n ? 'no_stream' : stream.revision;
      const eventId = randomUUID();
      const result = await store.appendToStream(stream.id, expected, [
        { eventId, type: 'CrashAppended', data: { worker, n } },
      ]);
      stream.revision = result.nextRevision;
      // Writes to a pipe are synchronous on Linux: the line is out before the next append starts.
      process.stdout.write(
        `${JSON.stringify({
          stream: stream.id,
          expected: String(expected),
          eventId,
          worker,
          n,
          nextRevision: String(result.nextRevision),
          position: result.position,
          replayed: result.replayed,
        })}\n`,
      );
    }
  }),
);
