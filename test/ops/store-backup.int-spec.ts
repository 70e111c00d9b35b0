import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { foldEverythingCommitted, ledgerProjection } from '../../src/audit/ledger/ledger.js';
import { verifyAgainstSeal } from '../../src/audit/ledger/verify-ledger.js';
import { loadSealKey, type SealKey } from '../../src/audit/seals/seal-key.js';
import { sealNow } from '../../src/audit/seals/seals.repository.js';
import { type Database } from '../../src/infrastructure/database/database.js';
import { PgDatabase } from '../../src/infrastructure/database/pg-database.js';
import { PgliteDatabase } from '../../src/infrastructure/database/pglite-database.js';
import { rewriteTransactionIdsAfterLogicalRestore } from '../../src/infrastructure/storage/store-backup.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { parsePosition } from '../../src/infrastructure/event-store/sql/position.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { adminUrl, createPgTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/cli.js';

/*
 * Backups (issue 13, item 5): the embedded store through `store:backup` / `store:restore`, and PostgreSQL through
 * pg_dump -Fc / pg_restore followed by `store:restore -- --after-logical-restore`. Each ends with the audit trail
 * ok, the same events and the same demand histories. Runs the compiled CLIs (dist/, built by `pretest`).
 */

const run = promisify(execFile);

const EVENTS = `SELECT stream_id, revision::text, event_id::text, event_type, schema_version, data::text, metadata::text,
                       recorded_at, prev_hash, hash
                  FROM es.events ORDER BY stream_id, revision`;
const HISTORIES = `SELECT demand_id, revision::text, event_id::text, event_type, occurred_at, recorded_at, actor_id,
                          data::text, organisation_id
                     FROM rm.demand_history ORDER BY demand_id, revision`;

const count = async (db: Database) =>
  Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`)).rows[0]?.n);

const sameContent = async (a: Database, b: Database) => {
  const [eventsA, eventsB] = [await a.query(EVENTS), await b.query(EVENTS)];
  expect(eventsB.rows).toHaveLength(78);
  expect(JSON.stringify(eventsB.rows)).toBe(JSON.stringify(eventsA.rows));
  const [historiesA, historiesB] = [await a.query(HISTORIES), await b.query(HISTORIES)];
  expect(historiesB.rows.length).toBeGreaterThan(19);
  expect(JSON.stringify(historiesB.rows)).toBe(JSON.stringify(historiesA.rows));
};

describe('store:backup and store:restore, embedded store', () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ops-backup-'));
    await writeFile(join(cwd, '.env'), `DATA_DIR=./laptop\n`);
    const demo = await runCli('load-demo.js', [], cwd);
    expect(demo.code).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('backs up, restores into a new directory: audit ok, the same events and demand histories', async () => {
    const backup = await runCli('store-backup.js', ['--to', 'laptop.tar.gz'], cwd);
    expect(backup.stderr).not.toContain('Error');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Backed up ./laptop to laptop.tar.gz: 78 events');

    // A second backup to the same file is refused unless --force.
    const again = await runCli('store-backup.js', ['--to', 'laptop.tar.gz'], cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('laptop.tar.gz exists already; --force replaces it');

    const restored = await runCli('store-restore.js', ['--from', 'laptop.tar.gz'], cwd, undefined, {
      DATA_DIR: './restored',
    });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Restored laptop.tar.gz into ./restored: 78 events.');
    expect(restored.stdout).toMatch(/Audit trail: ok \(78 events, digest [0-9a-f]{64}\)/);
    // The seal key is not in the backup: the operator is told where to put it back.
    expect(restored.stdout).toContain('restored-audit-seal.pem');

    const verify = await runCli('audit-verify.js', [], cwd, undefined, { DATA_DIR: './restored' });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checkedEvents: 78 });
    const original = await runCli('audit-verify.js', [], cwd);
    expect(JSON.parse(verify.stdout).digest).toBe(JSON.parse(original.stdout).digest);

    const laptop = await PgliteDatabase.open(join(cwd, 'laptop'));
    try {
      const copy = await PgliteDatabase.open(join(cwd, 'restored'));
      try {
        await sameContent(laptop, copy);
      } finally {
        await copy.close();
      }
    } finally {
      await laptop.close();
    }
  }, 240_000);

  it('refuses a non-empty data directory without --force, and with it moves the directory aside', async () => {
    const refused = await runCli('store-restore.js', ['--from', 'laptop.tar.gz'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('./laptop is not empty (it holds a store)');

    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy', 'notes.txt'), 'à garder');
    const forced = await runCli('store-restore.js', ['--from', 'laptop.tar.gz', '--force'], cwd, undefined, {
      DATA_DIR: './busy',
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/The former content of \.\/busy is now in \.\/busy\.before-restore-/);
    const aside = (await readdir(cwd)).find((name) => name.startsWith('busy.before-restore-')) ?? '';
    expect(await readdir(join(cwd, aside))).toEqual(['notes.txt']);
    expect(existsSync(join(cwd, 'busy', 'PG_VERSION'))).toBe(true);
  }, 240_000);

  it('names a bad argument or file', async () => {
    const noTarget = await runCli('store-backup.js', [], cwd);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('store:backup: --to is required');
    const unknown = await runCli('store-restore.js', ['--form', 'x'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--form'");
    await writeFile(join(cwd, 'not-a-backup.tar.gz'), 'hello');
    const bad = await runCli('store-restore.js', ['--from', 'not-a-backup.tar.gz'], cwd, undefined, {
      DATA_DIR: './empty',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not-a-backup.tar.gz is not a backup of the embedded store');
    expect(existsSync(join(cwd, 'empty'))).toBe(false);
    const both = await runCli('store-restore.js', ['--from', 'x', '--after-logical-restore'], cwd);
    expect(both.code).toBe(2);
  }, 240_000);
});

describe('PostgreSQL: pg_dump -Fc, pg_restore into another database, then --after-logical-restore', () => {
  let cwd: string;
  let source: TestDatabase;
  let restoredName: string;
  let restoredUrl: string;
  let restored: Database | undefined;
  let key: SealKey;

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ops-pgdump-'));
    source = await createPgTestDatabase();
    const demo = await runCli('load-demo.js', [], cwd, undefined, { DATABASE_URL: source.url ?? '' });
    expect(demo.code).toBe(0);
    expect(await count(source.db)).toBe(78);
    // The CLI may exit before the ledger's subscriber has folded the last events: fold them, so the seal below
    // covers all 78 whatever the machine's load.
    const ledger = new ProjectionRunner(source.db, new SqlEventSource(source.db), ledgerProjection(), {
      batchSize: 100,
    });
    expect(await foldEverythingCommitted(source.db, ledger, 60_000)).toBe(true);
    // The old cluster had run many more transactions than a fresh one: its ids are far above the new cluster's.
    // (Here both databases share one cluster, whose ids go on; this puts the dumped ids where an old cluster's
    // would be, together with the positions that name them.)
    const shift = (column: string) =>
      `${column} = lpad((split_part(${column}, ':', 1)::numeric + 1000000000000)::text, 20, '0') || ':' || split_part(${column}, ':', 2)`;
    await source.db.withTransaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(
        `UPDATE es.events SET transaction_id = (transaction_id::text::numeric + 1000000000000)::text::xid8`,
      );
      await tx.query(`UPDATE es.checkpoints SET ${shift('position')} WHERE position IS NOT NULL`);
      await tx.query(`UPDATE audit.ledger SET ${shift('position')}`);
    });
    key = loadSealKey({ DATA_DIR: 'memory://', DATABASE_URL: 'postgres://unused' }) as SealKey;
  }, 240_000);

  afterAll(async () => {
    await restored?.close().catch(() => undefined);
    if (restoredName) await admin(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    await source.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('restores: the next event comes after the old ones, audit ok, seals hold, the same histories', async () => {
    const seal = await sealNow(source.db, key, 'before the dump', new Date());
    expect(seal.eventCount).toBe(78);
    const dump = join(cwd, 'tracker.dump');
    await run('pg_dump', ['-Fc', '-f', dump, source.url ?? '']);
    restoredName = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await admin(`CREATE DATABASE ${restoredName}`);
    const url = new URL(adminUrl());
    url.pathname = `/${restoredName}`;
    restoredUrl = url.toString();
    await run('pg_restore', ['--no-owner', '-d', restoredUrl, dump]);
    restored = new PgDatabase({ connectionString: restoredUrl, maxConnections: 4 });

    // The hazard: a checkpoint above every transaction id the cluster hands out now.
    const current = async () =>
      BigInt(
        (await (restored as Database).query<{ x: string }>(`SELECT pg_current_xact_id()::text AS x`)).rows[0]
          ?.x ?? '0',
      );
    const checkpoint = async (subscription: string) =>
      (
        await (restored as Database).query<{ position: string }>(
          `SELECT position FROM es.checkpoints WHERE subscription_id = $1`,
          [subscription],
        )
      ).rows[0]?.position ?? '';
    expect(parsePosition(await checkpoint('demand_history@v1')).txid).toBeGreaterThan(await current());

    const fix = await runCli('store-restore.js', ['--after-logical-restore'], cwd, undefined, {
      DATABASE_URL: restoredUrl,
    });
    expect(fix.stderr).not.toContain('Error');
    expect(fix.code).toBe(0);
    expect(fix.stdout).toContain('Transaction ids rewritten: 78 events now under 1 transaction id');
    expect(fix.stdout).toContain('Audit trail: ok (78 events)');
    const position = parsePosition(await checkpoint('demand_history@v1'));
    expect(position).toEqual({ txid: 1n, gp: 78n });

    await sameContent(source.db, restored);
    const verify = await runCli('audit-verify.js', ['--seal', seal.rootHash], cwd, undefined, {
      DATABASE_URL: restoredUrl,
    });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: true,
      checkedEvents: 78,
      sealCheck: { consistent: true, checkedEvents: 78 },
    });

    // A new event: every subscription sees it after the old ones.
    const eventId = randomUUID();
    await new SqlEventStore(restored).appendToStream(`backup-${randomUUID()}`, 'no_stream', [
      {
        eventId,
        type: 'BackupChecked',
        data: { note: 'après la restauration' },
        metadata: { actorId: 'ops', organisationId: 'default', occurredAt: '2026-12-05T09:00:00.000Z' },
      },
    ]);
    const source2 = new SqlEventSource(restored);
    const next = await source2.readBatch(restored, await checkpoint('demand_history@v1'), 10);
    expect(next.map((event) => event.eventId)).toEqual([eventId]);
    await new ProjectionRunner(restored, source2, ledgerProjection(), { batchSize: 100 }).catchUp();
    const ledger = await restored.query<{ seq: string; event_id: string }>(
      `SELECT seq::text AS seq, event_id::text AS event_id FROM audit.ledger l ORDER BY l.seq DESC LIMIT 1`,
    );
    expect(ledger.rows).toEqual([{ seq: '79', event_id: eventId }]);
    // The seal taken before the dump still holds after the new event.
    const sealCheck = await verifyAgainstSeal(restored, { seal });
    expect(sealCheck).toMatchObject({ consistent: true, checkedEvents: 78, signatureValid: true });
  }, 240_000);

  it('keeps the order of transactions whose positions interleaved (concurrent appends), and the seal holds', async () => {
    const t = await createPgTestDatabase();
    try {
      const store = new SqlEventStore(t.db);
      for (let i = 0; i < 4; i++) {
        await store.appendToStream(`interleaved-${i}-${randomUUID()}`, 'no_stream', [
          {
            eventId: randomUUID(),
            type: 'BackupChecked',
            data: { i },
            metadata: { actorId: 'ops', organisationId: 'default', occurredAt: '2026-12-05T09:00:00.000Z' },
          },
        ]);
      }
      // Two writers: the transaction that began second took its global position first (positions 2 and 3 swap).
      await t.db.withTransaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(`
          WITH ids AS (SELECT global_position AS gp, transaction_id AS txid FROM es.events),
               swapped AS (SELECT a.gp, b.txid FROM ids a JOIN ids b
                            ON b.gp = CASE a.gp WHEN 2 THEN 3 WHEN 3 THEN 2 ELSE a.gp END)
          UPDATE es.events e SET transaction_id = s.txid FROM swapped s WHERE e.global_position = s.gp`);
      });
      const order = async () =>
        (
          await t.db.query<{ gp: string }>(
            `SELECT global_position::text AS gp FROM es.events ORDER BY transaction_id, global_position`,
          )
        ).rows.map((row) => row.gp);
      expect(await order()).toEqual(['1', '3', '2', '4']);
      await new ProjectionRunner(t.db, new SqlEventSource(t.db), ledgerProjection(), {
        batchSize: 100,
      }).catchUp();
      const seal = await sealNow(t.db, key, 'before', new Date());
      expect(seal.eventCount).toBe(4);

      const fix = await rewriteTransactionIdsAfterLogicalRestore(t.db);
      expect(fix).toMatchObject({ events: 4, transactionIds: 2 });
      expect(await order()).toEqual(['1', '3', '2', '4']);
      expect(await verifyAgainstSeal(t.db, { seal })).toMatchObject({ consistent: true, checkedEvents: 4 });
    } finally {
      await t.drop();
    }
  }, 120_000);
});
