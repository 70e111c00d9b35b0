import { randomUUID } from 'node:crypto';
import { type Database, type SqlExecutor } from '../../src/infrastructure/database/database.js';
import { PgDatabase } from '../../src/infrastructure/database/pg-database.js';
import { type EventToAppend, type RecordedEvent } from '../../src/infrastructure/event-store/event-store.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { type Projection } from '../../src/infrastructure/projections/projection.js';
import {
  type BatchOutcome,
  ProjectionRunner,
  resetProjection,
} from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { createPgliteTestDatabase, createPgTestDatabase, type TestDatabase } from '../support/databases.js';

// Every test uses its own event types and its own tables: the runners read the whole store, so they meet the
// other tests' events too (unhandled types, which must still move the checkpoint).

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tag = () => randomUUID().replace(/-/g, '').slice(0, 12);
const ev = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
});

/**
 * A read model keyed by event id that counts applications: `applied` > 1 would be a double application. The
 * rows are written one statement per batch; `failWhen` throws midway through a batch, after earlier rows of the
 * same batch were written.
 */
const countingProjection = (
  table: string,
  types: readonly string[],
  options: {
    failWhen?: (e: RecordedEvent) => boolean;
    label?: string;
    onApply?: (events: readonly RecordedEvent[]) => void;
  } = {},
): Projection => ({
  name: `count_${table}`,
  version: 1,
  eventTypes: types,
  tables: [table],
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor) {
    options.onApply?.(events);
    for (const e of events) {
      if (options.failWhen?.(e)) throw new Error(`cannot apply ${e.eventId}`);
      await tx.query(
        `INSERT INTO ${table} (event_id, stream_id, revision, position, applied, label)
         VALUES ($1, $2, $3, $4, 1, $5)
         ON CONFLICT (event_id) DO UPDATE SET applied = ${table}.applied + 1`,
        [e.eventId, e.streamId, e.revision.toString(), e.position, options.label ?? null],
      );
    }
  },
});

const createCountingTable = async (db: Database, table: string) => {
  await db.exec(`CREATE TABLE ${table} (
    event_id uuid PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, position text NOT NULL,
    applied integer NOT NULL, label text)`);
};

/** Order-dependent state per stream: a digest folded event by event, so any replay difference shows. */
const balancesProjection = (table: string, types: readonly string[]): Projection => ({
  name: `balances_${table}`,
  version: 1,
  eventTypes: types,
  tables: [table],
  async apply(events, tx) {
    for (const e of events) {
      await tx.query(
        `INSERT INTO ${table} AS b (stream_id, events, total, last_revision, digest)
         VALUES ($1, 1, $2, $3, md5($4))
         ON CONFLICT (stream_id) DO UPDATE SET events = b.events + 1, total = b.total + EXCLUDED.total,
           last_revision = EXCLUDED.last_revision, digest = md5(b.digest || $4)`,
        [e.streamId, Number(e.data.amount ?? 0), e.revision.toString(), `${e.eventId}:${e.type}`],
      );
    }
  },
});

/**
 * Catches up until the checkpoint has reached `position`. A single catchUp may stop short when another session of
 * the cluster holds back the snapshot's xmin (other test files do it on purpose): it is then caught up with what
 * is visible, not with what was written.
 */
const catchUpTo = async (runner: ProjectionRunner, position: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await runner.catchUp();
    const stored = await runner.storedPosition();
    if (stored !== undefined && stored >= position) return;
    if (Date.now() > deadline) throw new Error(`checkpoint ${stored} did not reach ${position}`);
    await sleep(20);
  }
};

/** Waits, without driving the runner, until its own loop has moved the checkpoint to `position`. */
const reached = async (runner: ProjectionRunner, position: string, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const stored = await runner.storedPosition();
    if (stored !== undefined && stored >= position) return;
    if (Date.now() > deadline) throw new Error(`the runner did not reach ${position} by itself`);
    await sleep(20);
  }
};

const rowsOf = async (db: Database, sql: string): Promise<unknown[]> => (await db.query(sql)).rows;

const checkpointOf = async (db: Database, subscriptionId: string) =>
  (
    await db.query<{ position: string | null; error: string | null }>(
      `SELECT position, error FROM es.checkpoints WHERE subscription_id = $1`,
      [subscriptionId],
    )
  ).rows[0];

describe.each([
  ['PostgreSQL', createPgTestDatabase],
  ['PGlite', createPgliteTestDatabase],
] as const)('ProjectionRunner (%s)', (_name, create) => {
  let t: TestDatabase;
  let db: Database;
  let store: SqlEventStore;
  let source: SqlEventSource;
  const runners: ProjectionRunner[] = [];
  const runnerFor = (
    projection: Projection,
    options: ConstructorParameters<typeof ProjectionRunner>[3] = {},
  ) => {
    const runner = new ProjectionRunner(db, source, projection, options);
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    t = await create();
    db = t.db;
    store = new SqlEventStore(db);
    source = new SqlEventSource(db);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(() => t.drop());

  it('(9) a batch whose apply throws midway leaves neither rows nor checkpoint behind', async () => {
    const id = tag();
    const table = `rollback_${id}`;
    const type = `Rollback${id}`;
    await createCountingTable(db, table);
    let poisoned = true;
    const projection = countingProjection(table, [type], {
      failWhen: (e) => poisoned && e.data.poison === true,
    });
    const runner = runnerFor(projection);
    await runner.register();
    // An earlier, good batch: the checkpoint has a position to fall back to.
    const first = await store.appendToStream(`rb-${id}`, 'no_stream', [ev(type, { n: 0 })]);
    await catchUpTo(runner, first.position);
    const before = await checkpointOf(db, runner.subscriptionId);
    expect(before?.position).toEqual(first.position);

    const batch = [
      ev(type, { n: 1 }),
      ev(type, { n: 2 }),
      ev(type, { n: 3, poison: true }),
      ev(type, { n: 4 }),
    ];
    const appended = await store.appendToStream(`rb-${id}`, 0n, batch);
    let failure: unknown;
    while (!failure) {
      const outcome = await runner.runBatch().catch((error: unknown) => (failure = error));
      if (!failure) expect(outcome).toEqual({ kind: 'caught-up', position: first.position }); // not visible yet
    }
    expect(failure).toEqual(new Error(`cannot apply ${batch[2]?.eventId}`));
    // The rows of events 1 and 2 were written before the throw: rolled back with the checkpoint.
    expect(await rowsOf(db, `SELECT event_id FROM ${table}`)).toHaveLength(1);
    expect(await checkpointOf(db, runner.subscriptionId)).toEqual(before);

    poisoned = false;
    await catchUpTo(runner, appended.position);
    const rows = await db.query<{ applied: number }>(`SELECT applied FROM ${table}`);
    expect(rows.rows.map((r) => r.applied)).toEqual([1, 1, 1, 1, 1]);
    expect((await checkpointOf(db, runner.subscriptionId))?.position).toBe(appended.position);
  });

  it('waitFor(position) resolves once the event is applied, and times out with false otherwise', async () => {
    const id = tag();
    const table = `wait_${id}`;
    const type = `Wait${id}`;
    await createCountingTable(db, table);
    const runner = runnerFor(countingProjection(table, [type]), { pollIntervalMs: 20, batchSize: 50 });
    await runner.register();
    runner.start();
    const e = ev(type);
    const appended = await store.appendToStream(`wait-${id}`, 'no_stream', [e]);
    expect(await runner.waitFor(appended.position, 30_000)).toBe(true);
    // Applied and committed when waitFor resolves.
    expect(await rowsOf(db, `SELECT event_id::text AS id FROM ${table}`)).toEqual([{ id: e.eventId }]);

    await runner.stop();
    const later = await store.appendToStream(`wait-${id}`, 0n, [ev(type)]);
    const started = Date.now();
    expect(await runner.waitFor(later.position, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await rowsOf(db, `SELECT 1 FROM ${table}`)).toHaveLength(1);
    // Another instance's progress counts too: waitFor reads the shared checkpoint.
    await runnerFor(countingProjection(table, [type])).catchUp();
    expect(await runner.waitFor(later.position, 1_000)).toBe(true);
  });

  it('wake-up hints: one naming none of its types leaves the runner asleep, one naming them wakes it, hints 5 ms apart start at most one batch per 100 ms', async () => {
    const id = tag();
    const table = `hint_${id}`;
    const type = `Hint${id}`;
    await createCountingTable(db, table);
    let batches = 0;
    // Polls only every minute: whatever runs within the test was started by a hint.
    const runner = runnerFor(countingProjection(table, [type], { onApply: () => (batches += 1) }), {
      pollIntervalMs: 60_000,
    });
    await runner.register();
    runner.start();
    await sleep(150); // the first batch at start, then asleep
    const appended = await store.appendToStream(`hint-${id}`, 'no_stream', [ev(type)]);
    runner.hint(['SomethingElse', `Other${id}`]);
    await sleep(300);
    expect(await rowsOf(db, `SELECT 1 FROM ${table}`)).toHaveLength(0);
    runner.hint(['SomethingElse', type]);
    await reached(runner, appended.position);
    expect(await rowsOf(db, `SELECT 1 FROM ${table}`)).toHaveLength(1);
    // Forty appends, each followed by its hint, 5 ms apart: at most one hinted batch per 100 ms, not forty.
    await sleep(120);
    batches = 0;
    let last = appended;
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      last = await store.appendToStream(`hint-${id}`, BigInt(i), [ev(type)]);
      runner.hint([type]);
      await sleep(5);
    }
    await reached(runner, last.position);
    expect(await rowsOf(db, `SELECT 1 FROM ${table}`)).toHaveLength(41);
    expect(batches).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 100) + 1);
    // No types named (too many, or a lost connection): every runner wakes.
    const more = await store.appendToStream(`hint-${id}`, 40n, [ev(type)]);
    await sleep(120);
    runner.hint();
    await reached(runner, more.position);
  });

  it('an event that always fails is dead-lettered after maxAttempts, and the runner moves past it', async () => {
    const id = tag();
    const table = `dead_${id}`;
    const type = `Dead${id}`;
    await createCountingTable(db, table);
    const attempts: number[] = [];
    let poisonId = '';
    const projection = countingProjection(table, [type], {
      failWhen: (e) => e.eventId === poisonId,
      onApply: (events) => {
        if (events.some((e) => e.eventId === poisonId)) attempts.push(events.length);
      },
    });
    const maxAttempts = 3;
    const runner = runnerFor(projection, {
      maxAttempts,
      retryBaseDelayMs: 5,
      pollIntervalMs: 20,
      batchSize: 50,
    });
    await runner.register();
    const poison = ev(type, { poison: true });
    poisonId = poison.eventId;
    // Good events ahead of it in the same batch: each must be applied once, not cost a failed batch each.
    const before = Array.from({ length: 6 }, () => ev(type));
    const after = ev(type);
    const parked = await store.appendToStream(`dead-${id}`, 'no_stream', [...before, poison]);
    runner.start();
    // Dead-lettering moves the checkpoint past the event and leaves a note on it.
    expect(await runner.waitFor(parked.position, 30_000)).toBe(true);
    expect((await checkpointOf(db, runner.subscriptionId))?.error).toContain(
      `dead-lettered ${poison.eventId}`,
    );
    const last = await store.appendToStream(`dead-${id}`, 6n, [after, ev(`Other${id}`)]);
    expect(await runner.waitFor(last.position, 30_000)).toBe(true);

    const applied = await db.query<{ id: string }>(
      `SELECT event_id::text AS id FROM ${table} ORDER BY revision`,
    );
    expect(applied.rows.map((r) => r.id)).toEqual([...before, after].map((e) => e.eventId));
    const dead = await db.query<{
      event_id: string;
      position: string;
      event_type: string;
      attempts: number;
      error: string;
    }>(
      `SELECT event_id::text AS event_id, position, event_type, attempts, error FROM es.dead_letters
        WHERE subscription_id = $1`,
      [runner.subscriptionId],
    );
    expect(dead.rows).toHaveLength(1);
    expect(dead.rows[0]).toMatchObject({ event_id: poison.eventId, event_type: type, attempts: maxAttempts });
    expect(dead.rows[0]?.error).toContain('cannot apply');
    const poisonRead = (await store.readStream(`dead-${id}`))[6];
    expect(dead.rows[0]?.position).toBe(poisonRead?.position);
    // maxAttempts tries of the event alone (after one try within its batch, which finds it).
    expect(attempts.filter((size) => size === 1)).toHaveLength(maxAttempts);
    expect(attempts.length).toBeLessThanOrEqual(maxAttempts + 1);

    const status = await runner.status();
    expect(status).toMatchObject({ subscriptionId: runner.subscriptionId, deadLetters: 1 });
    expect(status.position !== undefined && status.position >= last.position).toBe(true);
    // Cleared by the next applied batch.
    expect((await checkpointOf(db, runner.subscriptionId))?.error).toBeNull();
  });

  it('a rebuild (resetProjection + catchUp) yields the same rows as before, whatever the batch size', async () => {
    const id = tag();
    const table = `balances_${id}`;
    const types = [`Deposited${id}`, `Withdrawn${id}`];
    await db.exec(`CREATE TABLE ${table} (stream_id text PRIMARY KEY, events integer NOT NULL,
      total bigint NOT NULL, last_revision bigint NOT NULL, digest text NOT NULL)`);
    const projection = balancesProjection(table, types);
    let last = '';
    for (let s = 0; s < 12; s++) {
      const events = Array.from({ length: 5 + (s % 4) }, (_, i) =>
        i % 3 === 2 ? ev(`Noise${id}`) : ev(types[i % 2] as string, { amount: (i % 2 ? -1 : 1) * (s + i) }),
      );
      last = (await store.appendToStream(`acct-${id}-${s}`, 'no_stream', events)).position;
    }
    const built = runnerFor(projection, { batchSize: 1000 });
    await catchUpTo(built, last);
    const snapshot = await rowsOf(db, `SELECT * FROM ${table} ORDER BY stream_id`);
    expect(snapshot).toHaveLength(12);
    const checkpoint = await built.storedPosition();

    await resetProjection(db, projection);
    expect(await rowsOf(db, `SELECT * FROM ${table}`)).toEqual([]);
    expect(await checkpointOf(db, built.subscriptionId)).toEqual({ position: null, error: null });

    const rebuilt = runnerFor(projection, { batchSize: 7 });
    await catchUpTo(rebuilt, last);
    expect(await rowsOf(db, `SELECT * FROM ${table} ORDER BY stream_id`)).toEqual(snapshot);
    expect(await rebuilt.storedPosition()).toBe(checkpoint);
  });

  it('events of unhandled types are not applied but still move the checkpoint', async () => {
    const id = tag();
    const table = `unhandled_${id}`;
    const handled = `Handled${id}`;
    await createCountingTable(db, table);
    const seen: string[] = [];
    const runner = runnerFor(
      countingProjection(table, [handled], { onApply: (events) => seen.push(...events.map((e) => e.type)) }),
    );
    // Not registered: the first batch creates the checkpoint row (it used to report 'locked' forever).
    expect((await runner.runBatch()).kind).not.toBe('locked');
    expect(await checkpointOf(db, runner.subscriptionId)).toBeDefined();
    const only = await store.appendToStream(`unhandled-${id}`, 'no_stream', [
      ev(`Ignored${id}`),
      ev(`Ignored${id}`),
    ]);
    await catchUpTo(runner, only.position);
    expect(seen).toEqual([]);
    expect(await runner.storedPosition()).toBe(only.position);

    const h = ev(handled);
    const mixed = await store.appendToStream(`unhandled-${id}`, 1n, [
      ev(`Ignored${id}`),
      h,
      ev(`Ignored${id}`),
    ]);
    let outcome: BatchOutcome;
    do outcome = await runner.runBatch();
    while (outcome.kind === 'caught-up'); // until visible
    // Filtered where they are read: the batch holds the one handled event, and moves past the other two.
    expect(outcome).toEqual({ kind: 'applied', count: 1, position: mixed.position, caughtUp: true });
    expect(seen).toEqual([handled]);
    expect(await rowsOf(db, `SELECT event_id::text AS id FROM ${table}`)).toEqual([{ id: h.eventId }]);
    expect(await runner.runBatch()).toEqual({ kind: 'caught-up', position: mixed.position });
  });
});

describe('ProjectionRunner: two instances on one PostgreSQL database', () => {
  let t: TestDatabase;
  let other: PgDatabase;
  beforeAll(async () => {
    t = await createPgTestDatabase();
    other = new PgDatabase({ connectionString: t.url as string, maxConnections: 5 });
  });
  afterAll(async () => {
    await other.close();
    await t.drop();
  });

  it('(10) never process the same batch: every event is applied exactly once under contention', async () => {
    const id = tag();
    const table = `race_${id}`;
    const type = `Race${id}`;
    await createCountingTable(t.db, table);
    const store = new SqlEventStore(t.db);
    const appendStreams = async (streams: number, perStream: number) => {
      const positions: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let s = w; s < streams; s += 4) {
            const events = Array.from({ length: perStream }, (_, i) => ev(i % 5 === 4 ? `Noise${id}` : type));
            positions.push(
              (await store.appendToStream(`race-${id}-${randomUUID()}`, 'no_stream', events)).position,
            );
          }
        }),
      );
      return positions.sort();
    };
    const seeded = await appendStreams(80, 10);
    const target = seeded[seeded.length - 1] as string;

    const handedTo = new Map<string, string[]>();
    const runnerOn = (db: Database, label: string) => {
      const projection = countingProjection(table, [type], {
        label,
        onApply: (events) =>
          events.forEach((e) => handedTo.set(e.eventId, [...(handedTo.get(e.eventId) ?? []), label])),
      });
      return new ProjectionRunner(db, new SqlEventSource(db), projection, {
        batchSize: 25,
        pollIntervalMs: 10,
      });
    };
    const a = runnerOn(t.db, 'a');
    const b = runnerOn(other, 'b');
    expect(a.subscriptionId).toBe(b.subscriptionId);
    await Promise.all([a.register(), b.register()]);

    // Phase 1: both drive batches as fast as they can, until the shared checkpoint has passed every seeded event
    // ('caught-up' alone could come early, while another session of the cluster holds back visibility).
    const outcomes: Record<string, BatchOutcome['kind'][]> = { a: [], b: [] };
    const deadline = Date.now() + 30_000;
    const race = async (runner: ProjectionRunner, label: string) => {
      while (Date.now() < deadline) {
        const outcome = await runner.runBatch();
        outcomes[label]?.push(outcome.kind);
        if (outcome.kind === 'caught-up') {
          if (outcome.position !== undefined && outcome.position >= target) return;
          await sleep(10);
        }
      }
    };
    await Promise.all([race(a, 'a'), race(b, 'b')]);
    const appliedBy = (label: string) => outcomes[label]?.filter((k) => k === 'applied').length ?? 0;
    const locked = [...(outcomes.a ?? []), ...(outcomes.b ?? [])].filter((k) => k === 'locked').length;
    expect(appliedBy('a')).toBeGreaterThan(0);
    expect(appliedBy('b')).toBeGreaterThan(0);
    expect(locked).toBeGreaterThan(0);

    // Phase 2: both run in the background while writers append.
    a.start();
    b.start();
    try {
      const positions = await appendStreams(40, 8);
      const last = positions[positions.length - 1] as string;
      expect(await a.waitFor(last, 30_000)).toBe(true);
      expect(await b.waitFor(last, 30_000)).toBe(true);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }

    const expected = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM es.events WHERE event_type = $1`,
      [type],
    );
    const rows = await t.db.query<{ n: number; max: number; labels: string }>(
      `SELECT count(*)::int AS n, max(applied) AS max, string_agg(DISTINCT label, ',' ORDER BY label) AS labels
         FROM ${table}`,
    );
    expect(rows.rows[0]).toEqual({ n: expected.rows[0]?.n, max: 1, labels: 'a,b' });
    expect(expected.rows[0]?.n).toBe(80 * 8 + 40 * 7);
    // No event was even handed to apply twice (an apply that later rolled back would show here).
    expect([...handedTo.values()].filter((labels) => labels.length > 1)).toEqual([]);
    expect(handedTo.size).toBe(expected.rows[0]?.n);
    const dead = await t.db.query(`SELECT 1 FROM es.dead_letters`);
    expect(dead.rows).toEqual([]);
  });
});
