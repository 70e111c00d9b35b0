import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import { type Database, type SqlExecutor } from '#src/infrastructure/database/database.js';
import { migrate } from '#src/infrastructure/database/migrations.js';
import { PgDatabase } from '#src/infrastructure/database/pg-database.js';
import { PgliteDatabase } from '#src/infrastructure/database/pglite-database.js';
import { type EventToAppend, type ExpectedRevision } from '#src/infrastructure/event-store/event-store.js';
import { SqlEventStore } from '#src/infrastructure/event-store/sql/sql-event-store.js';
import { type Projection } from '#src/infrastructure/projections/projection.js';
import { ProjectionRunner } from '#src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '#src/infrastructure/projections/sql-event-source.js';
import {
  closedLoop,
  fmt,
  fmtInt,
  fmtRatio,
  latencyStats,
  markdownTable,
  nsToMs,
  ResourceProbe,
  ResourceTotals,
  type ResourceUse,
  WaitSampler,
} from './bench-support.js';

/**
 * `npm run bench:store`: the SQL event store against the raw `pg` ceiling, measured side by side in one run on one
 * PostgreSQL (docs: shared/docs/performance.md, sections "Baseline", 2 and 4). Creates a database `bench_<random>`,
 * drops it at the end, prints a markdown table (absolute figures and ratios), asserts invariants (exit 1 on a
 * FAIL) and writes bench-results/store-<timestamp>.json.
 *
 * Settings (environment): BENCH_DATABASE_URL | DATABASE_URL (server to create the database on), BENCH_SECONDS (8,
 * measured per point and contender), BENCH_ROUNDS (4 interleaved slices), BENCH_WARMUP_SECONDS (2), BENCH_WRITERS
 * (16), BENCH_POOL_SIZE (20, the app's default),
 * BENCH_BATCH_WRITERS ("1,8"), BENCH_CATCHUP_EVENTS (100000), BENCH_PGLITE_EVENTS (same), BENCH_SEED_BATCH (100),
 * BENCH_PGLITE (1), BENCH_DIAGNOSTICS (1), BENCH_CANDIDATE_SQL (a SQL file: see below), BENCH_EXPERIMENTS (comma-separated:
 * "hint", two more arms at the many-writer point, the wake-up NOTIFY sent without waiting for the WAL flush, or
 * throttled; "direct", es.append() called over plain clients, without the adapter).
 *
 * BENCH_CANDIDATE_SQL tries a schema change before it is written as a migration: a second database is migrated,
 * then the file is run on it, seeded alike, and the store on it ("candidate") joins the append points, interleaved
 * with the current store and the raw ceiling.
 */

// ---------------------------------------------------------------------------------------------------- settings

const env = process.env;
const num = (name: string, fallback: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
};
const SECONDS = num('BENCH_SECONDS', 8);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', Math.min(2, SECONDS / 4));
const ROUNDS = Math.max(1, Math.round(num('BENCH_ROUNDS', 4)));
const WRITERS = Math.round(num('BENCH_WRITERS', 16));
const POOL_SIZE = Math.max(WRITERS, Math.round(num('BENCH_POOL_SIZE', 20)));
const BATCH_WRITERS = (env.BENCH_BATCH_WRITERS ?? '1,8')
  .split(',')
  .map((x) => Math.round(Number(x)))
  .filter((x) => Number.isFinite(x) && x >= 1);
const BATCH = 100;
const CATCHUP_EVENTS = Math.round(num('BENCH_CATCHUP_EVENTS', 100_000));
const PGLITE_EVENTS = Math.round(num('BENCH_PGLITE_EVENTS', CATCHUP_EVENTS));
const SEED_BATCH = Math.round(num('BENCH_SEED_BATCH', 100));
const SEED_CONCURRENCY = 4;
const STREAMS_PER_WRITER = 100;
const PROJECTION_BATCH = 1000;
const WITH_PGLITE = env.BENCH_PGLITE !== '0';
const WITH_DIAGNOSTICS = env.BENCH_DIAGNOSTICS !== '0';
const CANDIDATE_SQL = env.BENCH_CANDIDATE_SQL;
const EXPERIMENTS = (env.BENCH_EXPERIMENTS ?? '').split(',');
const SERVER_URL =
  env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------------- payloads

const EVENT_TYPE = 'BenchFollowUpRecorded';
const META = { actorId: 'bench-user', correlationId: '00000000-0000-4000-8000-000000000000' };
const META_JSON = JSON.stringify(META);
const HASH = 'f'.repeat(64);
const UNITS = ['SPIP 75', 'SPIP 93', 'CPIP Lyon', 'SPIP 13', 'CPIP Lille', 'SPIP 33'];
/** ~200 bytes of JSON, varying with `n`. */
const payload = (n: number): Record<string, unknown> => ({
  demandId: `d-${n.toString(36).padStart(8, '0')}`,
  title: 'Effectifs et charge de travail des conseillers',
  unit: UNITS[n % UNITS.length],
  status: n % 3 === 0 ? 'submitted' : 'acknowledged',
  priority: n % 5,
  note: 'Relance suite au CT du mois: réponse attendue',
});
const PAYLOAD_BYTES = Buffer.byteLength(JSON.stringify(payload(123456)));
let counter = 0;
const newEvent = (): EventToAppend => ({
  eventId: randomUUID(),
  type: EVENT_TYPE,
  data: payload(counter++),
  metadata: META,
});

// ---------------------------------------------------------------------------------------------------- results

type Point = {
  id: string;
  section: string;
  scenario: string;
  backend: 'postgres' | 'pglite';
  concurrency: number;
  unit: 'commits/s' | 'appends/s' | 'events/s';
  rate: number;
  ops: number;
  events: number;
  seconds: number;
  p50Ms?: number;
  p99Ms?: number;
  resources?: ResourceUse;
  waits?: { event: string; avgBackends: number }[];
  /** Wake-up NOTIFY transactions per append. */
  hintsPerOp?: number;
  errors: string[];
  diagnostic?: boolean;
};
type Comparison = { label: string; value: number | undefined; target?: number };
type Invariant = { backend: string; name: string; pass: boolean; detail: string };

const points: Point[] = [];
const invariants: Invariant[] = [];
const info: {
  serverVersion?: string;
  settings?: Record<string, string>;
  pgliteOpenSeconds?: number;
  candidate?: string;
} = {};
const byId = (id: string) => points.find((p) => p.id === id);

function check(backend: string, name: string, pass: boolean, detail: string): void {
  invariants.push({ backend, name, pass, detail });
  log(`${pass ? 'PASS' : 'FAIL'} [${backend}] ${name}: ${detail}`);
}

// ---------------------------------------------------------------------------------------------------- set-up

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** Session settings through the URL (`options`), which `pg` lets override the adapter's own. */
const withOptions = (url: string, options: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', options);
  return parsed.toString();
};

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The raw ceiling's table: es.events' columns and indexes (LIKE … INCLUDING), its own sequence, no FK. */
const RAW_SCHEMA = `
  CREATE SCHEMA bench_raw;
  CREATE SEQUENCE bench_raw.global_position_seq AS bigint;
  CREATE TABLE bench_raw.events (LIKE es.events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS);
  ALTER TABLE bench_raw.events ALTER COLUMN global_position SET DEFAULT nextval('bench_raw.global_position_seq');`;
/** The projection's read model, and the same table for the raw scan + upsert diagnostic (PostgreSQL and PGlite). */
const READ_MODEL_SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS bench_raw;
  CREATE TABLE bench_raw.stream_counters (stream_id text PRIMARY KEY, events bigint NOT NULL, last_revision bigint NOT NULL);
  CREATE SCHEMA bench_rm;
  CREATE TABLE bench_rm.stream_counters (stream_id text PRIMARY KEY, events bigint NOT NULL, last_revision bigint NOT NULL);`;

const RAW_INSERT = `INSERT INTO bench_raw.events (stream_id, stream_type, revision, event_id, event_type, data, metadata, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const RAW_INSERT_UNNEST = `INSERT INTO bench_raw.events (stream_id, stream_type, revision, event_id, event_type, data, metadata, prev_hash, hash)
  SELECT $1, $2, r, id, t, d, m, ph, h
    FROM unnest($3::bigint[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
      AS u(r, id, t, d, m, ph, h)`;
const RAW_SCAN = `SELECT global_position, transaction_id::text AS txid, stream_id, stream_type, revision, event_id, event_type,
       schema_version, data, metadata, recorded_at, hash
  FROM es.events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
  ORDER BY transaction_id, global_position LIMIT $3`;
const COUNTER_UPSERT = (table: string) => `INSERT INTO ${table} AS c (stream_id, events, last_revision)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
  ON CONFLICT (stream_id) DO UPDATE SET events = c.events + EXCLUDED.events,
                                        last_revision = greatest(c.last_revision, EXCLUDED.last_revision)`;

/** Groups a batch per stream: one upsert row per stream. */
function countPerStream(events: readonly { streamId: string; revision: bigint | string | number }[]) {
  const perStream = new Map<string, { n: number; last: bigint }>();
  for (const e of events) {
    const revision = BigInt(e.revision);
    const entry = perStream.get(e.streamId);
    if (entry) {
      entry.n += 1;
      if (revision > entry.last) entry.last = revision;
    } else perStream.set(e.streamId, { n: 1, last: revision });
  }
  return [
    [...perStream.keys()],
    [...perStream.values()].map((v) => v.n),
    [...perStream.values()].map((v) => v.last.toString()),
  ];
}

/** The read model the catch-up builds: one counter row per stream, one upsert per runner batch. */
const counterProjection: Projection = {
  name: 'bench-stream-counters',
  version: 1,
  eventTypes: 'all',
  tables: ['bench_rm.stream_counters'],
  async apply(events, tx: SqlExecutor) {
    await tx.query(COUNTER_UPSERT('bench_rm.stream_counters'), countPerStream(events));
  },
};

/**
 * The store's Database with its wake-up hints (NOTIFY after an append) counted, and sent as they are (`as-is`), not
 * at all (`off`), in a transaction that does not wait for the WAL flush (`async-commit`), or at most once per
 * HINT_THROTTLE_MS (`throttled`). Diagnostics and experiments only.
 */
type HintMode = 'as-is' | 'off' | 'async-commit' | 'throttled';
const HINT_THROTTLE_MS = 20;
class HintProbe implements Database {
  readonly kind: Database['kind'];
  sent = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly inner: Database,
    private readonly mode: HintMode,
  ) {
    this.kind = inner.kind;
  }
  query: Database['query'] = (sql, params, options) => this.inner.query(sql, params, options);
  withTransaction: Database['withTransaction'] = (fn) => this.inner.withTransaction(fn);
  exec: Database['exec'] = (script) => this.inner.exec(script);
  listen: Database['listen'] = (channel, onNotify) => this.inner.listen(channel, onNotify);
  close: Database['close'] = async () => undefined;
  notify: Database['notify'] = async (channel) => {
    if (this.mode === 'off') return;
    if (this.mode === 'throttled') {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.sent += 1;
        this.inner.notify(channel).catch(() => undefined);
      }, HINT_THROTTLE_MS);
      return;
    }
    this.sent += 1;
    if (this.mode === 'as-is' || this.inner.kind !== 'postgres') return this.inner.notify(channel);
    // One simple-protocol query = one implicit transaction, whose commit need not wait for the WAL flush.
    await this.inner.query(
      `SET LOCAL synchronous_commit = off; SELECT pg_notify(${pg.escapeLiteral(channel)}, '')`,
    );
  };
}

// ---------------------------------------------------------------------------------------------------- workloads

/** Per-writer streams with their revisions kept in memory (nothing is read before an append). */
class Streams {
  private readonly revisions: bigint[][];
  private readonly cursor: number[];
  constructor(
    private readonly tag: string,
    writers: number,
    private readonly perWriter: number,
    private readonly ledger: Map<string, bigint>,
  ) {
    this.revisions = Array.from({ length: writers }, () => Array.from({ length: perWriter }, () => -1n));
    this.cursor = Array.from({ length: writers }, () => 0);
  }
  /** Next stream of writer `w`, round robin: its id and current revision (-1 = no stream yet). */
  next(w: number): { id: string; revision: bigint; commit: (count: number) => void } {
    const k = (this.cursor[w] = ((this.cursor[w] ?? 0) + 1) % this.perWriter);
    const revisions = this.revisions[w] ?? [];
    const revision = revisions[k] ?? -1n;
    const id = `bench-${this.tag}w${w}s${k}`;
    return {
      id,
      revision,
      commit: (count: number) => {
        revisions[k] = revision + BigInt(count);
        this.ledger.set(id, revisions[k]);
      },
    };
  }
}
const expectedOf = (revision: bigint): ExpectedRevision => (revision < 0n ? 'no_stream' : revision);

type Meter = { client?: pg.Client; databases?: string[]; samplerClient?: pg.Client };
type PointMeta = Omit<Point, 'rate' | 'ops' | 'events' | 'seconds' | 'errors' | 'concurrency'>;
/**
 * One contender at a point: `op` runs one operation for worker `w` and resolves to the events it handled; `hints`
 * counts the wake-up NOTIFYs it sent.
 */
type Arm = {
  meta: PointMeta;
  op: (worker: number) => Promise<number>;
  close?: () => Promise<void>;
  hints?: () => number;
};

/**
 * Measures the arms of one point (same concurrency), interleaved: each warms up, then its measured time is cut into
 * ROUNDS slices taken in turn (AB, BA, AB, …), so that a change in the background load of the shared machine falls
 * on every arm alike. CPU / WAL / wait-event probes cover the measured slices only.
 */
async function measureArms(concurrency: number, arms: Arm[], meter: Meter): Promise<Point[]> {
  const slice = SECONDS / ROUNDS;
  log(
    `@${concurrency}: ${arms.map((a) => a.meta.id).join(', ')} — warm-up ${WARMUP_SECONDS} s each, ` +
      `then ${ROUNDS} interleaved slices of ${fmt(slice, 1)} s each`,
  );
  const state = arms.map((arm) => ({
    arm,
    ops: 0,
    events: 0,
    elapsedS: 0,
    latencies: [] as number[],
    errors: [] as string[],
    hints: 0,
    totals: new ResourceTotals(),
    sampler:
      meter.samplerClient && meter.databases && concurrency > 1
        ? new WaitSampler(meter.samplerClient, meter.databases)
        : undefined,
  }));
  try {
    for (const s of state) s.errors.push(...(await closedLoop(concurrency, WARMUP_SECONDS, s.arm.op)).errors);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < state.length; k++) {
        const s = state[(k + round) % state.length];
        if (!s || s.errors.length > 0) continue;
        const before = await ResourceProbe.take(meter.client, meter.databases);
        const hintsBefore = s.arm.hints?.() ?? 0;
        s.sampler?.start();
        const result = await closedLoop(concurrency, slice, s.arm.op);
        await s.sampler?.stop();
        s.hints += (s.arm.hints?.() ?? 0) - hintsBefore;
        await (await ResourceProbe.take(meter.client, meter.databases)).addTo(s.totals, before, meter.client);
        s.ops += result.ops;
        s.events += result.events;
        s.elapsedS += result.elapsedS;
        for (const latency of result.latencies) s.latencies.push(latency);
        s.errors.push(...result.errors);
      }
    }
  } finally {
    await Promise.all(arms.map((a) => (a.close ? a.close() : Promise.resolve())));
  }
  return state.map((s) => {
    const stats = latencyStats(s.latencies);
    const point: Point = {
      ...s.arm.meta,
      concurrency,
      rate: (s.arm.meta.unit === 'events/s' ? s.events : s.ops) / s.elapsedS,
      ops: s.ops,
      events: s.events,
      seconds: s.elapsedS,
      p50Ms: stats.p50Ms,
      p99Ms: stats.p99Ms,
      resources: s.totals.perOp(s.ops),
      waits: s.sampler?.summary().waits.slice(0, 5),
      hintsPerOp: s.arm.hints && s.ops > 0 ? s.hints / s.ops : undefined,
      errors: s.errors,
    };
    points.push(point);
    log(
      `  ${point.id}: ${fmtInt(point.rate)} ${point.unit}, p50 ${fmt(point.p50Ms)} ms, p99 ${fmt(point.p99Ms)} ms` +
        (point.errors.length > 0 ? `, ${point.errors.length} error(s): ${point.errors[0]}` : ''),
    );
    return point;
  });
}

async function openClients(url: string, n: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}

/** Appends `total` events in `batch`-event appends from `concurrency` writers (round robin over their streams). */
async function seed(
  store: SqlEventStore,
  tag: string,
  total: number,
  batch: number,
  concurrency: number,
  ledger: Map<string, bigint>,
): Promise<{ events: number; seconds: number }> {
  const appends = Math.ceil(total / batch);
  const streams = new Streams(tag, concurrency, Math.max(1, Math.ceil(appends / concurrency / 10)), ledger);
  let issued = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (issued < appends) {
        issued += 1;
        const stream = streams.next(w);
        const batchEvents = Array.from({ length: batch }, newEvent);
        await store.appendToStream(stream.id, expectedOf(stream.revision), batchEvents);
        stream.commit(batch);
        events += batch;
      }
    }),
  );
  return { events, seconds: nsToMs(process.hrtime.bigint() - start) / 1000 };
}

/** Raw keyset scan over es.events, 1000 rows per statement; optionally the same upsert as the projection, one tx per batch. */
async function rawScan(
  executor: SqlExecutor,
  withUpsert: boolean,
  withTransaction?: Database['withTransaction'],
) {
  let txid = '0';
  let gp = '0';
  let events = 0;
  const start = process.hrtime.bigint();
  while (true) {
    const step = async (q: SqlExecutor) => {
      const { rows } = await q.query<{
        global_position: string | number;
        txid: string;
        stream_id: string;
        revision: string;
      }>(RAW_SCAN, [txid, gp, PROJECTION_BATCH]);
      if (withUpsert && rows.length > 0) {
        await q.query(
          COUNTER_UPSERT('bench_raw.stream_counters'),
          countPerStream(rows.map((r) => ({ streamId: r.stream_id, revision: r.revision }))),
        );
      }
      return rows;
    };
    const rows = withTransaction ? await withTransaction(step) : await step(executor);
    const last = rows[rows.length - 1];
    events += rows.length;
    if (!last) break;
    txid = last.txid;
    gp = String(last.global_position);
    if (rows.length < PROJECTION_BATCH) break;
  }
  return { events, seconds: nsToMs(process.hrtime.bigint() - start) / 1000 };
}

function recordOnce(
  meta: Omit<Point, 'rate' | 'ops' | 'events' | 'seconds' | 'errors' | 'concurrency'>,
  r: { events: number; seconds: number },
  extra: Partial<Point> = {},
): Point {
  const point: Point = {
    ...meta,
    concurrency: 1,
    rate: r.events / r.seconds,
    ops: r.events,
    events: r.events,
    seconds: r.seconds,
    errors: [],
    ...extra,
  };
  points.push(point);
  log(
    `${meta.id}: ${meta.scenario} → ${fmtInt(point.rate)} ${meta.unit} (${fmtInt(r.events)} events in ${fmt(r.seconds)} s)`,
  );
  return point;
}

// ---------------------------------------------------------------------------------------------------- invariants

const count = async (db: SqlExecutor, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n ?? NaN);

async function checkAppendInvariants(
  backend: string,
  db: SqlExecutor,
  ackedEvents: number,
  ledger: Map<string, bigint>,
) {
  const rows = await count(db, `SELECT count(*)::text AS n FROM es.events`);
  check(
    backend,
    'es.events rows = acknowledged appended events',
    rows === ackedEvents,
    `${rows} rows, ${ackedEvents} acked`,
  );
  const gappy = await count(
    db,
    `SELECT count(*)::text AS n FROM (SELECT stream_id FROM es.events GROUP BY stream_id
      HAVING min(revision) <> 0 OR max(revision) <> count(*) - 1 OR count(DISTINCT revision) <> count(*)) s`,
  );
  check(backend, 'per-stream revisions gapless (0..n-1)', gappy === 0, `${gappy} stream(s) with a gap`);
  const ids = [...ledger.keys()];
  const revisions = [...ledger.values()].map(String);
  const mismatched = await count(
    db,
    `WITH mem AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS m(stream_id, revision)),
          ev AS (SELECT stream_id, count(*) AS n, max(revision) AS mx FROM es.events GROUP BY stream_id)
     SELECT ((SELECT count(*) FROM mem LEFT JOIN ev USING (stream_id) LEFT JOIN es.streams s USING (stream_id)
               WHERE ev.n IS DISTINCT FROM mem.revision + 1 OR ev.mx IS DISTINCT FROM mem.revision
                  OR s.revision IS DISTINCT FROM mem.revision)
           + abs((SELECT count(*) FROM ev) - (SELECT count(*) FROM mem)))::text AS n`,
    [ids, revisions],
  );
  check(
    backend,
    'every stream head = revision acknowledged to the writer (es.events and es.streams)',
    mismatched === 0,
    `${ledger.size} streams, ${mismatched} mismatch(es)`,
  );
  const inversions = await count(
    db,
    `SELECT count(*)::text AS n FROM (
       SELECT revision - lag(revision) OVER (PARTITION BY stream_id ORDER BY transaction_id, global_position) AS step
         FROM es.events) x WHERE step <> 1`,
  );
  check(
    backend,
    'per-stream order = (transaction_id, global_position) order',
    inversions === 0,
    `${inversions} inversion(s)`,
  );
}

async function checkCatchUpInvariants(
  backend: string,
  db: SqlExecutor,
  store: SqlEventStore,
  runner: ProjectionRunner,
) {
  const events = await count(db, `SELECT count(*)::text AS n FROM es.events`);
  const total = await count(db, `SELECT coalesce(sum(events), 0)::text AS n FROM bench_rm.stream_counters`);
  check(backend, 'read model total = events', total === events, `read model ${total}, events ${events}`);
  const wrong = await count(
    db,
    `SELECT count(*)::text AS n FROM (SELECT stream_id, count(*) AS n, max(revision) AS mx FROM es.events GROUP BY stream_id) e
       FULL JOIN bench_rm.stream_counters c USING (stream_id)
      WHERE c.events IS DISTINCT FROM e.n OR c.last_revision IS DISTINCT FROM e.mx`,
  );
  check(backend, 'read model per stream = events per stream', wrong === 0, `${wrong} stream(s) differ`);
  const head = await store.headPosition();
  const position = await runner.storedPosition();
  check(backend, 'checkpoint = head position', head === position, `checkpoint ${position}, head ${head}`);
}

// ---------------------------------------------------------------------------------------------------- scenarios

const ledgerPg = new Map<string, bigint>();
const acked = { raw: 0, pg: 0, pglite: 0, candidate: 0 };

/**
 * The raw ceiling: a single-row INSERT per commit, sent as `pg` sends a query by default (unnamed statement:
 * parsed and planned each time). `prepared`: the same as a named statement, planned once per connection, as the
 * store's own append statements are (diagnostic, so that the ratio can be read against both).
 */
async function rawInsertArm(url: string, concurrency: number, prepared = false): Promise<Arm> {
  const clients = await openClients(url, concurrency);
  const streams = new Streams(
    `raw${prepared ? 'p' : ''}${concurrency}`,
    concurrency,
    STREAMS_PER_WRITER,
    new Map(),
  );
  return {
    meta: {
      id: prepared ? `raw-insert-prepared-${concurrency}` : `raw-insert-${concurrency}`,
      section: '1. single-row INSERT',
      scenario: prepared
        ? 'diag: raw pg INSERT, autocommit, prepared statement'
        : 'raw pg INSERT, autocommit',
      backend: 'postgres',
      unit: 'commits/s',
      diagnostic: prepared,
    },
    op: async (w) => {
      const stream = streams.next(w);
      await clients[w]?.query({
        text: RAW_INSERT,
        name: prepared ? 'raw_insert' : undefined,
        values: [
          stream.id,
          'bench',
          (stream.revision + 1n).toString(),
          randomUUID(),
          EVENT_TYPE,
          JSON.stringify(payload(counter++)),
          META_JSON,
          HASH,
          HASH,
        ],
      });
      stream.commit(1);
      acked.raw += 1;
      return 1;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

function storeArm(
  db: Database,
  meta: Pick<PointMeta, 'id' | 'scenario' | 'diagnostic'>,
  concurrency: number,
  ledger: Map<string, bigint>,
  onAck: (n: number) => void,
  close?: () => Promise<void>,
  hintMode: HintMode = 'as-is',
): Arm {
  const probe = new HintProbe(db, hintMode);
  const store = new SqlEventStore(probe);
  const streams = new Streams(meta.id, concurrency, STREAMS_PER_WRITER, ledger);
  return {
    hints: () => probe.sent,
    meta: { ...meta, section: '2. single-event append', backend: db.kind, unit: 'appends/s' },
    op: async (w) => {
      const stream = streams.next(w);
      await store.appendToStream(stream.id, expectedOf(stream.revision), [newEvent()]);
      stream.commit(1);
      onAck(1);
      return 1;
    },
    close,
  };
}

/**
 * Diagnostic: the store's SQL function called directly over one connection per writer (no pool, no wake-up hint,
 * no adapter). Named arguments, read from the catalog, so that it follows the migrations' signature.
 */
async function directFunctionArm(url: string, concurrency: number): Promise<Arm> {
  const clients = await openClients(url, concurrency);
  const streams = new Streams(`fn${concurrency}`, concurrency, STREAMS_PER_WRITER, ledgerPg);
  const { rows } = await clients[0]!.query<{ names: string[] }>(
    `SELECT p.proargnames AS names FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'es' AND p.proname = 'append' LIMIT 1`,
  );
  const withVersions = rows[0]?.names.includes('p_versions') ?? false;
  const sql = `SELECT next_revision FROM es.append(p_stream_id => $1, p_stream_type => $2, p_expected => $3,
    p_ids => $4::uuid[], p_types => $5::text[], p_data => $6::jsonb[], p_meta => $7::jsonb[]
    ${withVersions ? ', p_versions => $8::int[]' : ''})`;
  return {
    meta: {
      id: `fn-append-${concurrency}`,
      section: '2. single-event append',
      scenario: 'experiment: es.append() called directly, 1 client per writer',
      backend: 'postgres',
      unit: 'appends/s',
      diagnostic: true,
    },
    op: async (w) => {
      const stream = streams.next(w);
      const e = newEvent();
      const params = [
        stream.id,
        'bench',
        stream.revision < 0n ? 'no_stream' : stream.revision.toString(),
        [e.eventId],
        [e.type],
        [JSON.stringify(e.data)],
        [META_JSON],
      ];
      await clients[w]?.query(sql, withVersions ? [...params, [1]] : params);
      stream.commit(1);
      acked.pg += 1;
      return 1;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

async function rawBatchArm(url: string, concurrency: number): Promise<Arm> {
  const clients = await openClients(url, concurrency);
  const streams = new Streams(`rawb${concurrency}`, concurrency, 10, new Map());
  return {
    meta: {
      id: `raw-unnest-${concurrency}`,
      section: '3. 100-event batch',
      scenario: `raw INSERT … SELECT unnest(), ${BATCH} rows`,
      backend: 'postgres',
      unit: 'events/s',
    },
    op: async (w) => {
      const stream = streams.next(w);
      const events = Array.from({ length: BATCH }, newEvent);
      await clients[w]?.query(RAW_INSERT_UNNEST, [
        stream.id,
        'bench',
        events.map((_, i) => (stream.revision + 1n + BigInt(i)).toString()),
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map(() => META_JSON),
        events.map(() => HASH),
        events.map(() => HASH),
      ]);
      stream.commit(BATCH);
      acked.raw += BATCH;
      return BATCH;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

function storeBatchArm(
  db: Database,
  concurrency: number,
  id = `store-batch-${concurrency}`,
  scenario = `SqlEventStore.appendToStream, ${BATCH} events`,
  ledger = ledgerPg,
  onAck = (n: number) => {
    acked.pg += n;
  },
): Arm {
  const store = new SqlEventStore(db);
  const streams = new Streams(id, concurrency, 10, ledger);
  return {
    meta: { id, section: '3. 100-event batch', scenario, backend: 'postgres', unit: 'events/s' },
    op: async (w) => {
      const stream = streams.next(w);
      await store.appendToStream(
        stream.id,
        expectedOf(stream.revision),
        Array.from({ length: BATCH }, newEvent),
      );
      stream.commit(BATCH);
      onAck(BATCH);
      return BATCH;
    },
  };
}

/** Seeding, a warm-up scan, the raw keyset scan, (diag) raw scan + upsert, then the projection catch-up. */
async function catchUpScenario(
  db: Database,
  backend: 'postgres' | 'pglite',
  seedEvents: number,
  ledger: Map<string, bigint>,
  checkpoint: () => Promise<void>,
  scanExecutor: SqlExecutor,
  meter: Meter,
): Promise<void> {
  const store = new SqlEventStore(db);
  await checkpoint();
  log(`${backend}: seeding ${fmtInt(seedEvents)} events in ${SEED_BATCH}-event appends`);
  // PGlite has one connection: concurrent writers would only queue.
  const writers = backend === 'pglite' ? 1 : SEED_CONCURRENCY;
  const seeded = await seed(store, `seed${backend}`, seedEvents, SEED_BATCH, writers, ledger);
  if (backend === 'pglite') acked.pglite += seeded.events;
  else acked.pg += seeded.events;
  recordOnce(
    {
      id: `${backend}-seed`,
      section: '4. catch-up',
      scenario: `seed: appendToStream, ${SEED_BATCH} events/append`,
      backend,
      unit: 'events/s',
      diagnostic: true,
    },
    seeded,
    { concurrency: writers },
  );
  await checkpoint();
  await rawScan(scanExecutor, false); // warm-up: brings the table and index into cache
  recordOnce(
    {
      id: `${backend}-raw-scan`,
      section: '4. catch-up',
      scenario: 'raw keyset scan, LIMIT 1000',
      backend,
      unit: 'events/s',
    },
    await rawScan(scanExecutor, false),
  );
  if (WITH_DIAGNOSTICS) {
    recordOnce(
      {
        id: `${backend}-raw-scan-upsert`,
        section: '4. catch-up',
        scenario: 'diag: raw keyset scan + same unnest upsert, 1 tx per 1000',
        backend,
        unit: 'events/s',
        diagnostic: true,
      },
      await rawScan(scanExecutor, true, (fn) => db.withTransaction(fn)),
    );
  }
  const runner = new ProjectionRunner(db, new SqlEventSource(db), counterProjection, {
    batchSize: PROJECTION_BATCH,
  });
  await runner.register();
  const before = await ResourceProbe.take(meter.client, meter.databases);
  const start = process.hrtime.bigint();
  let applied = 0;
  await runner.catchUp((n) => (applied += n));
  const seconds = nsToMs(process.hrtime.bigint() - start) / 1000;
  const totals = await (
    await ResourceProbe.take(meter.client, meter.databases)
  ).addTo(new ResourceTotals(), before, meter.client);
  const resources = totals.perOp(applied);
  recordOnce(
    {
      id: `${backend}-catch-up`,
      section: '4. catch-up',
      scenario: `ProjectionRunner.catchUp, batch ${PROJECTION_BATCH}, per-stream counter upsert`,
      backend,
      unit: 'events/s',
    },
    { events: applied, seconds },
    { resources },
  );
  await checkCatchUpInvariants(backend, db, store, runner);
}

// ---------------------------------------------------------------------------------------------------- report

function report(totalSeconds: number): { markdown: string; comparisons: Comparison[] } {
  const ratio = (a: string, b: string): number | undefined => {
    const x = byId(a)?.rate;
    const y = byId(b)?.rate;
    return x !== undefined && y !== undefined && y > 0 ? x / y : undefined;
  };
  const W = WRITERS;
  const comparisons: Comparison[] = [
    {
      label: 'raw INSERT scaling, 1 → ' + W + ' connections',
      value: ratio(`raw-insert-${W}`, 'raw-insert-1'),
    },
    {
      label: 'store ÷ raw, 1 writer (A1)',
      value: ratio('store-1', 'raw-insert-1'),
      target: 0.8,
    },
    {
      label: `store ÷ raw, ${W} writers (A2, issue target)`,
      value: ratio(`store-${W}`, `raw-insert-${W}`),
      target: 0.7,
    },
    { label: `store scaling, 1 → ${W} writers (A2)`, value: ratio(`store-${W}`, 'store-1'), target: 3 },
    ...BATCH_WRITERS.map((c) => ({
      label: `${BATCH}-event append ÷ raw unnest, ${c} writer(s) (A3)`,
      value: ratio(`store-batch-${c}`, `raw-unnest-${c}`),
      target: 0.5,
    })),
    {
      label: 'catch-up ÷ raw keyset scan (PostgreSQL)',
      value: ratio('postgres-catch-up', 'postgres-raw-scan'),
    },
    {
      label: `catch-up ÷ ${W}-writer append rate (P1)`,
      value: ratio('postgres-catch-up', `store-${W}`),
      target: 5,
    },
  ];
  if (WITH_DIAGNOSTICS) {
    comparisons.push(
      {
        label: 'diag: store ÷ raw prepared INSERT, 1 writer',
        value: ratio('store-1', 'raw-insert-prepared-1'),
      },
      {
        label: `diag: store ÷ raw prepared INSERT, ${W} writers`,
        value: ratio(`store-${W}`, `raw-insert-prepared-${W}`),
      },
      {
        label: `diag: store without wake-up hint ÷ raw, ${W} writers`,
        value: ratio(`store-nohint-${W}`, `raw-insert-${W}`),
      },
      {
        label: 'diag: store without wake-up hint ÷ raw, 1 writer',
        value: ratio('store-nohint-1', 'raw-insert-1'),
      },
      {
        label: 'diag: raw scan + upsert ÷ raw scan',
        value: ratio('postgres-raw-scan-upsert', 'postgres-raw-scan'),
      },
    );
  }
  if (EXPERIMENTS.includes('direct')) {
    comparisons.push({
      label: `experiment: es.append() direct ÷ raw, ${W} writers`,
      value: ratio(`fn-append-${W}`, `raw-insert-${W}`),
    });
  }
  if (EXPERIMENTS.includes('hint')) {
    comparisons.push(
      {
        label: `experiment: NOTIFY with synchronous_commit=off ÷ raw, ${W} writers`,
        value: ratio(`store-hint-async-${W}`, `raw-insert-${W}`),
        target: 0.7,
      },
      {
        label: `experiment: NOTIFY throttled (${HINT_THROTTLE_MS} ms) ÷ raw, ${W} writers`,
        value: ratio(`store-hint-throttled-${W}`, `raw-insert-${W}`),
        target: 0.7,
      },
    );
  }
  if (info.candidate) {
    comparisons.push(
      { label: 'candidate ÷ raw, 1 writer (A1)', value: ratio('cand-store-1', 'raw-insert-1'), target: 0.8 },
      {
        label: `candidate ÷ raw, ${W} writers (A2, issue target)`,
        value: ratio(`cand-store-${W}`, `raw-insert-${W}`),
        target: 0.7,
      },
      { label: `candidate ÷ current store, ${W} writers`, value: ratio(`cand-store-${W}`, `store-${W}`) },
      {
        label: `candidate without wake-up hint ÷ raw, ${W} writers`,
        value: ratio(`cand-nohint-${W}`, `raw-insert-${W}`),
        target: 0.7,
      },
      ...BATCH_WRITERS.map((c) => ({
        label: `candidate ${BATCH}-event append ÷ raw unnest, ${c} writer(s) (A3)`,
        value: ratio(`cand-batch-${c}`, `raw-unnest-${c}`),
        target: 0.5,
      })),
    );
  }
  if (WITH_PGLITE) {
    comparisons.push(
      { label: 'PGlite ÷ PostgreSQL, append 1 writer (fsync on)', value: ratio('pglite-store-1', 'store-1') },
      {
        label: 'PGlite ÷ PostgreSQL, append 1 writer (synchronous_commit=off)',
        value: ratio('pglite-store-1', 'store-1-async'),
      },
      { label: 'PGlite ÷ PostgreSQL, catch-up', value: ratio('pglite-catch-up', 'postgres-catch-up') },
      {
        label: 'PGlite catch-up ÷ PGlite raw keyset scan',
        value: ratio('pglite-catch-up', 'pglite-raw-scan'),
      },
    );
  }
  const baselineOf: Record<string, string> = {
    'store-1': 'raw-insert-1',
    'store-nohint-1': 'raw-insert-1',
    [`store-${W}`]: `raw-insert-${W}`,
    [`store-nohint-${W}`]: `raw-insert-${W}`,
    [`fn-append-${W}`]: `raw-insert-${W}`,
    'store-1-async': 'store-1',
    'postgres-catch-up': 'postgres-raw-scan',
    'postgres-raw-scan-upsert': 'postgres-raw-scan',
    'pglite-store-1': 'store-1',
    'pglite-catch-up': 'postgres-catch-up',
    'pglite-raw-scan': 'postgres-raw-scan',
    [`store-hint-async-${W}`]: `raw-insert-${W}`,
    [`store-hint-throttled-${W}`]: `raw-insert-${W}`,
    'cand-store-1': 'raw-insert-1',
    [`cand-store-${W}`]: `raw-insert-${W}`,
    [`cand-nohint-${W}`]: `raw-insert-${W}`,
    ...Object.fromEntries(BATCH_WRITERS.map((c) => [`store-batch-${c}`, `raw-unnest-${c}`])),
    ...Object.fromEntries(BATCH_WRITERS.map((c) => [`cand-batch-${c}`, `raw-unnest-${c}`])),
  };
  const main = markdownTable(
    ['Scenario', 'Backend', 'Conc.', 'Rate', 'Unit', 'p50 ms', 'p99 ms', 'vs', 'Ratio'],
    points.map((p) => {
      const base = baselineOf[p.id];
      return [
        p.scenario,
        p.backend === 'pglite' ? 'PGlite (memory)' : 'PostgreSQL',
        p.concurrency,
        fmtInt(p.rate),
        p.unit,
        fmt(p.p50Ms),
        fmt(p.p99Ms),
        base
          ? (byId(base)?.scenario.replace(/,.*$/, '') ?? '–') + (base.startsWith('raw') ? '' : ` (${base})`)
          : '–',
        base ? fmtRatio(ratio(p.id, base)) : '–',
      ];
    }),
  );
  const targets = markdownTable(
    ['Ratio', 'Value', 'Target', ''],
    comparisons.map((c) => [
      c.label,
      fmtRatio(c.value),
      c.target !== undefined ? `≥ ${c.target}×` : '–',
      c.target === undefined || c.value === undefined ? '' : c.value >= c.target ? 'met' : '**below**',
    ]),
  );
  const diag = markdownTable(
    [
      'Point',
      'Node CPU ms/op',
      'PG CPU ms/op',
      'Machine busy',
      'Others busy',
      'WAL B/op',
      'NOTIFY/op',
      'Active backends by wait (avg)',
    ],
    points
      .filter((p) => p.resources)
      .map((p) => [
        `${p.id} (${p.scenario.replace(/,.*$/, '')})`,
        fmt(p.resources?.nodeCpuMsPerOp, 3),
        fmt(p.resources?.pgCpuMsPerOp, 3),
        p.resources?.machineBusyPct !== undefined ? `${fmt(p.resources.machineBusyPct, 0)} %` : '–',
        p.resources?.othersBusyPct !== undefined ? `${fmt(p.resources.othersBusyPct, 0)} %` : '–',
        fmtInt(p.resources?.walBytesPerOp),
        fmt(p.hintsPerOp),
        (p.waits ?? []).map((w) => `${w.event} ${fmt(w.avgBackends, 1)}`).join(', ') || '–',
      ]),
  );
  const inv = markdownTable(
    ['Backend', 'Invariant', 'Result', 'Detail'],
    invariants.map((i) => [i.backend, i.name, i.pass ? 'PASS' : '**FAIL**', i.detail]),
  );
  const settings = info.settings;
  const header =
    `### Store benchmark — ${new Date().toISOString()}\n\n` +
    `${os.cpus().length} cores, Node ${process.version}, ${info.serverVersion ?? ''}` +
    (settings
      ? ` (${Object.entries(settings)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`
      : '') +
    `. Each contender: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured in ${ROUNDS} slices interleaved ` +
    `with the other contenders of its point (AB BA …); CHECKPOINT before each scenario. Payload ${PAYLOAD_BYTES} B ` +
    `JSON; store pool ${POOL_SIZE}, raw: one pg.Client per writer; each writer appends to its own ` +
    `${STREAMS_PER_WRITER} streams (exact expected revision kept in memory). Catch-up runs first, over the ` +
    `${fmtInt(CATCHUP_EVENTS)} seeded events (PGlite: ${fmtInt(PGLITE_EVENTS)}); PGlite in-memory open ` +
    `${fmt(info.pgliteOpenSeconds, 1)} s. Background load from other processes shown as "Others busy" below. ` +
    (info.candidate
      ? `Candidate schema: ${info.candidate} (a second database, migrated, then this file run on it, seeded alike). `
      : '') +
    `Total run ${fmt(totalSeconds, 0)} s.`;
  const markdown = [
    header,
    '',
    main,
    '',
    '**Ratios and targets**',
    '',
    targets,
    '',
    '**Invariants**',
    '',
    inv,
    '',
    "**Where the time goes** (measured windows only; PG CPU = this database's backends + WAL writer, checkpointer…; Others = machine busy minus Node and those; waits = active backends of this database, sampled every 50 ms)",
    '',
    diag,
  ].join('\n');
  return { markdown, comparisons };
}

// ---------------------------------------------------------------------------------------------------- main

async function main(): Promise<number> {
  const startedAt = process.hrtime.bigint();
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(SERVER_URL, name);
  const candidateName = `${name}_candidate`;
  log(`creating database ${name}`);
  await adminQuery(`CREATE DATABASE ${name}`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    for (const database of [name, candidateName]) {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error: Error) =>
        log(`could not drop ${database}: ${error.message}`),
      );
    }
  };
  process.once('SIGINT', () => {
    log('interrupted: dropping the database');
    void drop().finally(() => process.exit(130));
  });

  const db = new PgDatabase({
    connectionString: url,
    maxConnections: POOL_SIZE,
    onError: (e) => log(`pool: ${e.message}`),
  });
  let candidate: PgDatabase | undefined;
  const candidateLedger = new Map<string, bigint>();
  const onCandidateAck = (n: number) => {
    acked.candidate += n;
  };
  const monitor = new pg.Client({ connectionString: url });
  const samplerClient = new pg.Client({ connectionString: url });
  let pglite: PgliteDatabase | undefined;
  try {
    await monitor.connect();
    await samplerClient.connect();
    await migrate(db);
    await db.exec(RAW_SCHEMA + READ_MODEL_SCHEMA);
    if (CANDIDATE_SQL) {
      const script = await readFile(CANDIDATE_SQL, 'utf8');
      await adminQuery(`CREATE DATABASE ${candidateName}`);
      candidate = new PgDatabase({
        connectionString: withDatabase(SERVER_URL, candidateName),
        maxConnections: POOL_SIZE,
      });
      await migrate(candidate);
      await candidate.exec(script);
      info.candidate = CANDIDATE_SQL;
      log(`candidate schema: ${CANDIDATE_SQL} applied to ${candidateName}`);
    }
    if (WITH_PGLITE) {
      // Opened (and migrated) now: the migrations are read from dist/, which a concurrent build may replace later.
      const t0 = process.hrtime.bigint();
      pglite = await PgliteDatabase.open();
      info.pgliteOpenSeconds = nsToMs(process.hrtime.bigint() - t0) / 1000;
      await migrate(pglite);
      await pglite.exec(READ_MODEL_SCHEMA);
    }
    info.serverVersion = (
      await monitor.query<{ v: string }>(
        `SELECT split_part(version(), ' ', 1) || ' ' || current_setting('server_version') AS v`,
      )
    ).rows[0]?.v;
    const settings = await monitor.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_wal_size', 'commit_delay')
        ORDER BY name`,
    );
    info.settings = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
    const checkpoint = async () => {
      await monitor.query('CHECKPOINT');
    };
    const meter: Meter = { client: monitor, databases: [name, candidateName], samplerClient };
    const onAck = (n: number) => {
      acked.pg += n;
    };

    // 4 first: catch-up over exactly the seeded events (the same workload as on PGlite below).
    await catchUpScenario(db, 'postgres', CATCHUP_EVENTS, ledgerPg, checkpoint, monitor, meter);
    // The raw table starts as big as es.events, so that both pay the same index depth and first-touch costs.
    const prefill = await db.query(
      `INSERT INTO bench_raw.events (stream_id, stream_type, revision, event_id, event_type, data, metadata, prev_hash, hash)
       SELECT 'prefill-' || stream_id, stream_type, revision, gen_random_uuid(), event_type, data, metadata, prev_hash, hash
         FROM es.events`,
    );
    acked.raw += prefill.rowCount;
    if (candidate) {
      const seeded = await seed(
        new SqlEventStore(candidate),
        'seedcandidate',
        CATCHUP_EVENTS,
        SEED_BATCH,
        SEED_CONCURRENCY,
        candidateLedger,
      );
      acked.candidate += seeded.events;
    }

    // 1 + 2: single-event appends, raw ceiling and store interleaved at each concurrency.
    const storeScenario = 'SqlEventStore.appendToStream, 1 event, exact revision';
    await checkpoint();
    const arms1: Arm[] = [
      await rawInsertArm(url, 1),
      storeArm(db, { id: 'store-1', scenario: storeScenario }, 1, ledgerPg, onAck),
    ];
    if (WITH_DIAGNOSTICS) {
      arms1.push(
        await rawInsertArm(url, 1, true),
        storeArm(
          db,
          {
            id: 'store-nohint-1',
            scenario: 'diag: same, post-commit wake-up NOTIFY suppressed',
            diagnostic: true,
          },
          1,
          ledgerPg,
          onAck,
          undefined,
          'off',
        ),
      );
    }
    if (WITH_PGLITE) {
      // The fair baseline for PGlite (fsync off by default): PostgreSQL not waiting for the WAL flush.
      const asyncDb = new PgDatabase({
        connectionString: withOptions(url, '-c synchronous_commit=off'),
        maxConnections: POOL_SIZE,
      });
      arms1.push(
        storeArm(
          asyncDb,
          {
            id: 'store-1-async',
            scenario: 'same, synchronous_commit=off (PGlite baseline)',
            diagnostic: true,
          },
          1,
          ledgerPg,
          onAck,
          () => asyncDb.close(),
        ),
      );
    }
    if (candidate) {
      arms1.push(
        storeArm(
          candidate,
          { id: 'cand-store-1', scenario: `candidate: ${storeScenario}` },
          1,
          candidateLedger,
          onCandidateAck,
        ),
      );
    }
    await measureArms(1, arms1, meter);

    await checkpoint();
    const armsN: Arm[] = [
      await rawInsertArm(url, WRITERS),
      storeArm(db, { id: `store-${WRITERS}`, scenario: storeScenario }, WRITERS, ledgerPg, onAck),
    ];
    if (WITH_DIAGNOSTICS) {
      armsN.push(
        await rawInsertArm(url, WRITERS, true),
        storeArm(
          db,
          {
            id: `store-nohint-${WRITERS}`,
            scenario: 'diag: same, post-commit wake-up NOTIFY suppressed',
            diagnostic: true,
          },
          WRITERS,
          ledgerPg,
          onAck,
          undefined,
          'off',
        ),
      );
    }
    if (EXPERIMENTS.includes('direct')) armsN.push(await directFunctionArm(url, WRITERS));
    if (EXPERIMENTS.includes('hint')) {
      armsN.push(
        storeArm(
          db,
          {
            id: `store-hint-async-${WRITERS}`,
            scenario: 'experiment: same, NOTIFY sent with SET LOCAL synchronous_commit = off',
            diagnostic: true,
          },
          WRITERS,
          ledgerPg,
          onAck,
          undefined,
          'async-commit',
        ),
        storeArm(
          db,
          {
            id: `store-hint-throttled-${WRITERS}`,
            scenario: `experiment: same, NOTIFY at most once per ${HINT_THROTTLE_MS} ms`,
            diagnostic: true,
          },
          WRITERS,
          ledgerPg,
          onAck,
          undefined,
          'throttled',
        ),
      );
    }
    if (candidate) {
      armsN.push(
        storeArm(
          candidate,
          { id: `cand-store-${WRITERS}`, scenario: `candidate: ${storeScenario}` },
          WRITERS,
          candidateLedger,
          onCandidateAck,
        ),
      );
      if (WITH_DIAGNOSTICS) {
        armsN.push(
          storeArm(
            candidate,
            {
              id: `cand-nohint-${WRITERS}`,
              scenario: 'candidate: same, wake-up NOTIFY suppressed',
              diagnostic: true,
            },
            WRITERS,
            candidateLedger,
            onCandidateAck,
            undefined,
            'off',
          ),
        );
      }
    }
    await measureArms(WRITERS, armsN, meter);

    // 3: 100-event batches.
    for (const c of BATCH_WRITERS) {
      await checkpoint();
      const arms = [await rawBatchArm(url, c), storeBatchArm(db, c)];
      if (candidate) {
        arms.push(
          storeBatchArm(
            candidate,
            c,
            `cand-batch-${c}`,
            `candidate: SqlEventStore.appendToStream, ${BATCH} events`,
            candidateLedger,
            onCandidateAck,
          ),
        );
      }
      await measureArms(c, arms, meter);
    }

    // Invariants of the append runs (the seeded events included).
    check(
      'postgres',
      'no error during the append runs',
      points.every((p) => p.errors.length === 0),
      points
        .flatMap((p) => p.errors)
        .slice(0, 3)
        .join('; ') || 'none',
    );
    await checkAppendInvariants('postgres', db, acked.pg, ledgerPg);
    if (candidate) await checkAppendInvariants('candidate', candidate, acked.candidate, candidateLedger);
    const rawRows = await count(db, `SELECT count(*)::text AS n FROM bench_raw.events`);
    check(
      'postgres',
      'raw table rows = acknowledged raw inserts',
      rawRows === acked.raw,
      `${rawRows} rows, ${acked.raw} acked`,
    );

    // 5: PGlite in memory, the same catch-up workload, then the same single-event append.
    if (pglite) {
      const ledger = new Map<string, bigint>();
      const lite = pglite;
      await catchUpScenario(lite, 'pglite', PGLITE_EVENTS, ledger, async () => undefined, lite, {});
      await measureArms(
        1,
        [
          storeArm(lite, { id: 'pglite-store-1', scenario: storeScenario }, 1, ledger, (n) => {
            acked.pglite += n;
          }),
        ],
        {},
      );
      check(
        'pglite',
        'no error during the append run',
        byId('pglite-store-1')?.errors.length === 0,
        byId('pglite-store-1')?.errors[0] ?? 'none',
      );
      await checkAppendInvariants('pglite', lite, acked.pglite, ledger);
      await lite.close();
      pglite = undefined;
    }

    const totalSeconds = nsToMs(process.hrtime.bigint() - startedAt) / 1000;
    const { markdown, comparisons } = report(totalSeconds);
    console.log(markdown);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await mkdir('bench-results', { recursive: true });
    const file = `bench-results/store-${stamp}.json`;
    await writeFile(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: {
            cores: os.cpus().length,
            cpu: os.cpus()[0]?.model,
            memoryGb: os.totalmem() / 2 ** 30,
            node: process.version,
          },
          config: {
            seconds: SECONDS,
            warmupSeconds: WARMUP_SECONDS,
            writers: WRITERS,
            poolSize: POOL_SIZE,
            batch: BATCH,
            batchWriters: BATCH_WRITERS,
            catchUpEvents: CATCHUP_EVENTS,
            pgliteEvents: PGLITE_EVENTS,
            seedBatch: SEED_BATCH,
            streamsPerWriter: STREAMS_PER_WRITER,
            projectionBatch: PROJECTION_BATCH,
            payloadBytes: PAYLOAD_BYTES,
          },
          info,
          points,
          comparisons,
          invariants,
          totalSeconds,
        },
        null,
        2,
      ),
    );
    log(`results written to ${file}`);
    return invariants.every((i) => i.pass) ? 0 : 1;
  } finally {
    await pglite?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await candidate?.close().catch(() => undefined);
    await monitor.end().catch(() => undefined);
    await samplerClient.end().catch(() => undefined);
    await drop();
  }
}

process.exitCode = await main().catch((error: Error & { code?: string }) => {
  console.error(
    `bench failed: ${error.code ? `[${error.code}] ` : ''}${error.message}\n${error.stack ?? ''}`,
  );
  return 2;
});
