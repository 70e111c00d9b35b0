import { randomUUID } from 'node:crypto';
import { RECOMPUTED_EVENT_HASH } from '../../src/audit/verify-audit-trail/audit-trail.js';
import pg from 'pg';
import { type Database, type SqlExecutor } from '../../src/infrastructure/database/database.js';
import {
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '../../src/infrastructure/event-store/event-store.js';
import {
  EventIdConflictError,
  WrongExpectedRevisionError,
} from '../../src/infrastructure/event-store/event-store.errors.js';
import { parsePosition } from '../../src/infrastructure/event-store/sql/position.js';
import { readAllFrom, SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { describeEventStoreContract } from '../contracts/event-store.contract.js';
import {
  adminUrl,
  createPgliteTestDatabase,
  createPgTestDatabase,
  type TestDatabase,
} from '../support/databases.js';

// ---------------------------------------------------------------------------------------------------------------
// Shared databases. PGlite takes seconds to create, so the contract and the SQL cases share one instance.

let pgDatabase: Promise<TestDatabase> | undefined;
let pgliteDatabase: Promise<TestDatabase> | undefined;
const sharedPg = () => (pgDatabase ??= createPgTestDatabase());
const sharedPglite = () => (pgliteDatabase ??= createPgliteTestDatabase());
afterAll(async () => {
  await Promise.all([pgDatabase, pgliteDatabase].map(async (t) => (await t)?.drop()));
});

describeEventStoreContract('PostgreSQL', async () => {
  const t = await createPgTestDatabase();
  return { store: new SqlEventStore(t.db), teardown: t.drop };
});
describeEventStoreContract('PGlite', async () => {
  const t = await sharedPglite();
  return { store: new SqlEventStore(t.db), teardown: async () => undefined };
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const ev = (type = 'Happened', data: Record<string, unknown> = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
});
const batchOf = (count: number, type = 'Happened'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ev(type, { n }));
const gpOf = (position: string) => parsePosition(position).gp;
const txidOf = (position: string) => parsePosition(position).txid;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Database over one executor (a transaction or a dedicated connection), so SqlEventStore can append in it. */
const onExecutor = (executor: SqlExecutor, kind: Database['kind']): Database => ({
  kind,
  query: (sql, params) => executor.query(sql, params),
  withTransaction: () => Promise.reject(new Error('already in a transaction')),
  exec: () => Promise.reject(new Error('not supported')),
  listen: async () => async () => undefined,
  notify: async () => undefined,
  close: async () => undefined,
});

/** A dedicated PostgreSQL connection, for a transaction kept open while others commit. */
class Session {
  readonly store: SqlEventStore;
  errors: Error[] = [];

  private constructor(readonly client: pg.Client) {
    this.store = new SqlEventStore(
      onExecutor(
        {
          query: async <R>(sql: string, params?: readonly unknown[]) => {
            const result = await client.query(sql, params as unknown[]);
            return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
          },
        },
        'postgres',
      ),
    );
    client.on('error', (error) => this.errors.push(error));
  }

  static async open(url: string, options?: string): Promise<Session> {
    const client = new pg.Client({ connectionString: url, options });
    await client.connect();
    return new Session(client);
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
  }
  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }
  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }
  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** A subscription-like reader: follows `$all` from a checkpoint, as a projection does. */
class Follower {
  readonly delivered: RecordedEvent[] = [];

  private constructor(
    private readonly store: EventStore,
    private cursor: string | undefined,
    private readonly scope: (event: RecordedEvent) => boolean,
  ) {}

  /**
   * Follows from the head. On a shared PostgreSQL server the head can lag behind events of earlier tests: the
   * visibility horizon (the snapshot's xmin) is cluster-wide, so a transaction open in *another* database (another
   * test run) holds it back, and those earlier events are delivered later, after the head. A test that asserts
   * exactly what it receives passes a `scope` (its own streams): events outside it are read but not kept.
   */
  static async fromHead(
    store: EventStore,
    scope: (event: RecordedEvent) => boolean = () => true,
  ): Promise<Follower> {
    return new Follower(store, await store.headPosition(), scope);
  }

  /** Reads every page available now; returns what was new. */
  async poll(maxCount = 100): Promise<RecordedEvent[]> {
    const fresh: RecordedEvent[] = [];
    while (true) {
      const page = await this.store.readAll({ after: this.cursor, maxCount });
      fresh.push(...page.filter(this.scope));
      const last = page[page.length - 1];
      if (!last) break;
      this.cursor = last.position;
      if (page.length < maxCount) break;
    }
    this.delivered.push(...fresh);
    return fresh;
  }

  ids(): string[] {
    return this.delivered.map((e) => e.eventId);
  }

  /** Polls until every id has been delivered (visibility may lag behind commits elsewhere in the cluster). */
  async until(ids: readonly string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ids.every((id) => this.ids().includes(id))) {
      if (Date.now() > deadline) throw new Error(`not delivered within ${timeoutMs} ms: ${ids.join(', ')}`);
      await this.poll();
      await sleep(10);
    }
  }
}

const eventually = async (check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
};

const sequenceState = async (db: Database) =>
  (
    await db.query<{ last_value: string; is_called: boolean }>(
      'SELECT last_value::text AS last_value, is_called FROM es.global_position_seq',
    )
  ).rows[0];

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

// ---------------------------------------------------------------------------------------------------------------
// SQL cases that hold on both backends (no concurrency needed)

describe.each([
  ['PostgreSQL', sharedPg],
  ['PGlite', sharedPglite],
] as const)('SQL event store (%s)', (_name, shared) => {
  let db: Database;
  let store: SqlEventStore;
  beforeAll(async () => {
    db = (await shared()).db;
    store = new SqlEventStore(db);
  });

  it('(6) es.append after another write in the same transaction raises ES004, and nothing is kept', async () => {
    const streamId = `es004-${randomUUID()}`;
    const subscription = `es004-${randomUUID()}`;
    const afterWrite = await rejection(
      db.withTransaction(async (tx) => {
        await tx.query(`INSERT INTO es.checkpoints (subscription_id) VALUES ($1)`, [subscription]);
        return new SqlEventStore(onExecutor(tx, db.kind)).appendToStream(streamId, 'no_stream', [ev()]);
      }),
    );
    expect(afterWrite).toMatchObject({ code: 'ES004' });
    expect(
      (await db.query(`SELECT 1 FROM es.checkpoints WHERE subscription_id = $1`, [subscription])).rows,
    ).toEqual([]);

    // A second append in the same transaction: its first append already owns the transaction id.
    const second = `es004-${randomUUID()}`;
    const twice = await rejection(
      db.withTransaction(async (tx) => {
        const inTx = new SqlEventStore(onExecutor(tx, db.kind));
        await inTx.appendToStream(streamId, 'no_stream', [ev()]);
        return inTx.appendToStream(second, 'no_stream', [ev()]);
      }),
    );
    expect(twice).toMatchObject({ code: 'ES004' });
    expect(await store.readStream(streamId)).toEqual([]);
    expect(await store.readStream(second)).toEqual([]);

    // Reads before the append are fine: they assign no transaction id.
    const result = await db.withTransaction(async (tx) => {
      await tx.query('SELECT count(*) FROM es.events');
      await tx.query('SELECT revision FROM es.streams WHERE stream_id = $1', [streamId]);
      return new SqlEventStore(onExecutor(tx, db.kind)).appendToStream(streamId, 'no_stream', [ev()]);
    });
    expect(result.nextRevision).toBe(0n);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('(8) a refused append, a replay or an empty append consumes no position', async () => {
    const streamId = `seq-${randomUUID()}`;
    const first = batchOf(2);
    const firstResult = await store.appendToStream(streamId, 'no_stream', first);
    const before = await sequenceState(db);

    await expect(store.appendToStream(streamId, 'no_stream', [ev()])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.appendToStream(streamId, 7n, batchOf(3))).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.appendToStream(`seq-${randomUUID()}`, 'stream_exists', [ev()])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.appendToStream(`seq-${randomUUID()}`, 0n, [ev()])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await store.appendToStream(streamId, 'no_stream', first)).replayed).toBe(true);
    await expect(store.appendToStream(`seq-${randomUUID()}`, 'any', first)).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
    await store.appendToStream(streamId, 1n, []);
    expect(await sequenceState(db)).toEqual(before);

    const next = await store.appendToStream(streamId, 1n, [ev()]);
    expect(gpOf(next.position)).toBe(gpOf(firstResult.position) + 1n);
  });

  it('a batch overlapping recorded ids, or mixing new and recorded ids, is refused as a whole', async () => {
    const streamId = `overlap-${randomUUID()}`;
    const [a, b] = batchOf(2) as [EventToAppend, EventToAppend];
    await store.appendToStream(streamId, 'no_stream', [a, b]);
    const c = ev();
    // Starts with a recorded id, then a new one (ES002).
    await expect(store.appendToStream(streamId, 'any', [b, c])).rejects.toBeInstanceOf(EventIdConflictError);
    // Recorded ids in another order.
    await expect(store.appendToStream(streamId, 'any', [b, a])).rejects.toBeInstanceOf(EventIdConflictError);
    // Starts with a new id, then a recorded one (unique index).
    await expect(store.appendToStream(streamId, 1n, [c, a])).rejects.toBeInstanceOf(EventIdConflictError);
    // A prefix of a recorded batch is recorded as it is: a replay (as on EventStoreDB).
    expect(await store.appendToStream(streamId, 'no_stream', [a])).toMatchObject({
      nextRevision: 0n,
      replayed: true,
    });
    expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    expect((await store.appendToStream(streamId, 1n, [c])).nextRevision).toBe(2n);
  });

  it('es.events refuses UPDATE, DELETE and TRUNCATE; es.streams refuses DELETE and TRUNCATE', async () => {
    const streamId = `immutable-${randomUUID()}`;
    await store.appendToStream(streamId, 'no_stream', batchOf(2));
    const before = await store.readStream(streamId);
    const attempts: [string, unknown[]][] = [
      [`UPDATE es.events SET data = '{"changed":true}' WHERE stream_id = $1`, [streamId]],
      [`UPDATE es.events SET transaction_id = '1'::xid8 WHERE stream_id = $1`, [streamId]],
      [`DELETE FROM es.events WHERE stream_id = $1`, [streamId]],
      [`TRUNCATE es.events`, []],
      [`TRUNCATE es.streams CASCADE`, []],
      [`TRUNCATE es.streams`, []],
      [`DELETE FROM es.streams WHERE stream_id = $1`, [streamId]],
    ];
    for (const [sql, params] of attempts) {
      await expect(db.query(sql, params)).rejects.toMatchObject({ code: 'ES003' });
    }
    expect(await store.readStream(streamId)).toEqual(before);
  });

  it('the hash chain links each event to the previous one of its stream, and detects a change', async () => {
    const streamId = `chain-${randomUUID()}`;
    const other = `chain-${randomUUID()}`;
    await store.appendToStream(streamId, 'no_stream', batchOf(2));
    await store.appendToStream(other, 'no_stream', batchOf(1));
    await store.appendToStream(streamId, 1n, [{ ...ev('WithMeta', { x: 'é' }), metadata: { actorId: 'a' } }]);
    await store.appendToStream(streamId, 2n, batchOf(3));

    const chainOf = async (executor: SqlExecutor, id: string) =>
      (
        await executor.query<{ revision: string; prev_hash: string; hash: string; recomputed: string }>(
          `SELECT e.revision::text AS revision, e.prev_hash, e.hash, ${RECOMPUTED_EVENT_HASH} AS recomputed
             FROM es.events e WHERE e.stream_id = $1 ORDER BY e.revision`,
          [id],
        )
      ).rows;
    const rows = await chainOf(db, streamId);
    expect(rows).toHaveLength(6);
    rows.forEach((row, i) => {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prev_hash).toBe(i === 0 ? '' : rows[i - 1]?.hash);
      expect(row.recomputed).toBe(row.hash);
    });
    expect(new Set(rows.map((r) => r.hash)).size).toBe(6);
    const head = await db.query<{ last_hash: string }>(
      `SELECT last_hash FROM es.streams WHERE stream_id = $1`,
      [streamId],
    );
    expect(head.rows[0]?.last_hash).toBe(rows[5]?.hash);
    expect((await store.readStream(streamId)).map((e) => e.hash)).toEqual(rows.map((r) => r.hash));
    // Each stream has its own chain.
    expect((await chainOf(db, other))[0]?.prev_hash).toBe('');

    // Bypassing the immutability trigger (as an owner could) breaks the chain at the changed event.
    const tampered = await rejection(
      db.withTransaction(async (tx) => {
        await tx.query('ALTER TABLE es.events DISABLE TRIGGER events_immutable');
        await tx.query(`UPDATE es.events SET data = '{"n":99}' WHERE stream_id = $1 AND revision = 3`, [
          streamId,
        ]);
        const broken = (await chainOf(tx, streamId))
          .filter((r) => r.recomputed !== r.hash)
          .map((r) => r.revision);
        throw Object.assign(new Error('rollback'), { broken });
      }),
    );
    expect(tampered).toMatchObject({ broken: ['3'] });
    expect((await chainOf(db, streamId)).every((r) => r.recomputed === r.hash)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: real concurrent transactions (section 2.10 of the event-store brief)

describe('SQL event store under concurrent transactions (PostgreSQL)', () => {
  let t: TestDatabase;
  let store: SqlEventStore;
  let url: string;
  const sessions: Session[] = [];
  const session = async (options?: string) => {
    const s = await Session.open(url, options);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await sharedPg();
    url = t.url as string;
    store = new SqlEventStore(t.db);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });

  /** Stream ids of one test (`<type>-<tag>-<uuid>`), and a follower scope that keeps only them. */
  const scoped = () => {
    const tag = randomUUID();
    return {
      stream: (type: string) => `${type}-${tag}-${randomUUID()}`,
      mine: (event: RecordedEvent) => event.streamId.includes(tag),
    };
  };

  it('(1) delivers a slow transaction with a lower xid that commits after a faster one', async () => {
    const own = scoped();
    const follower = await Follower.fromHead(store, own.mine);
    const slow = await session();
    await slow.begin();
    const slowEvent = ev('Slow');
    const slowResult = await slow.store.appendToStream(own.stream('slow'), 'no_stream', [slowEvent]);
    const fastEvent = ev('Fast');
    const fastResult = await store.appendToStream(own.stream('fast'), 'no_stream', [fastEvent]);
    // The dangerous shape: the slow event has the lower xid and the lower global position, and commits last.
    expect(txidOf(slowResult.position)).toBeLessThan(txidOf(fastResult.position));
    expect(gpOf(slowResult.position)).toBeLessThan(gpOf(fastResult.position));
    // A reader keyed on the global position alone would see the fast event, move past the slow one and skip it.
    const naive = await t.db.query<{ event_id: string }>(
      `SELECT event_id::text AS event_id FROM es.events WHERE global_position >= $1`,
      [gpOf(slowResult.position).toString()],
    );
    expect(naive.rows.map((r) => r.event_id)).toEqual([fastEvent.eventId]);

    // Ours delivers neither while the slow transaction is open...
    await follower.poll();
    await sleep(100);
    await follower.poll();
    expect(follower.ids()).not.toContain(fastEvent.eventId);
    const head = await store.headPosition();
    expect(head === undefined || head < slowResult.position).toBe(true);

    // ...and both, slow first, once it commits.
    await slow.commit();
    await follower.until([slowEvent.eventId, fastEvent.eventId]);
    expect(follower.ids()).toEqual([slowEvent.eventId, fastEvent.eventId]);
    expect(follower.delivered.map((e) => e.position)).toEqual([slowResult.position, fastResult.position]);
  });

  it('(1b) why the follower is scoped: an earlier event made visible after the head is delivered after it', async () => {
    // A transaction open in *another database* of the server holds the cluster-wide xmin: an event appended
    // meanwhile in ours stays behind the head until it ends (what made (1) fail on a shared server).
    const other = await Session.open(adminUrl());
    sessions.push(other);
    await other.begin();
    await other.client.query('SELECT pg_current_xact_id()');
    const earlier = ev('Earlier');
    await store.appendToStream(`earlier-${randomUUID()}`, 'no_stream', [earlier]);
    const own = scoped();
    const scopedFollower = await Follower.fromHead(store, own.mine);
    const unscoped = await Follower.fromHead(store);
    await other.commit();
    const mine = ev('Mine');
    await store.appendToStream(own.stream('mine'), 'no_stream', [mine]);
    await unscoped.until([mine.eventId]);
    await scopedFollower.until([mine.eventId]);
    // Delivered after the head was taken (other databases' transactions may add events of earlier tests too).
    expect(unscoped.ids()).toContain(earlier.eventId);
    expect(unscoped.ids().indexOf(earlier.eventId)).toBeLessThan(unscoped.ids().indexOf(mine.eventId));
    expect(scopedFollower.ids()).toEqual([mine.eventId]);
  });

  it('(2) delivers several slow transactions committing in any order, each exactly once', async () => {
    const own = scoped();
    const follower = await Follower.fromHead(store, own.mine);
    const slows = [await session(), await session(), await session()];
    const slowEvents = slows.map(() => ev('Slow'));
    for (const [i, s] of slows.entries()) {
      await s.begin();
      await s.store.appendToStream(own.stream('slow'), 'no_stream', [slowEvents[i] as EventToAppend]);
    }
    const fastEvent = ev('Fast');
    await store.appendToStream(own.stream('fast'), 'any', [fastEvent]);
    const [s1, s2, s3] = slows as [Session, Session, Session];
    const [e1, e2, e3] = slowEvents.map((e) => e.eventId) as [string, string, string];

    await s3.commit(); // the youngest: still behind s1 and s2
    await follower.poll();
    await sleep(50);
    await follower.poll();
    expect(follower.delivered).toEqual([]);

    await s1.commit(); // the oldest: visible; s3 and the fast one still wait for s2
    await follower.until([e1]);
    await sleep(50);
    await follower.poll();
    expect(follower.ids()).toEqual([e1]);

    await s2.commit();
    await follower.until([e2, e3, fastEvent.eventId]);
    await follower.poll();
    expect(follower.ids()).toEqual([e1, e2, e3, fastEvent.eventId]);
  });

  it('(3) tolerates the gaps of rolled-back appends, finished or still open when the reader passes', async () => {
    const own = scoped();
    const follower = await Follower.fromHead(store, own.mine);
    const rolledBack = await session();
    await rolledBack.begin();
    const lost = await rolledBack.store.appendToStream(own.stream('lost'), 'no_stream', batchOf(2, 'Lost'));
    await rolledBack.rollback();
    const kept = ev('Kept');
    const keptResult = await store.appendToStream(own.stream('kept'), 'no_stream', [kept]);
    expect(gpOf(keptResult.position)).toBeGreaterThan(gpOf(lost.position)); // a hole in the global positions

    // Rolled back while the reader is waiting on it.
    const pending = await session();
    await pending.begin();
    await pending.store.appendToStream(own.stream('lost'), 'no_stream', batchOf(1, 'Lost'));
    const later = ev('Later');
    await store.appendToStream(own.stream('kept'), 'no_stream', [later]);
    await follower.until([kept.eventId]);
    await follower.poll();
    expect(follower.ids()).toEqual([kept.eventId]);
    await pending.rollback();
    await follower.until([later.eventId]);
    await follower.poll();
    expect(follower.ids()).toEqual([kept.eventId, later.eventId]);
    expect(follower.delivered.some((e) => e.type === 'Lost')).toBe(false);
  });

  it('(4) a long-open transaction blocks visibility until it ends, and is visible to monitoring', async () => {
    const follower = await Follower.fromHead(store);
    const blocker = await session();
    await blocker.begin();
    await blocker.client.query('SELECT pg_current_xact_id()'); // owns an xid, writes nothing
    const blockerPid = (await blocker.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
      ?.pid;
    const blocked = ev('Blocked');
    const result = await store.appendToStream(`blocked-${randomUUID()}`, 'no_stream', [blocked]);

    for (let i = 0; i < 5; i++) {
      await follower.poll();
      await sleep(60);
    }
    expect(follower.ids()).not.toContain(blocked.eventId);
    const head = await store.headPosition();
    expect(head === undefined || head < result.position).toBe(true);
    // What an alert would watch: the oldest transaction id held by a backend.
    const oldest = await t.db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND datname = current_database()
        ORDER BY age(backend_xid) DESC LIMIT 1`,
    );
    expect(oldest.rows[0]?.pid).toBe(blockerPid);

    await blocker.commit();
    await follower.until([blocked.eventId]);
    expect((await store.headPosition()) ?? '').not.toBe('');
  });

  it('(4) a forgotten transaction is ended by idle_in_transaction_session_timeout, and reads resume', async () => {
    // The pool's own sessions carry the bound.
    const setting = await t.db.withTransaction((tx) =>
      tx.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout'),
    );
    expect(setting.rows[0]?.idle_in_transaction_session_timeout).toBe('1min');

    const follower = await Follower.fromHead(store);
    const forgotten = await session('-c idle_in_transaction_session_timeout=400');
    await forgotten.begin();
    await forgotten.client.query('SELECT pg_current_xact_id()');
    const blocked = ev('Blocked');
    await store.appendToStream(`blocked-${randomUUID()}`, 'no_stream', [blocked]);
    await follower.poll();
    expect(follower.ids()).not.toContain(blocked.eventId);
    // Nobody commits: the server terminates the idle transaction.
    await follower.until([blocked.eventId], 30_000);
    await eventually(async () => forgotten.errors.length > 0);
  });

  it('(5) concurrent appenders to one stream with any: revision order equals (xid, position) order', async () => {
    const streamId = `contended-${randomUUID()}`;
    const follower = await Follower.fromHead(store);
    const writers = 8;
    const appendsPerWriter = 50;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        await follower.poll(37);
        await sleep(5);
      }
    })();
    const appended: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const batch = batchOf(1 + ((w + i) % 2), `W${w}`);
          await store.appendToStream(streamId, 'any', batch);
          appended.push(...batch.map((e) => e.eventId));
        }
      }),
    );
    writing = false;
    await reader;
    await follower.until(appended, 30_000);

    const total = appended.length;
    const stream = await store.readStream(streamId);
    expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
    // The live reader got every event once, in revision order: no revision N+1 was delivered before N.
    const delivered = follower.delivered.filter((e) => e.streamId === streamId);
    expect(delivered.map((e) => e.revision)).toEqual(stream.map((e) => e.revision));
    expect(delivered.map((e) => e.position)).toEqual(stream.map((e) => e.position));
    for (let i = 1; i < stream.length; i++) {
      const [prev, cur] = [stream[i - 1] as RecordedEvent, stream[i] as RecordedEvent];
      expect(cur.position > prev.position).toBe(true);
      expect(txidOf(cur.position) >= txidOf(prev.position)).toBe(true);
    }
    const byCursor = await t.db.query<{ revision: string }>(
      `SELECT revision::text AS revision FROM es.events WHERE stream_id = $1 ORDER BY transaction_id, global_position`,
      [streamId],
    );
    expect(byCursor.rows.map((r) => BigInt(r.revision))).toEqual(stream.map((e) => e.revision));
  });

  it('(5b) hot stream, one event per append with its exact revision (read, decide, append, retry on conflict): no lost update, order kept, every conflict typed', async () => {
    // One event with an exact revision takes the one-statement path (ADR 0007); racing writers fall back to
    // es.append, which must turn every lost race into a WrongExpectedRevisionError.
    const streamId = `hot-${randomUUID()}`;
    const follower = await Follower.fromHead(store);
    const writers = 8;
    const appendsPerWriter = 25;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        await follower.poll(29);
        await sleep(5);
      }
    })();
    const appended: string[] = [];
    const conflicts: unknown[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const event = ev(`W${w}`);
          for (;;) {
            const [head] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
            try {
              await store.appendToStream(streamId, head ? head.revision : 'no_stream', [event]);
              break;
            } catch (error) {
              conflicts.push(error);
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
          appended.push(event.eventId);
        }
      }),
    );
    writing = false;
    await reader;
    await follower.until(appended, 30_000);

    expect(conflicts.length).toBeGreaterThan(0);
    expect(conflicts.every((e) => e instanceof WrongExpectedRevisionError)).toBe(true);
    const stream = await store.readStream(streamId);
    expect(stream.map((e) => e.eventId).sort()).toEqual([...appended].sort());
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => BigInt(i)));
    const delivered = follower.delivered.filter((e) => e.streamId === streamId);
    expect(delivered.map((e) => e.revision)).toEqual(stream.map((e) => e.revision));
    for (let i = 1; i < stream.length; i++) {
      const [prev, cur] = [stream[i - 1] as RecordedEvent, stream[i] as RecordedEvent];
      expect(cur.position > prev.position).toBe(true);
      expect(cur.hash).not.toBe(prev.hash);
    }
    const head = await t.db.query<{ revision: string; last_hash: string }>(
      `SELECT revision::text AS revision, last_hash FROM es.streams WHERE stream_id = $1`,
      [streamId],
    );
    expect(head.rows[0]).toEqual({
      revision: String(stream.length - 1),
      last_hash: stream[stream.length - 1]?.hash,
    });
  });

  it('(7a) concurrent retries of one single event (same id, same exact revision) record it once', async () => {
    const streamId = `retry-one-${randomUUID()}`;
    await store.appendToStream(streamId, 'no_stream', [ev()]);
    for (const expected of [0n, 'no_stream' as const]) {
      const target = expected === 'no_stream' ? `retry-one-${randomUUID()}` : streamId;
      const event = ev('Retried');
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.appendToStream(target, expected, [event])),
      );
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const original = results.find((r) => !r.replayed);
      for (const r of results) expect({ ...r, replayed: false }).toEqual(original);
      expect((await store.readStream(target)).filter((e) => e.eventId === event.eventId)).toHaveLength(1);
    }
  });

  it('(7) concurrent retries of one batch write it once and all get the same positions', async () => {
    const streamId = `retry-${randomUUID()}`;
    const batch = batchOf(3);
    // Hold the stream's lock so that every attempt is in flight at the same time.
    const locker = await session();
    const lockKey = `es.stream:${streamId}`;
    await locker.client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    const attempts = Array.from({ length: 6 }, () => store.appendToStream(streamId, 'no_stream', batch));
    await eventually(async () => {
      const waiting = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      return (waiting.rows[0]?.n ?? 0) >= 6;
    });
    await locker.client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    const results = await Promise.all(attempts);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const original = results.find((r) => !r.replayed);
    for (const r of results) expect({ ...r, replayed: false }).toEqual(original);
    expect(original?.nextRevision).toBe(2n);

    // Two concurrent retries of the recorded batch, with the same and with another expected state.
    const [r1, r2, r3] = await Promise.all([
      store.appendToStream(streamId, 'no_stream', batch),
      store.appendToStream(streamId, 'no_stream', batch),
      store.appendToStream(streamId, 'any', batch),
    ]);
    for (const r of [r1, r2, r3]) expect(r).toEqual({ ...original, replayed: true });
    const stream = await store.readStream(streamId);
    expect(stream.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    expect(stream[2]?.position).toBe(original?.position);

    // The same new batch sent to two streams at once: one is written, the other refused.
    const contested = batchOf(2);
    const [x, y] = [`retry-${randomUUID()}`, `retry-${randomUUID()}`];
    const outcomes = await Promise.allSettled([
      store.appendToStream(x, 'any', contested),
      store.appendToStream(y, 'any', contested),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(EventIdConflictError);
    expect((await store.readStream(x)).length + (await store.readStream(y)).length).toBe(2);
  });

  it('(8) concurrent refused appends consume no position either', async () => {
    const streamId = `seq-${randomUUID()}`;
    const first = await store.appendToStream(streamId, 'no_stream', [ev()]);
    const before = await sequenceState(t.db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.appendToStream(streamId, i % 2 ? 'no_stream' : 4n, batchOf(2)),
      ),
    );
    expect(
      outcomes.every((o) => o.status === 'rejected' && o.reason instanceof WrongExpectedRevisionError),
    ).toBe(true);
    expect(await sequenceState(t.db)).toEqual(before);
    const next = await store.appendToStream(streamId, 0n, [ev()]);
    expect(gpOf(next.position)).toBe(gpOf(first.position) + 1n);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// PGlite: the functions the poll relies on. PGlite is single-connection and serialises every transaction, so
// there are no concurrent transactions to test there: the concurrency cases above run on PostgreSQL only.

describe('SQL event store on PGlite: xid8 and snapshots', () => {
  it('has xid8, pg_current_xact_id() and pg_current_snapshot(); the poll returns committed events in order', async () => {
    const { db } = await sharedPglite();
    const store = new SqlEventStore(db);

    const column = await db.query<{ type: string }>(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'es.events'::regclass AND attname = 'transaction_id'`,
    );
    expect(column.rows[0]?.type).toBe('xid8');
    const inTx = await db.withTransaction(async (tx) => {
      const unassigned = await tx.query<{ x: string | null }>(
        'SELECT pg_current_xact_id_if_assigned()::text AS x',
      );
      const assigned = await tx.query<{ x: string; t: string }>(
        'SELECT pg_current_xact_id()::text AS x, pg_typeof(pg_current_xact_id())::text AS t',
      );
      const after = await tx.query<{ x: string | null }>(
        'SELECT pg_current_xact_id_if_assigned()::text AS x',
      );
      const snapshot = await tx.query<{ snapshot: string; xmin: string; xmax: string }>(
        `SELECT pg_current_snapshot()::text AS snapshot, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
                pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`,
      );
      return {
        unassigned: unassigned.rows[0]?.x,
        assigned: assigned.rows[0],
        after: after.rows[0]?.x,
        ...snapshot.rows[0],
      };
    });
    expect(inTx.unassigned).toBeNull();
    expect(inTx.assigned?.t).toBe('xid8');
    expect(inTx.after).toBe(inTx.assigned?.x);
    expect(inTx.snapshot).toMatch(/^\d+:\d+:/);
    expect(BigInt(inTx.xmin as string)).toBeLessThanOrEqual(BigInt(inTx.assigned?.x as string));

    const follower = await Follower.fromHead(store);
    const [a, b] = [`pglite-${randomUUID()}`, `pglite-${randomUUID()}`];
    const appended: EventToAppend[] = [];
    const results: AppendResult[] = [];
    for (const [streamId, expected, batch] of [
      [a, 'no_stream', batchOf(2)],
      [b, 'no_stream', batchOf(1)],
      [a, 1n, batchOf(3)],
    ] as const) {
      results.push(await store.appendToStream(streamId, expected, batch));
      appended.push(...batch);
    }
    const txids = results.map((r) => txidOf(r.position));
    expect([...txids].sort((x, y) => (x < y ? -1 : 1))).toEqual(txids);
    expect(new Set(txids).size).toBe(3);
    await follower.poll(2);
    expect(follower.ids()).toEqual(appended.map((e) => e.eventId));

    // The runner's poll runs in a transaction that owns an xid (it locks its checkpoint row): still all there.
    const fromRunnerTx = await db.withTransaction(async (tx) => {
      await tx.query('SELECT pg_current_xact_id()');
      return readAllFrom(tx, { after: results[0]?.position });
    });
    expect(fromRunnerTx.map((e) => e.eventId)).toEqual(appended.slice(2).map((e) => e.eventId));
  });
});

describe('Migrations', () => {
  it('When the application starts again on a migrated database, then nothing is re-applied', async () => {
    const { createPgTestDatabase } = await import('../support/databases.js');
    const { migrate } = await import('../../src/infrastructure/database/migrations.js');
    const t = await createPgTestDatabase();
    try {
      const again = await migrate(t.db);
      expect(again.from).toBe(again.to);
      expect(again.to).toBeGreaterThan(0);
    } finally {
      await t.drop();
    }
  });
});
