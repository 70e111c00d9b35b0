import { randomUUID } from 'node:crypto';
import { verifyAuditTrail } from '../../src/audit/verify-audit-trail/audit-trail.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { backends, type TestDatabase } from '../support/databases.js';

/** Tampering goes around the immutability trigger as a superuser would: session_replication_role = replica. */
const tamper = (t: TestDatabase, sql: string, params: unknown[] = []) =>
  t.db.withTransaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(sql, params);
  });

describe.each(backends)('Audit trail verification (%s)', (_name, create) => {
  let t: TestDatabase;
  let store: SqlEventStore;
  let stream: string;

  beforeAll(async () => {
    t = await create();
    store = new SqlEventStore(t.db);
  });
  afterAll(() => t.drop());

  // Each test tampers with its own stream; earlier tests' damage stays, so assertions look at this stream only.
  const problemsOf = async () => (await verifyAuditTrail(t.db)).problems.filter((p) => p.streamId === stream);

  beforeEach(async () => {
    stream = `demand-${randomUUID()}`;
    for (let i = 0; i < 4; i++) {
      await store.appendToStream(stream, i === 0 ? 'no_stream' : BigInt(i - 1), [
        {
          eventId: randomUUID(),
          type: 'Step',
          data: { step: i, text: `étape ${i}` },
          metadata: { actorId: 'a' },
        },
      ]);
    }
    await store.appendToStream(`demand-${randomUUID()}`, 'no_stream', [
      { eventId: randomUUID(), type: 'Other', data: {} },
    ]);
  });

  it('When nothing was touched, then the store verifies ok', async () => {
    const report = await verifyAuditTrail(t.db);
    expect(report).toMatchObject({ ok: true, checkedEvents: 5, checkedStreams: 2, problems: [] });
    expect(await problemsOf()).toEqual([]);
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("When an event's data is altered in SQL, then the stream and revision are named", async () => {
    await tamper(
      t,
      `UPDATE es.events SET data = '{"step": 2, "text": "réécrit"}' WHERE stream_id = $1 AND revision = 2`,
      [stream],
    );
    const report = await verifyAuditTrail(t.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ streamId: stream, revision: 2, kind: 'altered' }),
    ]);
  });

  it('When an event is deleted in the middle, then the gap is named', async () => {
    await tamper(t, `DELETE FROM es.events WHERE stream_id = $1 AND revision = 1`, [stream]);
    expect((await verifyAuditTrail(t.db)).ok).toBe(false);
    expect(await problemsOf()).toEqual([
      expect.objectContaining({ streamId: stream, revision: 2, kind: 'missing' }),
    ]);
  });

  it('When the last event is deleted, then the truncation is named', async () => {
    await tamper(t, `DELETE FROM es.events WHERE stream_id = $1 AND revision = 3`, [stream]);
    expect(await problemsOf()).toEqual([
      expect.objectContaining({ streamId: stream, revision: 3, kind: 'truncated' }),
    ]);
  });

  it('When two events are swapped, then both revisions are named', async () => {
    await tamper(t, `UPDATE es.events SET revision = -1 WHERE stream_id = $1 AND revision = 1`, [stream]);
    await tamper(t, `UPDATE es.events SET revision = 1 WHERE stream_id = $1 AND revision = 2`, [stream]);
    await tamper(t, `UPDATE es.events SET revision = 2 WHERE stream_id = $1 AND revision = -1`, [stream]);
    const problems = await problemsOf();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ revision: 1, kind: 'altered' }),
        expect.objectContaining({ revision: 2, kind: 'altered' }),
      ]),
    );
    // The event after them no longer links to its predecessor either.
    expect(problems.every((p) => [1, 2, 3].includes(p.revision))).toBe(true);
  });

  it('When checked up to a date, then later events are left out of the digest', async () => {
    const { rows } = await t.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const cutoff = new Date(rows[0]?.now ?? 0);
    const before = await verifyAuditTrail(t.db, cutoff);
    await store.appendToStream(stream, 3n, [{ eventId: randomUUID(), type: 'Later', data: {} }]);
    const again = await verifyAuditTrail(t.db, cutoff);
    const now = await verifyAuditTrail(t.db);
    expect(again.checkedEvents).toBe(before.checkedEvents);
    expect(again.digest).toBe(before.digest);
    expect(now.digest).not.toBe(before.digest);
  });
});
