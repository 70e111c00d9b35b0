import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { verifyAuditTrail } from '../../src/audit/verify-audit-trail/audit-trail.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { backends, type TestDatabase } from '../support/databases.js';

/**
 * Issue 10, defect 1: verify reported tampering on an untouched store once a stream held 11 events (revisions
 * sorted as text). Property: whatever the history (streams of 1 to 25 events, appended in batches of any size,
 * interleaved), an untouched store verifies ok and every event is checked.
 */
describe.each(backends)('Audit trail verification over random histories (%s)', (_name, create) => {
  let t: TestDatabase;
  let store: SqlEventStore;
  let total = 0;
  beforeAll(async () => {
    t = await create();
    store = new SqlEventStore(t.db);
  });
  afterAll(() => t.drop());

  // A history: for each stream, the sizes of its successive appends.
  const history = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 4,
  });

  it('When nothing was touched, then verify is ok whatever the history', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 0, max: 1000 }), async (streams, seed) => {
        const pending = streams.map((batches) => ({
          id: `demand-${randomUUID()}`,
          batches: [...batches],
          next: 0,
        }));
        // Interleave the streams' appends in an order drawn from the seed.
        let turn = seed;
        while (pending.some((s) => s.batches.length > 0)) {
          const open = pending.filter((s) => s.batches.length > 0);
          const stream = open[turn++ % open.length];
          if (!stream) break;
          const size = stream.batches.shift() ?? 1;
          await store.appendToStream(
            stream.id,
            stream.next === 0 ? 'no_stream' : BigInt(stream.next - 1),
            Array.from({ length: size }, (_, i) => ({
              eventId: randomUUID(),
              type: 'Step',
              data: { step: stream.next + i },
              metadata: { actorId: 'a', organisationId: 'org-a' },
            })),
          );
          stream.next += size;
          total += size;
        }
        const report = await verifyAuditTrail(t.db);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.checkedEvents).toBe(total);
      }),
      { numRuns: 12, seed: 20261205 },
    );
  });
});
