import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { RECOMPUTED_EVENT_HASH } from '../../src/audit/verify-audit-trail/audit-trail.js';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database } from '../../src/infrastructure/database/database.js';
import { migrate } from '../../src/infrastructure/database/migrations.js';
import { PgliteDatabase } from '../../src/infrastructure/database/pglite-database.js';
import {
  type EventToAppend,
  type ExpectedRevision,
} from '../../src/infrastructure/event-store/event-store.js';
import { formatPosition } from '../../src/infrastructure/event-store/sql/position.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { ProjectionRunner, resetProjection } from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { createPgTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  crashProjection,
  createCrashTables,
  HANDLED_TYPES,
  type ReadModelDigest,
  readModelDigest,
  UNHANDLED_TYPE,
} from './children/test-projection.mjs';

/*
 * Crash tests: child processes running the COMPILED code (dist/, built by `npm run build`, the `pretest` script)
 * are killed with SIGKILL in the middle of their work; the test then checks what the database kept.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const childPath = (name: string) => join(here, 'children', name);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The children import dist/: refuse to run against a build older than the sources it was built from. */
function assertDistIsFresh(): void {
  const dirs = ['infrastructure/database', 'infrastructure/event-store/sql', 'infrastructure/projections'];
  const files = [
    'infrastructure/event-store/event-store.ts',
    'infrastructure/event-store/event-store.errors.ts',
    'shared/domain-error.ts',
  ];
  const stale: string[] = [];
  const check = (srcFile: string) => {
    const distFile = join(root, 'dist', srcFile.replace(/\.ts$/, '.js'));
    let distTime: number;
    try {
      distTime = statSync(distFile).mtimeMs;
    } catch {
      stale.push(`${relative(root, distFile)} (missing)`);
      return;
    }
    if (statSync(join(root, 'src', srcFile)).mtimeMs > distTime) stale.push(relative(root, distFile));
  };
  for (const file of files) check(file);
  for (const dir of dirs) {
    for (const entry of readdirSync(join(root, 'src', dir))) {
      if (entry.endsWith('.ts') && !entry.endsWith('.spec.ts')) check(`${dir}/${entry}`);
    }
  }
  if (stale.length > 0) {
    throw new Error(`dist/ is older than src/ (run \`npm run build\` first): ${stale.join(', ')}`);
  }
}

/** A child process whose stdout is read line by line. Only complete lines count: a torn last line is dropped. */
class Child {
  readonly lines: string[] = [];
  stderr = '';
  private partial = '';
  private readonly listeners = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly process: ChildProcess;

  constructor(script: string, args: string[]) {
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the children
    this.process = spawn(process.execPath, [childPath(script), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.listeners.forEach((notify) => notify());
    });
    this.process.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => resolve({ code, signal })),
    );
    void this.exited.then(() => this.listeners.forEach((notify) => notify()));
  }

  /** Resolves when `accept(lines)` holds; fails if the child exits first or on timeout. */
  async waitFor(
    accept: (lines: readonly string[]) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<void> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    const deadline = Date.now() + timeoutMs;
    while (!accept(this.lines)) {
      if (exited) throw new Error(`child exited before ${what}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`child: no ${what} within ${timeoutMs} ms: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 10);
        this.listeners.add(done);
      });
    }
  }

  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    const { signal } = await this.exited;
    expect(signal).toBe('SIGKILL');
  }
}

const withApplicationName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
};

/** The server notices a dead client when it next talks to it: wait until its sessions are gone. */
const sessionsGone = async (db: Database, applicationName: string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (true) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
      [applicationName],
    );
    if (rows[0]?.n === 0) return;
    if (Date.now() > deadline) throw new Error(`sessions of ${applicationName} still alive`);
    await sleep(20);
  }
};

/** Catches up until the checkpoint reaches `position` (visibility can lag behind commits elsewhere in the cluster). */
const catchUpTo = async (runner: ProjectionRunner, position: string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (true) {
    await runner.catchUp();
    const stored = await runner.storedPosition();
    if (stored !== undefined && stored >= position) return;
    if (Date.now() > deadline) throw new Error(`checkpoint ${stored} did not reach ${position}`);
    await sleep(20);
  }
};

/** Seeds accounts with deposits, withdrawals and unhandled notes; returns the last position and the counts. */
async function seed(db: Database, events: number, concurrency: number) {
  const store = new SqlEventStore(db);
  const perStream = 20;
  const streams = Math.ceil(events / perStream);
  let handled = 0;
  let last = '';
  const run = randomUUID().slice(0, 8);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let s = w; s < streams; s += concurrency) {
        const batch: EventToAppend[] = Array.from({ length: perStream }, (_, i) => {
          const type = i % 7 === 6 ? UNHANDLED_TYPE : (HANDLED_TYPES[(s + i) % 2] as string);
          if (type !== UNHANDLED_TYPE) handled++;
          return { eventId: randomUUID(), type, data: { amount: ((s * 31 + i * 17) % 500) + 1 } };
        });
        const { position } = await store.appendToStream(`account-${run}-${s}`, 'no_stream', batch);
        if (position > last) last = position;
      }
    }),
  );
  return { last, handled, total: streams * perStream };
}

const checkpointOf = async (db: Database): Promise<string | null | undefined> =>
  (
    await db.query<{ position: string | null }>(
      `SELECT position FROM es.checkpoints WHERE subscription_id = $1`,
      [`${crashProjection.name}@v${crashProjection.version}`],
    )
  ).rows[0]?.position;

/** After the kill: the rebuild was interrupted midway; resuming it gives the rows of a fresh rebuild. */
async function resumeAndCompare(db: Database, before: ReadModelDigest, last: string): Promise<void> {
  const interrupted = await checkpointOf(db);
  expect(interrupted).toBeTruthy();
  expect((interrupted as string) < last).toBe(true);
  const partial = await readModelDigest(db);
  expect(partial.appliedRows).toBeGreaterThan(0);
  expect(partial.appliedRows).toBeLessThan(before.appliedRows);
  expect(partial.maxApplied).toBe(1);

  const source = new SqlEventSource(db);
  await catchUpTo(new ProjectionRunner(db, source, crashProjection, { batchSize: 500 }), last);
  const resumed = await readModelDigest(db);

  await resetProjection(db, crashProjection);
  await catchUpTo(new ProjectionRunner(db, source, crashProjection, { batchSize: 1000 }), last);
  const fresh = await readModelDigest(db);

  expect(resumed).toEqual(fresh);
  expect(resumed).toEqual(before);
  expect(resumed.maxApplied).toBe(1);
  expect((await db.query(`SELECT 1 FROM es.dead_letters`)).rows).toEqual([]);
}

describe('Crash (SIGKILL) with the compiled code', () => {
  beforeAll(() => assertDistIsFresh());

  describe('PostgreSQL', () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createPgTestDatabase();
    });
    afterEach(() => t.drop());

    it('(a) during appends: every acknowledged event is recorded once, streams stay gapless, retries replay', async () => {
      const applicationName = `crash-append-${randomUUID().slice(0, 8)}`;
      const child = new Child('append-child.mjs', [
        withApplicationName(t.url as string, applicationName),
        '8',
        '25',
      ]);
      const workers = (lines: readonly string[]) =>
        new Set(lines.map((l) => (JSON.parse(l) as { worker: number }).worker));
      await child.waitFor((lines) => workers(lines).size === 8, 'an acknowledgement from every worker');
      await sleep(1500);
      await child.kill();
      await sessionsGone(t.db, applicationName);

      type Ack = {
        stream: string;
        expected: string;
        eventId: string;
        worker: number;
        n: number;
        nextRevision: string;
        position: string;
        replayed: boolean;
      };
      const acks = child.lines.map((line) => JSON.parse(line) as Ack);
      expect(acks.length).toBeGreaterThan(50);
      expect(acks.every((a) => !a.replayed)).toBe(true);

      const recorded = await t.db.query<{
        event_id: string;
        stream_id: string;
        revision: string;
        gp: string;
        txid: string;
      }>(
        `SELECT event_id::text AS event_id, stream_id, revision::text AS revision, global_position::text AS gp,
                transaction_id::text AS txid
           FROM es.events`,
      );
      const byId = new Map(recorded.rows.map((r) => [r.event_id, r]));
      expect(byId.size).toBe(recorded.rows.length);
      // Every acknowledged event is there, exactly once, where and as acknowledged.
      for (const ack of acks) {
        const row = byId.get(ack.eventId);
        expect(row).toBeDefined();
        expect(row?.stream_id).toBe(ack.stream);
        expect(row?.revision).toBe(ack.nextRevision);
        expect(formatPosition(row?.txid ?? '', row?.gp ?? '')).toBe(ack.position);
      }
      // Gapless streams whose head row matches their events.
      const streams = await t.db.query<{
        stream_id: string;
        n: string;
        min: string;
        max: string;
        head: string;
      }>(
        `SELECT e.stream_id, count(*)::text AS n, min(e.revision)::text AS min, max(e.revision)::text AS max,
                s.revision::text AS head
           FROM es.events e JOIN es.streams s USING (stream_id) GROUP BY e.stream_id, s.revision`,
      );
      const streamCount = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM es.streams`);
      expect(streams.rows).toHaveLength(streamCount.rows[0]?.n ?? -1);
      for (const s of streams.rows) {
        expect([s.min, s.max, s.head]).toEqual(['0', String(Number(s.n) - 1), s.max]);
      }
      // At most one event per stream beyond its last acknowledgement: the append in flight at the kill, committed
      // without its answer reaching the child (an ambiguous commit, which a retry with the same id resolves).
      const lastAck = new Map<string, Ack>();
      for (const ack of acks) lastAck.set(ack.stream, ack);
      for (const s of streams.rows) {
        const acked = lastAck.get(s.stream_id);
        expect(Number(s.max) - Number(acked?.nextRevision ?? -1)).toBeLessThanOrEqual(1);
      }
      // The hash chain holds across the crash.
      const broken = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT e.prev_hash, e.hash,
                  lag(e.hash, 1, '') OVER (PARTITION BY e.stream_id ORDER BY e.revision) AS expected_prev,
                  ${RECOMPUTED_EVENT_HASH} AS recomputed
             FROM es.events e) chain
          WHERE prev_hash <> expected_prev OR hash <> recomputed`,
      );
      expect(broken.rows[0]?.n).toBe(0);
      // A subscription reading from the start sees every recorded event (no dead transaction holds it back).
      const store = new SqlEventStore(t.db);
      let seen = 0;
      let cursor: string | undefined;
      const deadline = Date.now() + 30_000;
      while (seen < recorded.rows.length && Date.now() < deadline) {
        const page = await store.readAll({ after: cursor, maxCount: 1000 });
        seen += page.length;
        cursor = page[page.length - 1]?.position ?? cursor;
        if (page.length === 0) await sleep(20);
      }
      expect(seen).toBe(recorded.rows.length);

      // The last acknowledged append of each worker, sent again with the same id, is a replay; then the streams
      // take new appends (no lock left behind).
      const lastOfWorker = new Map<number, Ack>();
      for (const ack of acks) lastOfWorker.set(ack.worker, ack);
      expect(lastOfWorker.size).toBe(8);
      for (const ack of lastOfWorker.values()) {
        const expected: ExpectedRevision = ack.expected === 'no_stream' ? 'no_stream' : BigInt(ack.expected);
        const again = await store.appendToStream(ack.stream, expected, [
          { eventId: ack.eventId, type: 'CrashAppended', data: { worker: ack.worker, n: ack.n } },
        ]);
        expect(again).toEqual({
          nextRevision: BigInt(ack.nextRevision),
          position: ack.position,
          replayed: true,
        });
        const head = (await store.readStream(ack.stream, { direction: 'backwards', maxCount: 1 }))[0];
        const next = await store.appendToStream(ack.stream, head?.revision ?? 'no_stream', [
          { eventId: randomUUID(), type: 'AfterCrash', data: {} },
        ]);
        expect(next.nextRevision).toBe((head?.revision ?? -1n) + 1n);
      }
    }, 60_000);

    it('(b) during a rebuild: resuming gives the rows of a fresh rebuild and of the build before', async () => {
      await createCrashTables(t.db);
      const { last, handled } = await seed(t.db, 20_000, 8);
      const source = new SqlEventSource(t.db);
      await catchUpTo(new ProjectionRunner(t.db, source, crashProjection, { batchSize: 1000 }), last);
      const before = await readModelDigest(t.db);
      expect(before.appliedRows).toBe(handled);
      expect(before.events).toBe(handled);

      const applicationName = `crash-rebuild-${randomUUID().slice(0, 8)}`;
      const child = new Child('rebuild-child.mjs', [
        'pg',
        withApplicationName(t.url as string, applicationName),
        '200',
      ]);
      await child.waitFor((lines) => lines.includes('reset'), 'reset');
      // Kill it midway: its checkpoint has moved (non-null) and it has gone through a few batches.
      const deadline = Date.now() + 30_000;
      while (!(
        (await checkpointOf(t.db)) && child.lines.filter((l) => l.startsWith('progress')).length >= 3
      )) {
        if (Date.now() > deadline) throw new Error(`the rebuild did not progress: ${child.stderr}`);
        await sleep(5);
      }
      await child.kill();
      expect(child.lines).not.toContain('done');
      await sessionsGone(t.db, applicationName);

      await resumeAndCompare(t.db, before, last);
    }, 90_000);
  });

  describe('PGlite with a data directory', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'crash-pglite-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('(b) during a rebuild: the data directory reopens and resuming gives the rows of a fresh rebuild', async () => {
      let db = await PgliteDatabase.open(dir);
      let last: string;
      let before: ReadModelDigest;
      try {
        await migrate(db);
        await createCrashTables(db);
        // Fewer events than on PostgreSQL: PGlite is slower, and 25 batches of 200 are enough to stop it midway.
        const seeded = await seed(db, 5_000, 1);
        last = seeded.last;
        await catchUpTo(
          new ProjectionRunner(db, new SqlEventSource(db), crashProjection, { batchSize: 1000 }),
          last,
        );
        before = await readModelDigest(db);
        expect(before.appliedRows).toBe(seeded.handled);
      } finally {
        await db.close();
      }

      const child = new Child('rebuild-child.mjs', ['pglite', dir, '200']);
      await child.waitFor((lines) => lines.filter((l) => l.startsWith('progress')).length >= 5, 'progress');
      await child.kill();
      expect(child.lines).not.toContain('done');
      expect(await readdir(dir)).toContain('PG_VERSION');

      db = await PgliteDatabase.open(dir); // recovery of the killed instance's data directory
      try {
        await resumeAndCompare(db, before, last);
      } finally {
        await db.close();
      }
    }, 90_000);
  });
});
