import { randomUUID } from 'node:crypto';
import { nextLedgerHash } from '../../src/audit/ledger/ledger-hash.js';
import { foldEverythingCommitted, ledgerProjection } from '../../src/audit/ledger/ledger.js';
import { type SealCheck, verifyAgainstSeal } from '../../src/audit/ledger/verify-ledger.js';
import { type Seal } from '../../src/audit/seals/seal.js';
import { loadSealKey, type SealKey } from '../../src/audit/seals/seal-key.js';
import { allSeals, sealNow } from '../../src/audit/seals/seals.repository.js';
import { verifyAuditTrail } from '../../src/audit/verify-audit-trail/audit-trail.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { backends, type TestDatabase } from '../support/databases.js';

/**
 * The audit trail against a database superuser (ADR 0012): every tampering goes around the immutability
 * triggers (session_replication_role = replica) and is named against a seal taken before it.
 */
const tamper = (t: TestDatabase, sql: string, params: unknown[] = []) =>
  t.db.withTransaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(sql, params);
  });

describe.each(backends)('Audit ledger and seals against a superuser (%s)', (_name, create) => {
  let t: TestDatabase;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let key: SealKey;

  beforeAll(async () => {
    t = await create();
    store = new SqlEventStore(t.db);
    runner = new ProjectionRunner(t.db, new SqlEventSource(t.db), ledgerProjection(), { batchSize: 300 });
    await runner.register();
    key = loadSealKey({ DATA_DIR: 'memory://', DATABASE_URL: 'postgres://unused' }) as SealKey;
  });
  afterAll(() => t.drop());

  const appendOneByOne = async (stream: string, count: number, organisationId = 'org-a') => {
    for (let i = 0; i < count; i++) {
      await store.appendToStream(stream, i === 0 ? 'no_stream' : BigInt(i - 1), [
        {
          eventId: randomUUID(),
          type: i === 0 ? 'DemandRaised' : 'ProgressReported',
          data: { step: i, text: `étape ${i}` },
          metadata: { actorId: 'a', organisationId, occurredAt: '2024-01-01T00:00:00.000Z' },
        },
      ]);
    }
  };
  const appendBatches = async (stream: string, count: number, batch = 100) => {
    for (let from = 0; from < count; from += batch) {
      const n = Math.min(batch, count - from);
      await store.appendToStream(
        stream,
        from === 0 ? 'no_stream' : BigInt(from - 1),
        Array.from({ length: n }, (_, i) => ({
          eventId: randomUUID(),
          type: 'ProgressReported',
          data: { step: from + i },
          metadata: { actorId: 'a', organisationId: 'org-b' },
        })),
      );
    }
  };
  const seal = async (): Promise<Seal> => {
    expect(await foldEverythingCommitted(t.db, runner, 60_000)).toBe(true);
    return sealNow(t.db, key, 'test', new Date());
  };
  const check = (s: Seal) => verifyAgainstSeal(t.db, { seal: s }, key.publicKey);
  const about = (report: SealCheck, stream: string) => report.problems.filter((p) => p.streamId === stream);

  it('An untouched store with streams of 1, 10, 11, 100 and 1,000 events verifies ok, per stream and against a seal', async () => {
    const streams = {
      one: `demand-${randomUUID()}`,
      ten: `demand-${randomUUID()}`,
      eleven: `demand-${randomUUID()}`,
    };
    await appendOneByOne(streams.one, 1);
    await appendOneByOne(streams.ten, 10);
    await appendOneByOne(streams.eleven, 11);
    await appendBatches(`meeting-${randomUUID()}`, 100, 7);
    await appendBatches(`meeting-${randomUUID()}`, 1000);
    const report = await verifyAuditTrail(t.db);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checkedEvents: 1122, checkedStreams: 5 });
    const sealed = await seal();
    expect(sealed.eventCount).toBe(1122);
    const against = await check(sealed);
    expect(against).toMatchObject({
      consistent: true,
      signatureValid: true,
      signedByThisInstallation: true,
      checkedEvents: 1122,
      problems: [],
    });
    // A digest alone (the root hash) is found among the seals and checks the same.
    expect((await verifyAgainstSeal(t.db, { digest: sealed.rootHash })).consistent).toBe(true);
    // Seals are exportable, oldest first.
    expect((await allSeals(t.db)).at(-1)).toEqual(sealed);
  });

  it('A seal whose content was changed after signing is refused', async () => {
    const sealed = await seal();
    const forged = { ...sealed, eventCount: sealed.eventCount - 1 };
    const report = await check(forged);
    expect(report.consistent).toBe(false);
    expect(report.signatureValid).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'signature' })]));
  });

  describe('each tampering is named against a seal taken before it', () => {
    let stream: string;
    let before: Seal;
    beforeEach(async () => {
      stream = `demand-${randomUUID()}`;
      await appendOneByOne(stream, 12);
      before = await seal();
    });

    it('altered data', async () => {
      await tamper(
        t,
        `UPDATE es.events SET data = '{"step": 4, "text": "réécrit"}' WHERE stream_id = $1 AND revision = 4`,
        [stream],
      );
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'altered', revision: 4 })]);
    });

    it.each([
      ['schema_version', `schema_version = 2`],
      ['stream_type', `stream_type = 'autre'`],
      ['event_type', `event_type = 'DemandAbandoned'`],
      ['organisation', `metadata = jsonb_set(metadata, '{organisationId}', '"org-z"')`],
      ['occurred time', `metadata = jsonb_set(metadata, '{occurredAt}', '"2020-01-01T00:00:00.000Z"')`],
      ['recorded time', `recorded_at = recorded_at - interval '1 day'`],
      ['tenant', `tenant_id = 'autre'`],
    ])('altered %s (unhashed before migration 008)', async (_column, set) => {
      await tamper(t, `UPDATE es.events SET ${set} WHERE stream_id = $1 AND revision = 10`, [stream]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'altered', revision: 10 })]);
      // The per-stream chain (hash version 2) sees it too.
      expect((await verifyAuditTrail(t.db)).problems.filter((p) => p.streamId === stream)).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'altered', revision: 10 })]),
      );
    });

    it('deleted middle event', async () => {
      await tamper(t, `DELETE FROM es.events WHERE stream_id = $1 AND revision = 5`, [stream]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'missing', revision: 5 })]);
    });

    it('deleted last event, and the stream head moved back to hide it', async () => {
      await tamper(t, `DELETE FROM es.events WHERE stream_id = $1 AND revision = 11`, [stream]);
      await tamper(
        t,
        `UPDATE es.streams SET revision = 10, last_hash = (SELECT hash FROM es.events WHERE stream_id = $1 AND revision = 10)
          WHERE stream_id = $1`,
        [stream],
      );
      expect((await verifyAuditTrail(t.db)).problems.filter((p) => p.streamId === stream)).toEqual([]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'missing', revision: 11 })]);
    });

    it('deleted whole stream, head row included', async () => {
      await tamper(t, `DELETE FROM es.events WHERE stream_id = $1`, [stream]);
      await tamper(t, `DELETE FROM es.streams WHERE stream_id = $1`, [stream]);
      expect((await verifyAuditTrail(t.db)).problems.filter((p) => p.streamId === stream)).toEqual([]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      const named = about(report, stream);
      expect(named).toHaveLength(12);
      expect(named.every((p) => p.kind === 'missing')).toBe(true);
    });

    it('swapped events', async () => {
      await tamper(t, `UPDATE es.events SET revision = -1 WHERE stream_id = $1 AND revision = 2`, [stream]);
      await tamper(t, `UPDATE es.events SET revision = 2 WHERE stream_id = $1 AND revision = 3`, [stream]);
      await tamper(t, `UPDATE es.events SET revision = 3 WHERE stream_id = $1 AND revision = -1`, [stream]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream).map((p) => [p.kind, p.revision])).toEqual([
        ['altered', 2],
        ['altered', 3],
      ]);
    });

    it('swapped positions (commit order)', async () => {
      const { rows } = await t.db.query<{ gp: string; tx: string }>(
        `SELECT global_position::text AS gp, transaction_id::text AS tx FROM es.events e
          WHERE e.stream_id = $1 AND e.revision IN (6, 7) ORDER BY e.revision`,
        [stream],
      );
      const [six, seven] = rows;
      await tamper(
        t,
        `UPDATE es.events SET global_position = -1, transaction_id = $2::xid8 WHERE global_position = $1`,
        [six?.gp, seven?.tx],
      );
      await tamper(
        t,
        `UPDATE es.events SET global_position = $1, transaction_id = $3::xid8 WHERE global_position = $2`,
        [six?.gp, seven?.gp, six?.tx],
      );
      await tamper(t, `UPDATE es.events SET global_position = $1 WHERE global_position = -1`, [seven?.gp]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'reordered', revision: 7 })]);
    });

    it('recomputed per-stream chain: verify without a seal sees nothing, the seal names the event', async () => {
      await tamper(
        t,
        `UPDATE es.events SET data = '{"step": 3, "text": "réécrit"}' WHERE stream_id = $1 AND revision = 3`,
        [stream],
      );
      // Recompute every hash of the stream from revision 3 on, and its head, as the database's owner can.
      for (let revision = 3; revision < 12; revision++) {
        await tamper(
          t,
          `UPDATE es.events e SET
             prev_hash = (SELECT p.hash FROM es.events p WHERE p.stream_id = e.stream_id AND p.revision = e.revision - 1),
             hash = es.event_hash_v2((SELECT p.hash FROM es.events p WHERE p.stream_id = e.stream_id AND p.revision = e.revision - 1),
                                     e.stream_id, e.stream_type, e.revision, e.event_id, e.event_type, e.schema_version,
                                     e.tenant_id, e.data, e.metadata, e.recorded_at)
           WHERE e.stream_id = $1 AND e.revision = $2`,
          [stream, revision],
        );
      }
      await tamper(
        t,
        `UPDATE es.streams SET last_hash = (SELECT hash FROM es.events WHERE stream_id = $1 AND revision = 11)
          WHERE stream_id = $1`,
        [stream],
      );
      expect((await verifyAuditTrail(t.db)).problems.filter((p) => p.streamId === stream)).toEqual([]);
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, stream)).toEqual([expect.objectContaining({ kind: 'altered', revision: 3 })]);
    });

    it('an event inserted among sealed ones', async () => {
      const { rows } = await t.db.query<{ tx: string }>(
        `SELECT transaction_id::text AS tx FROM es.events WHERE stream_id = $1 AND revision = 0`,
        [stream],
      );
      const other = `demand-${randomUUID()}`;
      await tamper(
        t,
        `INSERT INTO es.events (global_position, transaction_id, stream_id, stream_type, revision, event_id, event_type,
                                data, metadata, prev_hash, hash)
         VALUES (-5, $1::xid8, $2, 'demand', 0, $3, 'DemandRaised', '{}', '{"organisationId":"org-a"}', '', 'x')`,
        [rows[0]?.tx, other, randomUUID()],
      );
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(about(report, other)).toEqual([expect.objectContaining({ kind: 'inserted', revision: 0 })]);
    });

    it('a rewritten ledger (without the key) still fails the seal', async () => {
      await tamper(t, `UPDATE es.events SET data = '{"step": 1}' WHERE stream_id = $1 AND revision = 1`, [
        stream,
      ]);
      // Rewrite the whole stored ledger from the tampered events, as the owner of the database can (not the seal).
      const entries = await t.db.query<{ seq: string; event_hash: string }>(
        `SELECT seq::text AS seq, event_hash FROM audit.ledger l ORDER BY l.seq`,
      );
      let hash = '0'.repeat(64);
      await t.db.withTransaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        for (const entry of entries.rows) {
          hash = nextLedgerHash(hash, entry.event_hash.replace(/^./, 'f'));
          await tx.query(`UPDATE audit.ledger SET event_hash = $2, ledger_hash = $3 WHERE seq = $1`, [
            entry.seq,
            entry.event_hash.replace(/^./, 'f'),
            hash,
          ]);
        }
      });
      const report = await check(before);
      expect(report.consistent).toBe(false);
      expect(report.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'ledger_rewritten' })]),
      );
    });
  });
});
