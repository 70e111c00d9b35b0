import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database } from '#src/infrastructure/database/database.js';
import { PgDatabase } from '#src/infrastructure/database/pg-database.js';
import { type EventToAppend } from '#src/infrastructure/event-store/event-store.js';
import { SqlEventStore } from '#src/infrastructure/event-store/sql/sql-event-store.js';
import { createValidationPipe } from '#src/infrastructure/http/validation.js';
import { RaiseDemandRequest } from '#src/demands/raise-demand/raise-demand.request.js';
import { SubmitDemandRequest } from '#src/demands/submit-demand/submit-demand.request.js';
import {
  closedLoop,
  fmt,
  fmtInt,
  fmtRatio,
  latencyStats,
  markdownTable,
  nsToMs,
  percentile,
  ResourceProbe,
  sleep,
  ResourceTotals,
  type ResourceUse,
  WaitSampler,
} from './bench-support.js';
import {
  AppProcess,
  cannon,
  type CannonRequest,
  type CannonRun,
  ForeignTransactionSampler,
  freePort,
  processCpuMs,
} from './http-support.js';
import { benchAdminHeaders, createBenchAccount, JWT_SECRET, loginHeaders } from './http-auth.js';
import { measureRead, type ReadPoint, readSpecs, readsTable } from './http-reads.js';

/**
 * `npm run bench:http`: commands over HTTP against the real application (`node dist/main.js`, a child process, so
 * that autocannon and the application do not share an event loop), next to the store's raw append ceiling measured
 * in the same run on the same PostgreSQL (shared/docs/performance.md, 4.1 and H1). Creates a database
 * `bench_http_<random>`, drops it at the end, prints markdown tables, checks after every point that the events
 * stored match the 2xx answers one for one (exit 1 on a FAIL) and writes bench-results/http-<timestamp>.json.
 *
 * Settings (environment): BENCH_DATABASE_URL | DATABASE_URL (server to create the database on), BENCH_SECONDS (10,
 * measured per point), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS ("1,16,64"), BENCH_TARGET_DEMANDS (1000,
 * demands the submissions are spread over), BENCH_CEILING_CONNECTIONS ("1,16"), BENCH_CEILING_SECONDS (6),
 * BENCH_DIAGNOSTICS (1: Idempotency-Key, read-your-writes-off and instrumented variants, validation cost),
 * BENCH_DIAG_SECONDS (5, measured per variant, in BENCH_DIAG_ROUNDS (2) interleaved slices), BENCH_DIAG_CONNECTIONS
 * ("16"), BENCH_DIAG_VARIANTS ("idem,instr1,shipped,nowait,waitrel,nopoll,asyncproj,combined"; also "ryw0",
 * "demandonly", "demandcombined": see ALL_DIAG_BOOTS and bench/http-app.ts).
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
const list = (name: string, fallback: string): number[] =>
  (env[name] ?? fallback)
    .split(',')
    .filter((x) => x.trim() !== '')
    .map((x) => Math.max(1, Math.round(Number(x))));
const SECONDS = num('BENCH_SECONDS', 10);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 3);
const CONNECTIONS = list('BENCH_CONNECTIONS', '1,16,64');
const TARGET_DEMANDS = Math.round(num('BENCH_TARGET_DEMANDS', 1000));
const CEILING_CONNECTIONS = [...new Set([...list('BENCH_CEILING_CONNECTIONS', '1,16'), 16])].sort(
  (a, b) => a - b,
);
const CEILING_SECONDS = num('BENCH_CEILING_SECONDS', 6);
const CEILING_WARMUP_SECONDS = Math.min(2, WARMUP_SECONDS);
const WITH_DIAGNOSTICS = env.BENCH_DIAGNOSTICS !== '0';
const WITH_READS = env.BENCH_READS !== '0';
const READ_CONNECTIONS = list('BENCH_READ_CONNECTIONS', '16');
const READ_SECONDS = num('BENCH_READ_SECONDS', Math.min(5, SECONDS));
const WITH_TWO_PROCESSES = env.BENCH_TWO_PROCESSES !== '0';
const DIAG_SECONDS = num('BENCH_DIAG_SECONDS', Math.min(5, SECONDS));
const DIAG_WARMUP_SECONDS = Math.min(2, WARMUP_SECONDS);
const DIAG_CONNECTIONS = Math.round(num('BENCH_DIAG_CONNECTIONS', 16));
const DIAG_ROUNDS = Math.max(1, Math.round(num('BENCH_DIAG_ROUNDS', 2)));
const DIAG_VARIANT_KEYS = (
  env.BENCH_DIAG_VARIANTS ?? 'idem,instr1,shipped,nowait,waitrel,nopoll,asyncproj,combined'
)
  .split(',')
  .map((x) => x.trim())
  .filter(Boolean);
const APP_POOL_SIZE = 20; // the application's default DATABASE_POOL_SIZE, also the store ceiling's pool
const STREAMS_PER_WRITER = 100;
const SERVER_URL =
  env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MAIN_JS = fileURLToPath(import.meta.resolve('#src/main.js'));
const INSTRUMENTED_JS = fileURLToPath(new URL('./http-app.js', import.meta.url));

/**
 * Diagnostics, all on POST /api/demands. A block runs on one application instance; its variants at 16 connections
 * are interleaved (slices A B C … then … C B A) so that drift in the background load of the shared machine falls
 * on all of them alike, and each is compared with the block's first variant. Instrumented variants switch the
 * flags of bench/http-app.ts at run time. `instr1` is the instrumented application at 1 connection (its own
 * run: where a single command's time goes).
 */
type DiagVariant = { key: string; label: string; flags?: string[]; idempotencyKeys?: boolean };
type DiagBoot = {
  key: string;
  app: string;
  script: string;
  env: Record<string, string>;
  instrumented: boolean;
  /** Measured alone before the interleaved block, 1 connection. */
  single?: DiagVariant;
  block: DiagVariant[];
};
const ALL_DIAG_BOOTS: DiagBoot[] = [
  {
    key: 'instr',
    app: 'instrumented app',
    script: INSTRUMENTED_JS,
    env: {},
    instrumented: true,
    single: { key: 'instr1', label: 'as shipped (timers only)', flags: [] },
    block: [
      { key: 'shipped', label: 'as shipped (timers only)', flags: [] },
      { key: 'nowait', label: 'no read-your-writes wait at all', flags: ['no-wait'] },
      {
        key: 'waitrel',
        label: 'wait only for the 2 projections that handle demand events (not all 7)',
        flags: ['wait-relevant'],
      },
      { key: 'nopoll', label: 'wait without polling the checkpoint rows', flags: ['no-poll'] },
      {
        key: 'asyncproj',
        label: 'projection batches commit with synchronous_commit=off',
        flags: ['async-projection-commits'],
      },
      {
        key: 'combined',
        label: 'the last three together',
        flags: ['wait-relevant', 'no-poll', 'async-projection-commits'],
      },
    ],
  },
  {
    key: 'ryw0',
    app: 'app, READ_YOUR_WRITES_TIMEOUT_MS=0',
    script: MAIN_JS,
    // each command would log its (expected) read-your-writes timeout
    env: { READ_YOUR_WRITES_TIMEOUT_MS: '0', LOG_LEVEL: 'error' },
    instrumented: false,
    block: [
      { key: 'ryw0', label: 'shipped app, READ_YOUR_WRITES_TIMEOUT_MS=0 (one checkpoint query per runner)' },
    ],
  },
  {
    key: 'demand',
    app: 'instrumented app, demand projections only',
    script: INSTRUMENTED_JS,
    env: { BENCH_APP_VARIANT: 'demand-projections' },
    instrumented: true,
    block: [
      { key: 'demandonly', label: 'only the 2 demand projections exist', flags: [] },
      {
        key: 'demandcombined',
        label: 'only the 2 demand projections + no polling + synchronous_commit=off',
        flags: ['no-poll', 'async-projection-commits'],
      },
    ],
  },
];
const selected = (v: DiagVariant) => DIAG_VARIANT_KEYS.includes(v.key);
const DIAG_BOOTS = ALL_DIAG_BOOTS.map((boot) => ({
  ...boot,
  single: boot.single && selected(boot.single) ? boot.single : undefined,
  block: boot.block.filter(selected),
})).filter((boot) => boot.single || boot.block.length > 0);
/** On the main application, after its points: plain vs Idempotency-Key, interleaved. */
const IDEMPOTENCY_BLOCK: DiagVariant[] = [
  { key: 'plain', label: 'no Idempotency-Key (as the main points)' },
  { key: 'idem', label: 'Idempotency-Key on every request', idempotencyKeys: true },
];

const log = (message: string) =>
  process.stderr.write(`[bench:http ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------------- requests

const ANTENNAS = ['ant-bethune', 'ant-arras', 'ant-lens', 'ant-calais', 'ant-boulogne', 'ant-st-omer'];
const CATEGORIES = ['difficulties', 'premises_security', 'hr'];
const PRIORITIES = ['low', 'medium', 'high'];
const CHANNELS = ['letter', 'email', 'audience', 'csa_agenda_item'];
const ADDRESSEE = { role: 'DFSPIP', organisation: 'spip-62' };

const raiseBody = (seq: number, tag: string) => ({
  antennaId: ANTENNAS[seq % ANTENNAS.length],
  title: `Recruter au moins 1 ASE (ratio 1 pour 50) — ${tag} n°${seq}`,
  category: CATEGORIES[seq % CATEGORIES.length],
  explicit: seq % 2 === 0,
  priority: PRIORITIES[seq % PRIORITIES.length],
  addressees: [ADDRESSEE],
  level: 'local',
});
const submitBody = (seq: number) => ({ channel: CHANNELS[seq % CHANNELS.length], addressee: ADDRESSEE });

const raiseRequest =
  (tag: string) =>
  (seq: number): CannonRequest => ({ path: '/api/demands', body: JSON.stringify(raiseBody(seq, tag)) });

/** Submissions spread uniformly (fixed-seed LCG) over `targets`. */
function submitRequest(targets: readonly string[], seed: number): (seq: number) => CannonRequest {
  let state = seed >>> 0 || 1;
  return (seq) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const id = targets[state % targets.length] ?? '';
    return { path: `/api/demands/${id}/submissions`, body: JSON.stringify(submitBody(seq)) };
  };
}

/**
 * Management responses with `If-Match`, each demand answered by one request at a time: a demand is taken from the
 * idle ones with the revision its last answer gave, and put back with the new one (on 412, with the current one).
 * The state is shared by the warm-up and the measured run of a point.
 */
function responsesRequest(revisions: Map<string, number>): (tag: string) => (seq: number) => CannonRequest {
  const idle = [...revisions.keys()];
  return () => (seq) => {
    const id = idle.shift() ?? [...revisions.keys()][seq % revisions.size] ?? '';
    const revision = revisions.get(id) ?? 0;
    return {
      path: `/api/demands/${id}/responses`,
      body: JSON.stringify({
        stance: 'defer',
        text: `La direction examine la demande (réponse n° ${seq + 1}).`,
        authorRole: 'DFSPIP',
        channel: 'letter',
        respondedAt: new Date().toISOString(),
        // Ahead: no deadline of these demands passes during the run.
        newDueAt: new Date(Date.UTC(2100, 0, 1) + (seq % 1000) * 86_400_000).toISOString(),
      }),
      headers: { 'if-match': `"${revision}"` },
      onAnswer: (status, body) => {
        try {
          const parsed = JSON.parse(body) as { revision?: number; currentRevision?: number };
          const next = status < 300 ? parsed.revision : parsed.currentRevision;
          if (typeof next === 'number') revisions.set(id, next);
        } catch {
          // keep the revision we had
        }
        idle.push(id);
      },
    };
  };
}

/** A CSA meeting scheduled (a meeting stream created): a command whose read model is not written inline. */
const meetingRequest =
  (tag: string) =>
  (seq: number): CannonRequest => ({
    path: '/api/meetings',
    body: JSON.stringify({
      instanceId: 'csa-spip62',
      instanceName: 'CSA SPIP local (SPIP 62)',
      instanceType: 'csa_spip_local',
      scheduledFor: new Date(Date.UTC(2027, 0, 1) + (seq % 300) * 86_400_000).toISOString().slice(0, 10),
      sourceRef: `${tag}-${seq}`,
    }),
  });

// ---------------------------------------------------------------------------------------------------- results

type Oracle = {
  pass: boolean;
  eventsDelta: number;
  ok2xx: number;
  /** Requests whose event is stored but whose answer never came: in flight when autocannon stopped the run. */
  committedUnanswered: number;
  unanswered: number;
  duplicates: number;
  ackedMissing: number;
  storedWithErrorAnswer: number;
  untagged: number;
  detail: string;
};

type HttpPoint = {
  id: string;
  scenario: string;
  variant: string;
  app: string;
  connections: number;
  seconds: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  rps: number;
  okRps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  appCpuMsPerReq?: number;
  /** Machine busy minus generator, application and PostgreSQL: other work sharing the 2 cores. */
  othersBusyPct?: number;
  resources: ResourceUse;
  waits?: { event: string; avgBackends: number }[];
  /** Transactions holding an xid in other databases of the server (they hold the read models back). */
  foreignTransactions?: { samples: number; heldPct: number; maxAgeMs: number };
  appWarnings: number;
  readYourWritesTimeouts: number;
  oracle: Oracle;
  diagnostic: boolean;
  /** Diagnostic block the point belongs to (its oracle is the block's), and the block's baseline point. */
  block?: string;
  baseline?: string;
  breakdown?: InstrumentReport;
};

type CeilingPoint = {
  id: string;
  scenario: string;
  connections: number;
  rate: number;
  ops: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  resources: ResourceUse;
  waits?: { event: string; avgBackends: number }[];
  errors: string[];
};

type InstrumentReport = {
  wallMs: number;
  cpuMs: number;
  eventLoopDelayMs: { p50: number; p99: number };
  pool: { avgWaiting: number; maxWaiting: number; avgBusy: number };
  counters: Record<string, number>;
  stats: Record<
    string,
    { n: number; totalMs: number; meanMs: number; p50Ms: number; p99Ms: number; maxMs: number }
  >;
};

type Invariant = { name: string; pass: boolean; detail: string };

const httpPoints: HttpPoint[] = [];
/** Per database: events the HTTP runs account for (2xx + committed but unanswered), over every oracle call. */
const ackedEvents = new Map<string, number>();
const ceilings: CeilingPoint[] = [];
const invariants: Invariant[] = [];
const validationCost: { request: string; usPerOp: number; ops: number }[] = [];
const info: {
  serverVersion?: string;
  settings?: Record<string, string>;
  appBootSeconds?: number;
  authentication?: string;
} = {};

const check = (name: string, pass: boolean, detail: string) => {
  invariants.push({ name, pass, detail });
  log(`${pass ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
};

// ---------------------------------------------------------------------------------------------------- database

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
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

/** The raw ceiling's table: es.events' columns and indexes, its own sequence, no foreign key (as bench:store). */
const RAW_SCHEMA = `
  CREATE SCHEMA bench_raw;
  CREATE SEQUENCE bench_raw.global_position_seq AS bigint;
  CREATE TABLE bench_raw.events (LIKE es.events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS);
  ALTER TABLE bench_raw.events ALTER COLUMN global_position SET DEFAULT nextval('bench_raw.global_position_seq');`;
const RAW_INSERT = `INSERT INTO bench_raw.events (stream_id, stream_type, revision, event_id, event_type, data, metadata, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const HASH = 'f'.repeat(64);

const countOf = async (client: pg.Client, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? NaN);
const eventCount = (client: pg.Client) => countOf(client, 'SELECT count(*)::text AS n FROM es.events');

/**
 * Waits until es.events stops growing (the application finishing the requests autocannon dropped when it stopped):
 * the count unchanged over `stableMs`, at most `maxMs`.
 */
async function quiesce(client: pg.Client, stableMs = 900, maxMs = 15_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  let last = await eventCount(client);
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const n = await eventCount(client);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) return n;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------------- HTTP points

type Ctx = { monitor: pg.Client; sampler: pg.Client; database: string; runTag: string };

/**
 * The one-for-one check: every 2xx answer's correlation id is stored exactly once; nothing answered with an error
 * is stored; the only stored ids without an answer are requests still in flight when autocannon stopped; and
 * es.events grew by exactly that: Δ events = 2xx + committed-but-unanswered.
 */
async function oracle(ctx: Ctx, tag: string, runs: CannonRun[], before: number): Promise<Oracle> {
  const after = await eventCount(ctx.monitor);
  const { rows } = await ctx.monitor.query<{ cid: string; n: number }>(
    `SELECT metadata->>'correlationId' AS cid, count(*)::int AS n FROM es.events
      WHERE metadata->>'correlationId' LIKE $1 GROUP BY 1`,
    [`${tag}-%`],
  );
  const stored = new Map(rows.map((r) => [r.cid, r.n]));
  const answered = new Map<string, number>();
  const sent = new Set<string>();
  for (const run of runs) {
    for (const [cid, status] of run.answered) answered.set(cid, status);
    for (const cid of run.sent) sent.add(cid);
  }
  let ok2xx = 0;
  let ackedMissing = 0;
  let storedWithErrorAnswer = 0;
  for (const [cid, status] of answered) {
    const ok = status >= 200 && status < 300;
    if (ok) {
      ok2xx += 1;
      if (stored.get(cid) !== 1) ackedMissing += stored.has(cid) ? 0 : 1;
    } else if (stored.has(cid)) storedWithErrorAnswer += 1;
  }
  const unanswered = [...sent].filter((cid) => !answered.has(cid)).length;
  let duplicates = 0;
  let committedUnanswered = 0;
  let unknown = 0;
  let storedTotal = 0;
  for (const [cid, n] of stored) {
    storedTotal += n;
    if (n > 1) duplicates += 1;
    if (!answered.has(cid)) {
      if (sent.has(cid)) committedUnanswered += 1;
      else unknown += 1;
    }
  }
  const eventsDelta = after - before;
  const untagged = eventsDelta - storedTotal;
  const pass =
    duplicates === 0 &&
    ackedMissing === 0 &&
    storedWithErrorAnswer === 0 &&
    unknown === 0 &&
    untagged === 0 &&
    committedUnanswered <= unanswered &&
    eventsDelta === ok2xx + committedUnanswered;
  ackedEvents.set(ctx.database, (ackedEvents.get(ctx.database) ?? 0) + ok2xx + committedUnanswered);
  const detail =
    `Δ es.events ${eventsDelta} = 2xx ${ok2xx} + ${committedUnanswered} in flight at stop (of ${unanswered} unanswered)` +
    (duplicates ? `; ${duplicates} duplicated id(s)` : '') +
    (ackedMissing ? `; ${ackedMissing} acked id(s) missing` : '') +
    (storedWithErrorAnswer ? `; ${storedWithErrorAnswer} stored despite an error answer` : '') +
    (unknown ? `; ${unknown} unknown id(s)` : '') +
    (untagged ? `; ${untagged} untagged event(s)` : '');
  return {
    pass,
    eventsDelta,
    ok2xx,
    committedUnanswered,
    unanswered,
    duplicates,
    ackedMissing,
    storedWithErrorAnswer,
    untagged,
    detail,
  };
}

/** The measured slices of one point: latencies, answers, CPU of the three parties, PostgreSQL waits. */
class PointAccumulator {
  readonly latencies: number[] = [];
  readonly statusCounts: Record<string, number> = {};
  ok2xx = 0;
  non2xx = 0;
  errors = 0;
  timeouts = 0;
  seconds = 0;
  appMs: number | undefined = 0;
  warnings = 0;
  rywTimeouts = 0;
  readonly totals = new ResourceTotals();
  readonly sampler: WaitSampler | undefined;
  readonly foreign: ForeignTransactionSampler;

  constructor(
    private readonly ctx: Ctx,
    connections: number,
  ) {
    this.sampler = connections > 1 ? new WaitSampler(ctx.sampler, [ctx.database]) : undefined;
    this.foreign = new ForeignTransactionSampler(ctx.sampler, ctx.database);
  }

  async measure(app: AppProcess, options: Parameters<typeof cannon>[0]): Promise<CannonRun> {
    const { monitor, database } = this.ctx;
    const warn0 = app.count('warn');
    const ryw0 = app.count('ryw-timeout');
    const cpu0 = processCpuMs(app.pid);
    const probe = await ResourceProbe.take(monitor, [database]);
    this.sampler?.start();
    this.foreign.start();
    const run = await cannon(options);
    await this.sampler?.stop();
    await this.foreign.stop();
    await (await ResourceProbe.take(monitor, [database])).addTo(this.totals, probe, monitor);
    const cpu1 = processCpuMs(app.pid);
    this.appMs =
      this.appMs !== undefined && cpu0 !== undefined && cpu1 !== undefined
        ? this.appMs + cpu1 - cpu0
        : undefined;
    this.warnings += app.count('warn') - warn0;
    this.rywTimeouts += app.count('ryw-timeout') - ryw0;
    const r = run.result;
    for (const latency of run.latencies) this.latencies.push(latency);
    for (const [status, n] of Object.entries(run.statusCounts))
      this.statusCounts[status] = (this.statusCounts[status] ?? 0) + n;
    this.ok2xx += r['2xx'];
    this.non2xx += r.non2xx;
    this.errors += r.errors;
    this.timeouts += r.timeouts;
    this.seconds += r.duration;
    return run;
  }

  toPoint(
    meta: Pick<HttpPoint, 'id' | 'scenario' | 'variant' | 'app' | 'connections' | 'diagnostic'> &
      Partial<Pick<HttpPoint, 'block' | 'baseline'>>,
    oracle: Oracle,
    breakdown: InstrumentReport | undefined,
  ): HttpPoint {
    const sorted = Float64Array.from(this.latencies).sort();
    const t = this.totals;
    const busy = t.perOp(1).machineBusyPct;
    const oursPct = (100 * (t.nodeMs + (t.pgMs ?? 0) + (this.appMs ?? 0))) / (t.elapsedMs * os.cpus().length);
    return {
      ...meta,
      seconds: this.seconds,
      responses: this.latencies.length,
      ok2xx: this.ok2xx,
      non2xx: this.non2xx,
      statusCounts: this.statusCounts,
      errors: this.errors,
      timeouts: this.timeouts,
      rps: this.latencies.length / this.seconds,
      okRps: this.ok2xx / this.seconds,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p99Ms: percentile(sorted, 99),
      p999Ms: percentile(sorted, 99.9),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      appCpuMsPerReq: this.appMs !== undefined && this.ok2xx > 0 ? this.appMs / this.ok2xx : undefined,
      othersBusyPct: busy !== undefined ? Math.max(0, busy - oursPct) : undefined,
      resources: t.perOp(this.ok2xx),
      waits: this.sampler?.summary().waits.slice(0, 5),
      foreignTransactions: this.foreign.summary(),
      appWarnings: this.warnings,
      readYourWritesTimeouts: this.rywTimeouts,
      oracle,
      breakdown,
    };
  }
}

const logPoint = (point: HttpPoint) =>
  log(
    `  ${point.id}: ${fmtInt(point.okRps)} 2xx/s, p50 ${fmt(point.p50Ms)} ms, p99 ${fmt(point.p99Ms)} ms, ` +
      `non-2xx ${point.non2xx}, errors ${point.errors}`,
  );

/** The organisation's admin in a database, created once (its e-mail is unique there). */
const admins = new Map<string, Promise<Record<string, string>>>();
const adminHeaders = (ctx: Ctx, app: AppProcess): Promise<Record<string, string>> => {
  let headers = admins.get(ctx.database);
  if (!headers) admins.set(ctx.database, (headers = benchAdminHeaders(ctx.monitor, app.baseUrl)));
  return headers;
};

const requestHeaders = (app: AppProcess, idempotencyKeys?: boolean) => (cid: string) => ({
  ...app.requestHeaders,
  ...(idempotencyKeys ? { 'idempotency-key': cid } : {}),
});

async function httpPoint(
  ctx: Ctx,
  app: AppProcess,
  spec: {
    id: string;
    scenario: string;
    variant?: string;
    connections: number;
    seconds: number;
    warmupSeconds: number;
    build: (tag: string) => (seq: number) => CannonRequest;
    /** Another account's headers than the benchmark officer's. */
    headers?: Record<string, string>;
    instrumented?: boolean;
    flags?: string[];
    diagnostic?: boolean;
  },
): Promise<{ point: HttpPoint; okIds: string[] }> {
  const tag = `hb${ctx.runTag}-${spec.id}`;
  const headers = spec.headers ? () => spec.headers ?? {} : requestHeaders(app);
  await ctx.monitor.query('CHECKPOINT');
  const before = await quiesce(ctx.monitor, 300);
  log(
    `${spec.id}: ${spec.scenario}${spec.variant ? ` [${spec.variant}]` : ''}, ${spec.connections} connection(s) — ` +
      `warm-up ${spec.warmupSeconds} s, measured ${spec.seconds} s`,
  );
  if (spec.instrumented) await app.ask('flags', { flags: spec.flags ?? [], bucket: spec.id });
  const warm = await cannon({
    url: app.baseUrl,
    connections: spec.connections,
    seconds: spec.warmupSeconds,
    tag: `${tag}-w`,
    build: spec.build(`${tag}-w`),
    headers,
  });
  await quiesce(ctx.monitor, 300);
  if (spec.instrumented) await app.ask('reset');
  const acc = new PointAccumulator(ctx, spec.connections);
  const run = await acc.measure(app, {
    url: app.baseUrl,
    connections: spec.connections,
    seconds: spec.seconds,
    tag: `${tag}-m`,
    build: spec.build(`${tag}-m`),
    headers,
  });
  const breakdown = spec.instrumented
    ? (((await app.ask('report')).buckets as Record<string, InstrumentReport> | undefined)?.[spec.id] ??
      undefined)
    : undefined;
  await quiesce(ctx.monitor);
  const verdict = await oracle(ctx, tag, [warm, run], before);
  const point = acc.toPoint(
    {
      id: spec.id,
      scenario: spec.scenario,
      variant: spec.variant ?? 'as shipped',
      app: app.label,
      connections: spec.connections,
      diagnostic: spec.diagnostic ?? false,
    },
    verdict,
    breakdown,
  );
  httpPoints.push(point);
  logPoint(point);
  check(`${spec.id}: events stored = 2xx answers, one for one`, verdict.pass, verdict.detail);
  return { point, okIds: [...warm.okBodies, ...run.okBodies].map((b) => b.id) };
}

/**
 * A diagnostic block: POST /api/demands, variants interleaved in DIAG_ROUNDS slices (A B C, then C B A, …) on one
 * application instance, after a warm-up on the first variant; one oracle for the whole block.
 */
async function diagBlock(
  ctx: Ctx,
  app: AppProcess,
  blockKey: string,
  variants: DiagVariant[],
  instrumented: boolean,
): Promise<void> {
  const c = DIAG_CONNECTIONS;
  const prefix = `hb${ctx.runTag}-blk${blockKey}`;
  const build = raiseRequest;
  const first = variants[0];
  if (!first) return;
  await ctx.monitor.query('CHECKPOINT');
  const before = await quiesce(ctx.monitor, 300);
  const slice = DIAG_SECONDS / DIAG_ROUNDS;
  log(
    `block ${blockKey} on ${app.label}: ${variants.map((v) => v.key).join(', ')} at ${c} connections — warm-up ` +
      `${DIAG_WARMUP_SECONDS} s, then ${DIAG_ROUNDS} interleaved slices of ${fmt(slice, 1)} s per variant`,
  );
  if (instrumented) await app.ask('flags', { flags: first.flags ?? [], bucket: 'idle' });
  const runs: CannonRun[] = [
    await cannon({
      url: app.baseUrl,
      connections: c,
      seconds: DIAG_WARMUP_SECONDS,
      tag: `${prefix}-w`,
      build: build(`${prefix}-w`),
      headers: requestHeaders(app, first.idempotencyKeys),
    }),
  ];
  await quiesce(ctx.monitor, 300);
  if (instrumented) await app.ask('reset');
  const arms = variants.map((v) => ({ v, acc: new PointAccumulator(ctx, c) }));
  for (let round = 0; round < DIAG_ROUNDS; round++) {
    for (const { v, acc } of round % 2 === 0 ? arms : [...arms].reverse()) {
      if (instrumented) await app.ask('flags', { flags: v.flags ?? [], bucket: v.key });
      const tag = `${prefix}-${v.key}-s${round}`;
      runs.push(
        await acc.measure(app, {
          url: app.baseUrl,
          connections: c,
          seconds: slice,
          tag,
          build: build(tag),
          headers: requestHeaders(app, v.idempotencyKeys),
        }),
      );
      // Requests cut off at the end of the slice finish here, outside every variant's bucket.
      if (instrumented) await app.ask('flags', { flags: v.flags ?? [], bucket: 'idle' });
      await quiesce(ctx.monitor, 250);
    }
  }
  const reports = instrumented
    ? ((await app.ask('report')).buckets as Record<string, InstrumentReport> | undefined)
    : undefined;
  if (instrumented) await app.ask('flags', { flags: [], bucket: 'idle' });
  await quiesce(ctx.monitor);
  const verdict = await oracle(ctx, prefix, runs, before);
  check(`block ${blockKey}: events stored = 2xx answers, one for one`, verdict.pass, verdict.detail);
  for (const { v, acc } of arms) {
    const point = acc.toPoint(
      {
        id: `diag-${v.key}-${c}`,
        scenario: 'POST /api/demands',
        variant: v.label,
        app: app.label,
        connections: c,
        diagnostic: true,
        block: blockKey,
        baseline: `diag-${first.key}-${c}`,
      },
      verdict,
      reports?.[v.key],
    );
    httpPoints.push(point);
    logPoint(point);
  }
}

// ---------------------------------------------------------------------------------------------------- reads

const readPoints: ReadPoint[] = [];
const twoProcessPoints: {
  connections: number;
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  oneProcessOkRps: number | undefined;
}[] = [];

/** POSTs through the application and fails loudly on anything but 2xx. */
async function post(
  app: AppProcess,
  path: string,
  body: unknown,
  headers: Record<string, string> = app.requestHeaders,
): Promise<{ id?: string; revision?: number }> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status < 200 || response.status >= 300)
    throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as { id?: string; revision?: number };
}

/**
 * Reads at READ_CONNECTIONS clients, each next to the raw SELECT of the same rows. Set-up: a demand with a history
 * of 100 events (raised, submitted, 98 deferrals by management) and the antenna registered for its dashboard;
 * its events are accounted for in the oracle's total.
 */
async function readsPhase(
  ctx: Ctx & { url: string },
  app: AppProcess,
  demandIds: readonly string[],
): Promise<void> {
  const before = await eventCount(ctx.monitor);
  const antennaId = ANTENNAS[0] ?? 'ant-bethune';
  const probe = await fetch(`${app.baseUrl}/api/antennas/${antennaId}/dashboard`, {
    headers: app.requestHeaders,
  });
  await probe.arrayBuffer();
  if (probe.status === 404) {
    const admin = await adminHeaders(ctx, app);
    const unit = (unitId: string, kind: string, name: string, parentId?: string) =>
      post(app, '/api/units', { unitId, kind, name, ...(parentId ? { parentId } : {}) }, admin);
    await unit('dap', 'DAP', 'Direction de l’administration pénitentiaire');
    await unit('disp-lille', 'DISP', 'DISP de Lille', 'dap');
    await unit('spip-62', 'SPIP', 'SPIP du Pas-de-Calais', 'disp-lille');
    await post(
      app,
      '/api/units',
      { unitId: antennaId, kind: 'ANTENNA', name: 'Antenne de Béthune', parentId: 'spip-62', milieu: 'MO' },
      admin,
    );
  }
  const long = await post(app, '/api/demands', {
    ...raiseBody(0, `hb${ctx.runTag}-long`),
    occurredAt: '2023-11-02',
  });
  const longId = long.id ?? '';
  await post(app, `/api/demands/${longId}/submissions`, {
    ...submitBody(0),
    submittedAt: '2023-12-01T09:00:00.000Z',
  });
  for (let i = 0; i < 98; i++) {
    await post(app, `/api/demands/${longId}/responses`, {
      stance: 'defer',
      text: `La direction examine la demande (réponse n° ${i + 1}).`,
      authorRole: 'DFSPIP',
      channel: 'letter',
      respondedAt: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
      // Due dates still ahead: an overdue demand would get a deadline event from the scheduled check, recorded by
      // no request (the oracle's total once counted it as one event too many).
      newDueAt: new Date(Date.UTC(2100, 1, 1) + i * 86_400_000).toISOString(),
    });
  }
  await quiesce(ctx.monitor, 300);
  ackedEvents.set(
    ctx.database,
    (ackedEvents.get(ctx.database) ?? 0) + (await eventCount(ctx.monitor)) - before,
  );
  const specs = readSpecs({ demandIds, longDemandId: longId, antennaId, organisationId: 'bench-org' });
  for (const connections of READ_CONNECTIONS) {
    for (const spec of specs) {
      log(
        `read ${spec.id}: ${spec.route}, ${connections} client(s), HTTP then raw SELECT, ${READ_SECONDS} s each`,
      );
      const point = await measureRead(spec, {
        baseUrl: app.baseUrl,
        headers: app.requestHeaders,
        databaseUrl: ctx.url,
        connections,
        seconds: READ_SECONDS,
        warmupSeconds: Math.min(2, WARMUP_SECONDS),
      });
      readPoints.push(point);
      log(
        `  ${point.id}: ${fmtInt(point.http.rps)} 200/s, p50 ${fmt(point.http.p50Ms)} ms, p99 ${fmt(point.http.p99Ms)} ms; ` +
          `raw ${fmtInt(point.raw.rps)}/s (p99 ${fmt(point.raw.p99Ms)} ms)`,
      );
      check(
        `read ${spec.id}: every answer 200`,
        point.http.errors.length === 0 && point.raw.errors.length === 0,
        point.http.errors.slice(0, 2).join('; ') || 'ok',
      );
    }
  }
}

/**
 * POST /api/demands at 16 clients split over two application processes on the same database (the way to use both
 * cores), next to one process's figure at 16 from the same run. One oracle over both processes' answers.
 */
async function twoProcessPoint(ctx: Ctx, apps: readonly AppProcess[]): Promise<void> {
  const connections = 16;
  const tag = `hb${ctx.runTag}-two`;
  await ctx.monitor.query('CHECKPOINT');
  const before = await quiesce(ctx.monitor, 300);
  log(
    `two processes: POST /api/demands, ${connections / apps.length} client(s) on each of ${apps.length}, ${SECONDS} s`,
  );
  const runs = await Promise.all(
    apps.map((app, i) =>
      cannon({
        url: app.baseUrl,
        connections: connections / apps.length,
        seconds: SECONDS,
        tag: `${tag}-${i}`,
        build: raiseRequest(`${tag}-${i}`),
        headers: requestHeaders(app),
      }),
    ),
  );
  await quiesce(ctx.monitor);
  const verdict = await oracle(ctx, tag, runs, before);
  const ok = runs.reduce(
    (sum, run) => sum + [...run.answered.values()].filter((status) => status >= 200 && status < 300).length,
    0,
  );
  const stats = latencyStats(runs.flatMap((run) => run.latencies));
  const one = httpPoints.find((p) => p.id === `raise-${connections}`);
  const point = {
    connections,
    okRps: ok / SECONDS,
    p50Ms: stats.p50Ms,
    p99Ms: stats.p99Ms,
    oneProcessOkRps: one?.okRps,
  };
  twoProcessPoints.push(point);
  log(
    `  two processes: ${fmtInt(point.okRps)} 2xx/s (one process: ${fmtInt(one?.okRps)}), p99 ${fmt(point.p99Ms)} ms`,
  );
  check('two processes: events stored = 2xx answers, one for one', verdict.pass, verdict.detail);
}

// ---------------------------------------------------------------------------------------------------- ceilings

/** A DemandRaised-shaped event, the size of what POST /api/demands appends. */
function demandLikeEvent(n: number): EventToAppend {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'BenchDemandRaised',
    data: {
      demandId: randomUUID(),
      occurredAt: at,
      ...raiseBody(n, 'ceiling'),
      observationIds: [],
      legalRefs: [],
      raisedAt: at,
    },
    metadata: {
      actorId: 'bench',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: at,
      command: 'RaiseDemand',
    },
  };
}

class Streams {
  private readonly revisions: bigint[][];
  private readonly cursor: number[];
  constructor(
    private readonly tag: string,
    writers: number,
  ) {
    this.revisions = Array.from({ length: writers }, () =>
      Array.from({ length: STREAMS_PER_WRITER }, () => -1n),
    );
    this.cursor = Array.from({ length: writers }, () => 0);
  }
  next(w: number): { id: string; revision: bigint; commit: () => void } {
    const k = (this.cursor[w] = ((this.cursor[w] ?? 0) + 1) % STREAMS_PER_WRITER);
    const revisions = this.revisions[w] ?? [];
    const revision = revisions[k] ?? -1n;
    return { id: `bench-${this.tag}w${w}s${k}`, revision, commit: () => (revisions[k] = revision + 1n) };
  }
}

type Arm = { id: string; scenario: string; op: (w: number) => Promise<number>; close: () => Promise<void> };

async function rawInsertArm(url: string, connections: number, acked: { raw: number }): Promise<Arm> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const streams = new Streams(`raw${connections}`, connections);
  let n = 0;
  return {
    id: `raw-insert-${connections}`,
    scenario: 'raw pg single-row INSERT, autocommit, events-shaped table',
    op: async (w) => {
      const stream = streams.next(w);
      const e = demandLikeEvent(n++);
      await clients[w]?.query(RAW_INSERT, [
        stream.id,
        'bench',
        (stream.revision + 1n).toString(),
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        HASH,
        HASH,
      ]);
      stream.commit();
      acked.raw += 1;
      return 1;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

function storeArm(db: Database, connections: number, acked: { store: number }): Arm {
  const store = new SqlEventStore(db);
  const streams = new Streams(`store${connections}`, connections);
  let n = 0;
  return {
    id: `store-append-${connections}`,
    scenario: `SqlEventStore.appendToStream, 1 event, exact revision (pool ${APP_POOL_SIZE})`,
    op: async (w) => {
      const stream = streams.next(w);
      await store.appendToStream(stream.id, stream.revision < 0n ? 'no_stream' : stream.revision, [
        demandLikeEvent(n++),
      ]);
      stream.commit();
      acked.store += 1;
      return 1;
    },
    close: async () => undefined,
  };
}

/** Warm-up each arm, then two slices each in A B B A order, so that drift in the background load hits both. */
async function ceilingPoint(ctx: Ctx, connections: number, arms: Arm[]): Promise<void> {
  log(`ceiling @${connections}: ${arms.map((a) => a.id).join(', ')}`);
  await ctx.monitor.query('CHECKPOINT');
  const state = arms.map((arm) => ({
    arm,
    ops: 0,
    seconds: 0,
    latencies: [] as number[],
    errors: [] as string[],
    totals: new ResourceTotals(),
    sampler: connections > 1 ? new WaitSampler(ctx.sampler, [ctx.database]) : undefined,
  }));
  for (const s of state)
    s.errors.push(...(await closedLoop(connections, CEILING_WARMUP_SECONDS, s.arm.op)).errors);
  const order = [...state, ...[...state].reverse()];
  for (const s of order) {
    if (s.errors.length > 0) continue;
    const before = await ResourceProbe.take(ctx.monitor, [ctx.database]);
    s.sampler?.start();
    const result = await closedLoop(connections, CEILING_SECONDS / 2, s.arm.op);
    await s.sampler?.stop();
    await (await ResourceProbe.take(ctx.monitor, [ctx.database])).addTo(s.totals, before, ctx.monitor);
    s.ops += result.ops;
    s.seconds += result.elapsedS;
    for (const l of result.latencies) s.latencies.push(l);
    s.errors.push(...result.errors);
  }
  for (const s of state) {
    await s.arm.close();
    const stats = latencyStats(s.latencies);
    const point: CeilingPoint = {
      id: s.arm.id,
      scenario: s.arm.scenario,
      connections,
      rate: s.ops / s.seconds,
      ops: s.ops,
      seconds: s.seconds,
      p50Ms: stats.p50Ms,
      p99Ms: stats.p99Ms,
      resources: s.totals.perOp(s.ops),
      waits: s.sampler?.summary().waits.slice(0, 5),
      errors: s.errors,
    };
    ceilings.push(point);
    log(`  ${point.id}: ${fmtInt(point.rate)} ops/s, p50 ${fmt(point.p50Ms)} ms, p99 ${fmt(point.p99Ms)} ms`);
  }
}

// ---------------------------------------------------------------------------------------------------- validation

/** In-process cost of the global ValidationPipe (transform + class-validator) on each request body. */
async function measureValidation(): Promise<void> {
  const pipe = createValidationPipe();
  const cases: { request: string; metatype: new () => object; body: () => object }[] = [
    { request: 'RaiseDemandRequest', metatype: RaiseDemandRequest, body: () => raiseBody(7, 'validation') },
    { request: 'SubmitDemandRequest', metatype: SubmitDemandRequest, body: () => submitBody(3) },
  ];
  for (const c of cases) {
    const run = async (ms: number) => {
      let ops = 0;
      const t0 = process.hrtime.bigint();
      const end = t0 + BigInt(ms * 1e6);
      while (process.hrtime.bigint() < end) {
        for (let i = 0; i < 50; i++) await pipe.transform(c.body(), { type: 'body', metatype: c.metatype });
        ops += 50;
      }
      return { ops, ms: nsToMs(process.hrtime.bigint() - t0) };
    };
    await run(200);
    const { ops, ms } = await run(800);
    validationCost.push({ request: c.request, usPerOp: (ms * 1000) / ops, ops });
  }
}

// ---------------------------------------------------------------------------------------------------- report

const ceilingOf = (id: string) => ceilings.find((c) => c.id === id);

function report(totalSeconds: number): string {
  const raw16 = ceilingOf('raw-insert-16');
  const store16 = ceilingOf('store-append-16');
  const ratio = (x: number, base: CeilingPoint | undefined) =>
    base && base.rate > 0 ? x / base.rate : undefined;
  const main = httpPoints.filter((p) => !p.diagnostic);
  const pct = (x: number | undefined) => (x === undefined ? '–' : `${fmt(x, 0)} %`);
  const foreign = (p: HttpPoint) =>
    p.foreignTransactions
      ? `${fmt(p.foreignTransactions.heldPct, 0)} % (max ${fmt(p.foreignTransactions.maxAgeMs / 1000, 1)} s)`
      : '–';
  const httpTable = markdownTable(
    [
      'Command',
      'Conn.',
      '2xx/s',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'p99/p50',
      'non-2xx',
      'errors',
      '÷ raw INSERT @16',
      '÷ store append @16',
      'app CPU ms/req',
      'PG CPU ms/req',
      'gen. CPU ms/req',
      'machine busy',
      'others busy',
      'foreign xact ≥ 250 ms',
      'oracle',
    ],
    main.map((p) => [
      p.scenario,
      p.connections,
      fmtInt(p.okRps),
      fmt(p.p50Ms),
      fmt(p.p99Ms),
      fmt(p.p999Ms),
      fmt(p.p99Ms / p.p50Ms, 1),
      p.non2xx,
      p.errors,
      fmtRatio(ratio(p.okRps, raw16)),
      fmtRatio(ratio(p.okRps, store16)),
      fmt(p.appCpuMsPerReq),
      fmt(p.resources.pgCpuMsPerOp),
      fmt(p.resources.nodeCpuMsPerOp),
      pct(p.resources.machineBusyPct),
      pct(p.othersBusyPct),
      foreign(p),
      p.oracle.pass ? 'PASS' : '**FAIL**',
    ]),
  );
  const ceilingTable = markdownTable(
    [
      'Store ceiling',
      'Conn.',
      'ops/s',
      'p50 ms',
      'p99 ms',
      'PG CPU ms/op',
      'machine busy',
      'others busy',
      'PG waits (avg active backends)',
    ],
    ceilings.map((c) => [
      c.scenario,
      c.connections,
      fmtInt(c.rate),
      fmt(c.p50Ms),
      fmt(c.p99Ms),
      fmt(c.resources.pgCpuMsPerOp),
      pct(c.resources.machineBusyPct),
      pct(c.resources.othersBusyPct),
      (c.waits ?? []).map((w) => `${w.event} ${fmt(w.avgBackends, 1)}`).join(', ') || '–',
    ]),
  );
  const ratioTable = markdownTable(
    ['Command', 'Conn.', '2xx/s', '÷ raw INSERT, same conn.', '÷ store append, same conn.', 'p50 ÷ raw p50'],
    main
      .filter((p) => ceilingOf(`raw-insert-${p.connections}`))
      .map((p) => {
        const raw = ceilingOf(`raw-insert-${p.connections}`);
        const store = ceilingOf(`store-append-${p.connections}`);
        return [
          p.scenario,
          p.connections,
          fmtInt(p.okRps),
          fmtRatio(ratio(p.okRps, raw)),
          fmtRatio(ratio(p.okRps, store)),
          raw ? fmtRatio(p.p50Ms / raw.p50Ms) : '–',
        ];
      }),
  );
  const waitTable = markdownTable(
    [
      'Point',
      'PG waits (avg active backends, sampled every 50 ms)',
      'app warnings',
      'read-your-writes timeouts',
      'status codes',
    ],
    httpPoints.map((p) => [
      `${p.id} (${p.connections})`,
      (p.waits ?? []).map((w) => `${w.event} ${fmt(w.avgBackends, 1)}`).join(', ') || '–',
      p.appWarnings,
      p.readYourWritesTimeouts,
      Object.entries(p.statusCounts)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
    ]),
  );
  const inv = markdownTable(
    ['Check', 'Result', 'Detail'],
    invariants.map((i) => [i.name, i.pass ? 'PASS' : '**FAIL**', i.detail]),
  );
  const parts = [
    `### HTTP command benchmark — ${new Date().toISOString()}`,
    '',
    `${os.cpus().length} cores (generator, application and PostgreSQL share them, unpinned), Node ${process.version}, ` +
      `${info.serverVersion ?? ''}` +
      (info.settings
        ? ` (${Object.entries(info.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : '') +
      `. Application: \`node dist/main.js\` in a child process (NODE_ENV=production, LOG_LEVEL=warn, pool ` +
      `${APP_POOL_SIZE}, projections on, read-your-writes on), booted in ${fmt(info.appBootSeconds, 1)} s; ` +
      `authentication: ${info.authentication ?? '–'}. ` +
      `autocannon in this process, closed loop, no pipelining; each point: ${WARMUP_SECONDS} s warm-up, then ` +
      `${SECONDS} s measured; CHECKPOINT before each point. Latency: client side, every response. Submissions go to ` +
      `${fmtInt(TARGET_DEMANDS)} demands raised earlier in the run, picked uniformly. Ceilings: measured after the ` +
      `HTTP points with the application stopped, ${CEILING_WARMUP_SECONDS} s warm-up then ${CEILING_SECONDS} s in ` +
      `A B B A slices. Diagnostic variants: ${DIAG_SECONDS} s each after ${DIAG_WARMUP_SECONDS} s warm-up, each ` +
      `application start on its own fresh database (a second start on one database fails: Postgrator is given ` +
      `database 'tracker'). The 2 cores are shared with whatever else runs on the machine: see "others busy"; ` +
      `read ratios, not absolutes. "foreign xact ≥ 250 ms": share of 100 ms samples in which a transaction ` +
      `holding an xid in ANOTHER database of the same server had been open ≥ 250 ms: the projections only read ` +
      `below the server-wide snapshot xmin, so such a transaction stalls every read-your-writes wait while it ` +
      `lasts. Total run ${fmt(totalSeconds, 0)} s.`,
    '',
    httpTable,
    '',
    ceilingTable,
    '',
    '**HTTP ÷ ceiling at the same concurrency**',
    '',
    ratioTable,
    '',
  ];
  const diag = httpPoints.filter((p) => p.diagnostic);
  if (diag.length > 0) {
    const baseline = (p: HttpPoint) =>
      p.baseline
        ? httpPoints.find((m) => m.id === p.baseline)
        : main.find((m) => m.scenario === p.scenario && m.connections === p.connections);
    parts.push(
      `**Diagnostics: variants of POST /api/demands** (${DIAG_SECONDS} s per variant; in a block, variants are ` +
        `interleaved in ${DIAG_ROUNDS} slices on one application instance and compared with the block's first ` +
        'variant; one oracle per block)',
      '',
      markdownTable(
        [
          'Block',
          'Variant',
          'Conn.',
          '2xx/s',
          'p50 ms',
          'p99 ms',
          'app CPU ms/req',
          'PG CPU ms/req',
          'others busy',
          'foreign xact ≥ 250 ms',
          '2xx/s ÷ baseline',
          'p50 ÷ baseline p50',
          'oracle',
        ],
        diag.map((p) => {
          const b = baseline(p);
          return [
            p.block ?? p.app,
            p.variant,
            p.connections,
            fmtInt(p.okRps),
            fmt(p.p50Ms),
            fmt(p.p99Ms),
            fmt(p.appCpuMsPerReq),
            fmt(p.resources.pgCpuMsPerOp),
            pct(p.othersBusyPct),
            foreign(p),
            b && b !== p ? fmtRatio(p.okRps / b.okRps) : '–',
            b && b !== p ? fmtRatio(p.p50Ms / b.p50Ms) : '–',
            p.oracle.pass ? 'PASS' : '**FAIL**',
          ];
        }),
      ),
      '',
    );
    const instrumented = diag.filter((d) => d.breakdown);
    const requestsOf = (b: InstrumentReport) =>
      Object.entries(b.stats)
        .filter(([label]) => label.startsWith('HTTP POST'))
        .reduce((sum, [, st]) => sum + st.n, 0) || 1;
    if (instrumented.length > 0) {
      const stat = (b: InstrumentReport, label: string) => b.stats[label];
      parts.push(
        '**Diagnostics: instrumented variants side by side** (per request, measured window; transactions and ' +
          'queries go through the application pool, projection batches included)',
        '',
        markdownTable(
          [
            'Variant',
            'Conn.',
            '2xx/s',
            'p50 ms',
            'p99 ms',
            'runners',
            'transactions/req',
            'queries/req',
            'pool acquire ms (mean)',
            'pool queue (avg)',
            'append ms (mean)',
            'read-your-writes wait ms (mean)',
            'app CPU ms/req',
          ],
          instrumented.map((p) => {
            const b = p.breakdown as InstrumentReport;
            const n = requestsOf(b);
            return [
              p.variant,
              p.connections,
              fmtInt(p.okRps),
              fmt(p.p50Ms),
              fmt(p.p99Ms),
              b.counters['projection runners'] ?? '–',
              fmt((stat(b, 'PgDatabase.withTransaction (incl. pool wait)')?.n ?? 0) / n, 1),
              fmt((stat(b, 'PgDatabase.query (incl. pool wait)')?.n ?? 0) / n, 1),
              fmt(stat(b, 'pg pool acquire')?.meanMs),
              fmt(b.pool.avgWaiting, 1),
              fmt(stat(b, 'SqlEventStore.appendToStream')?.meanMs),
              fmt(stat(b, 'ProjectionsService.waitFor (read-your-writes)')?.meanMs),
              fmt(b.cpuMs / n),
            ];
          }),
        ),
        '',
      );
    }
    for (const p of instrumented.filter(
      (d) => d.id === 'diag-instr1-1' || d.id === `diag-shipped-${d.connections}`,
    )) {
      const b = p.breakdown as InstrumentReport;
      const requests = requestsOf(b);
      parts.push(
        `**Where the time goes — instrumented application as shipped, ${p.scenario}, ${p.connections} connection(s)** ` +
          `(${fmtInt(p.okRps)} 2xx/s; client p50 ${fmt(p.p50Ms)} ms; app CPU ${fmt(b.cpuMs / requests, 2)} ms/req, ` +
          `${fmt((100 * b.cpuMs) / b.wallMs, 0)} % of one core; event-loop delay p50 ${fmt(b.eventLoopDelayMs.p50)} ms, ` +
          `p99 ${fmt(b.eventLoopDelayMs.p99)} ms; pool (${APP_POOL_SIZE}) busy ` +
          `${fmt(b.pool.avgBusy, 1)} on average, waiting requests ${fmt(b.pool.avgWaiting, 1)} avg / ${b.pool.maxWaiting} max; ` +
          `${b.counters['projection runners'] ?? '?'} projection runners applied ` +
          `${fmtInt(b.counters['events applied by runners'])} events)`,
        '',
        markdownTable(
          [
            'Step (wall time; concurrent steps overlap)',
            'calls',
            'calls/request',
            'mean ms',
            'p50 ms',
            'p99 ms',
            'max ms',
          ],
          Object.entries(b.stats)
            .sort(([, x], [, y]) => y.totalMs - x.totalMs)
            .map(([label, st]) => [
              label,
              fmtInt(st.n),
              fmt(st.n / requests, 2),
              fmt(st.meanMs),
              fmt(st.p50Ms),
              fmt(st.p99Ms),
              fmt(st.maxMs),
            ]),
        ),
        '',
      );
    }
    if (validationCost.length > 0) {
      parts.push(
        '**ValidationPipe cost, in process** (transform + class-validator, whitelist/forbidNonWhitelisted): ' +
          validationCost.map((v) => `${v.request} ${fmt(v.usPerOp, 1)} µs/op`).join('; '),
        '',
      );
    }
  }
  if (readPoints.length > 0) {
    parts.push(
      '**Reads** (each HTTP read, then a raw `pg` SELECT of the same rows through a pool of as many connections, ' +
        'closed loop, same run; target p99 ≤ 20 ms at 16 clients)',
      '',
      readsTable(readPoints),
      '',
    );
  }
  if (twoProcessPoints.length > 0) {
    parts.push(
      '**Two application processes on one database** (POST /api/demands, clients split evenly, one oracle)',
      '',
      markdownTable(
        ['clients', 'two processes 2xx/s', 'p50 ms', 'p99 ms', 'one process 2xx/s (same run)', 'two ÷ one'],
        twoProcessPoints.map((p) => [
          p.connections,
          fmtInt(p.okRps),
          fmt(p.p50Ms),
          fmt(p.p99Ms),
          fmtInt(p.oneProcessOkRps),
          p.oneProcessOkRps ? fmtRatio(p.okRps / p.oneProcessOkRps) : '–',
        ]),
      ),
      '',
    );
  }
  const failed = invariants.filter((i) => !i.pass).length;
  parts.push(
    `**Oracle**: ${failed === 0 ? 'PASS — every acknowledged command is in the store exactly once' : `**FAIL** — ${failed} check(s) failed, see below`}`,
    '',
  );
  parts.push('**Per point**', '', waitTable, '', '**Checks**', '', inv);
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------------- main

/** One database per application start (see `main`), with its monitoring connections. */
type Target = Ctx & { name: string; url: string };

async function openTarget(name: string, runTag: string): Promise<Target> {
  log(`creating database ${name}`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = withDatabase(SERVER_URL, name);
  const monitor = new pg.Client({ connectionString: url });
  const sampler = new pg.Client({ connectionString: url });
  await monitor.connect();
  await sampler.connect();
  return { name, url, monitor, sampler, database: name, runTag };
}

/**
 * Starts the application on `target` (it migrates the empty database itself), waits for /health, creates the
 * benchmark's officer account and logs in.
 */
async function startApp(
  label: string,
  script: string,
  target: Target,
  extra: Record<string, string> = {},
  ipc = false,
  /** A second process of the same application: the headers of the first (same JWT secret, same account). */
  auth?: Record<string, string>,
) {
  // dist/ is shared: a build started meanwhile (nest build empties dist/ first) can take the script away for a
  // few seconds. Wait for it, and try again once if the child could not load its modules.
  for (let attempt = 1; ; attempt++) {
    const deadline = Date.now() + 120_000;
    while (!existsSync(script) && Date.now() < deadline) await sleep(500);
    const port = await freePort();
    const t0 = process.hrtime.bigint();
    const app = new AppProcess(
      label,
      script,
      port,
      {
        DATABASE_URL: target.url,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        DEMO_DATA: 'false',
        DATABASE_POOL_SIZE: String(APP_POOL_SIZE),
        JWT_SECRET,
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        ...extra,
      },
      ipc,
    );
    try {
      await app.waitForHealth();
    } catch (error) {
      await app.stop();
      const missing = /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test((error as Error).message);
      if (attempt < 3 && missing) {
        log(`${label}: modules missing (dist/ being rebuilt?), trying again in 10 s`);
        await sleep(10_000);
        continue;
      }
      throw error;
    }
    try {
      const seconds = nsToMs(process.hrtime.bigint() - t0) / 1000;
      if (auth) {
        app.requestHeaders = auth;
        log(`${label} on ${target.name}, ${app.baseUrl} (pid ${app.pid}, ready in ${fmt(seconds, 1)} s)`);
        return { app, seconds };
      }
      const account = await createBenchAccount(target.monitor, ANTENNAS);
      const login = await loginHeaders(app.baseUrl, account);
      app.requestHeaders = login.headers;
      info.authentication = login.mode;
      log(
        `${label} on ${target.name}, ${app.baseUrl} (pid ${app.pid}, ready in ${fmt(seconds, 1)} s; ` +
          `authentication: ${login.mode})`,
      );
      return { app, seconds };
    } catch (error) {
      await app.stop();
      throw error;
    }
  }
}

/**
 * Every application start gets a fresh database: src/infrastructure/database/migrations.ts gives Postgrator
 * `database: 'tracker'`, which it uses as table_catalog when it looks for public.schema_migrations, so on a
 * database with any other name a second start fails ("relation schema_migrations already exists"). Main points
 * and ceilings share the first database; each diagnostic variant has its own. All are dropped at the end.
 */
async function main(): Promise<number> {
  const startedAt = process.hrtime.bigint();
  const runTag = randomBytes(3).toString('hex');
  const prefix = `bench_http_${randomBytes(5).toString('hex')}`;
  const targets: Target[] = [];
  const apps = new Set<AppProcess>();
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all([...apps].map((a) => a.stop(5000).catch(() => undefined)));
    for (const t of targets) {
      await t.monitor.end().catch(() => undefined);
      await t.sampler.end().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${t.name} WITH (FORCE)`).catch((error: Error) =>
        log(`could not drop ${t.name}: ${error.message}`),
      );
    }
  };
  process.once('SIGINT', () => {
    log('interrupted: stopping the application and dropping the database(s)');
    void cleanUp().finally(() => process.exit(130));
  });
  const open = async (suffix: string) => {
    const target = await openTarget(`${prefix}${suffix}`, runTag);
    targets.push(target);
    return target;
  };
  const run = async (
    label: string,
    script: string,
    target: Target,
    extra: Record<string, string> = {},
    ipc = false,
    auth?: Record<string, string>,
  ) => {
    const started = await startApp(label, script, target, extra, ipc, auth);
    apps.add(started.app);
    return started;
  };
  const stop = async (app: AppProcess) => {
    await app.stop();
    apps.delete(app);
  };
  let db: PgDatabase | undefined;
  try {
    const ctx = await open('');
    const monitor = ctx.monitor;
    info.serverVersion = (
      await monitor.query<{ v: string }>(
        `SELECT split_part(version(), ' ', 1) || ' ' || current_setting('server_version') AS v`,
      )
    ).rows[0]?.v;
    const settings = await monitor.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'commit_delay', 'max_connections')
        ORDER BY name`,
    );
    info.settings = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));

    // 1. The application as shipped.
    const { app, seconds } = await run('app', MAIN_JS, ctx);
    info.appBootSeconds = seconds;
    await monitor.query(RAW_SCHEMA); // LIKE es.events: after the application's migrations
    const raised: string[] = [];
    let seedAcked = 0;
    const raiseSpec = (c: number) => ({
      id: `raise-${c}`,
      scenario: 'POST /api/demands',
      connections: c,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      build: raiseRequest,
    });
    for (const c of CONNECTIONS) raised.push(...(await httpPoint(ctx, app, raiseSpec(c))).okIds);
    if (raised.length < TARGET_DEMANDS) {
      const tag = `hb${runTag}-seed`;
      const before = await quiesce(monitor, 300);
      const needed = TARGET_DEMANDS - raised.length;
      log(`seeding ${needed} more demands for the submissions`);
      const seed = await cannon({
        url: app.baseUrl,
        connections: Math.min(16, needed),
        amount: needed,
        tag,
        build: raiseRequest(tag),
        headers: () => app.requestHeaders,
      });
      raised.push(...seed.okBodies.map((b) => b.id));
      await quiesce(monitor);
      const verdict = await oracle(ctx, tag, [seed], before);
      seedAcked = verdict.ok2xx + verdict.committedUnanswered;
      check('seed: events stored = 2xx answers, one for one', verdict.pass, verdict.detail);
    }
    // Uniform sample of the raised demands (fixed seed): the streams submissions go to.
    const demandIds = raised
      .map((id, i) => ({ id, k: (Math.imul(i + 1, 2654435761) >>> 0) % 1_000_003 }))
      .sort((a, b) => a.k - b.k)
      .slice(0, TARGET_DEMANDS)
      .map((t) => t.id);
    for (const c of CONNECTIONS) {
      await httpPoint(ctx, app, {
        id: `submit-${c}`,
        scenario: 'POST /api/demands/:id/submissions',
        connections: c,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        build: () => submitRequest(demandIds, c * 7919),
      });
    }
    // The current revision of each demand answered with If-Match (its ETag), then the answers.
    const revisions = new Map<string, number>();
    for (const id of demandIds) {
      if (revisions.size >= 200) break;
      const got = await fetch(`${app.baseUrl}/api/demands/${id}`, { headers: app.requestHeaders });
      const { status } = (await got.json()) as { status?: string };
      // Only demands put to management can be answered (a raised one would answer 409).
      if (status === 'RAISED' || status === 'DRAFT') continue;
      revisions.set(id, Number(/\d+/.exec(got.headers.get('etag') ?? '')?.[0] ?? 0));
    }
    const responses = responsesRequest(revisions);
    for (const c of CONNECTIONS) {
      await httpPoint(ctx, app, {
        id: `respond-${c}`,
        scenario: 'POST /api/demands/:id/responses (If-Match)',
        connections: c,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        build: responses,
      });
    }
    // An officer of antennas may not schedule a SPIP-wide CSA (meeting-reach.ts): the organisation's admin does.
    const admin = await adminHeaders(ctx, app);
    for (const c of CONNECTIONS) {
      await httpPoint(ctx, app, {
        headers: admin,
        id: `meeting-${c}`,
        scenario: 'POST /api/meetings (schedule a CSA)',
        connections: c,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        build: meetingRequest,
      });
    }
    if (WITH_DIAGNOSTICS && DIAG_VARIANT_KEYS.includes('idem')) {
      await diagBlock(ctx, app, 'idem', IDEMPOTENCY_BLOCK, false);
    }
    if (WITH_READS) await readsPhase(ctx, app, demandIds);
    if (WITH_TWO_PROCESSES) {
      const second = await run('app2', MAIN_JS, ctx, {}, false, app.requestHeaders);
      await twoProcessPoint(ctx, [app, second.app]);
      await stop(second.app);
    }
    await stop(app);
    const httpAcked = ackedEvents.get(ctx.database) ?? 0;
    const afterHttp = await eventCount(monitor);
    // Events the application records on its own (the scheduled deadline check), answering no request.
    const scheduled = await countOf(
      monitor,
      `SELECT count(*)::text AS n FROM es.events WHERE metadata->>'actorId' = 'system:deadline-check'`,
    );
    check(
      `es.events total = Σ over every HTTP run of (2xx + in flight at stop)${seedAcked ? ', seeds included' : ''}` +
        ' + scheduled deadline events',
      afterHttp === httpAcked + scheduled,
      `${afterHttp} events; ${httpAcked} accounted for by the answers${seedAcked ? ` (${seedAcked} seeds)` : ''}` +
        `, ${scheduled} recorded by the scheduled deadline check`,
    );

    // 2. The store's ceilings, application stopped, same database.
    db = new PgDatabase({
      connectionString: ctx.url,
      maxConnections: APP_POOL_SIZE,
      onError: (e) => log(`pool: ${e.message}`),
    });
    const acked = { raw: 0, store: 0 };
    for (const c of CEILING_CONNECTIONS) {
      await ceilingPoint(ctx, c, [await rawInsertArm(ctx.url, c, acked), storeArm(db, c, acked)]);
    }
    const rawRows = await countOf(monitor, 'SELECT count(*)::text AS n FROM bench_raw.events');
    check(
      'raw table rows = acknowledged raw INSERTs',
      rawRows === acked.raw,
      `${rawRows} rows, ${acked.raw} acked`,
    );
    const storeRows = (await eventCount(monitor)) - afterHttp;
    check(
      'es.events growth during the ceiling = acknowledged store appends',
      storeRows === acked.store,
      `${storeRows} rows, ${acked.store} acked`,
    );
    check(
      'no error during the ceiling runs',
      ceilings.every((c) => c.errors.length === 0),
      ceilings
        .flatMap((c) => c.errors)
        .slice(0, 3)
        .join('; ') || 'none',
    );

    // 3. Diagnostics: where the time goes. Each variant on its own fresh database.
    if (WITH_DIAGNOSTICS) {
      for (const boot of DIAG_BOOTS) {
        const target = await open(`_${boot.key}`);
        const started = await run(boot.app, boot.script, target, boot.env, boot.instrumented);
        if (boot.single) {
          await httpPoint(target, started.app, {
            ...raiseSpec(1),
            id: `diag-${boot.single.key}-1`,
            variant: boot.single.label,
            seconds: DIAG_SECONDS,
            warmupSeconds: DIAG_WARMUP_SECONDS,
            instrumented: boot.instrumented,
            flags: boot.single.flags,
            diagnostic: true,
          });
        }
        if (boot.block.length > 0)
          await diagBlock(target, started.app, boot.key, boot.block, boot.instrumented);
        await stop(started.app);
        // Its database is no longer needed: drop it now rather than at the end.
        await target.monitor.end().catch(() => undefined);
        await target.sampler.end().catch(() => undefined);
        await adminQuery(`DROP DATABASE IF EXISTS ${target.name} WITH (FORCE)`);
        targets.splice(targets.indexOf(target), 1);
      }
      await measureValidation();
    }

    const totalSeconds = nsToMs(process.hrtime.bigint() - startedAt) / 1000;
    const markdown = report(totalSeconds);
    console.log(markdown);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await mkdir('bench-results', { recursive: true });
    const file = `bench-results/http-${stamp}.json`;
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
            connections: CONNECTIONS,
            targetDemands: TARGET_DEMANDS,
            ceilingConnections: CEILING_CONNECTIONS,
            ceilingSeconds: CEILING_SECONDS,
            diagnostics: WITH_DIAGNOSTICS,
            diagSeconds: DIAG_SECONDS,
            diagConnections: DIAG_CONNECTIONS,
            diagRounds: DIAG_ROUNDS,
            diagVariants: DIAG_VARIANT_KEYS,
            appPoolSize: APP_POOL_SIZE,
            pipelining: 1,
          },
          databases: targets.map((t) => t.name),
          info,
          http: httpPoints,
          ceilings,
          ratios: httpPoints
            .filter((p) => !p.diagnostic)
            .map((p) => ({
              id: p.id,
              okRps: p.okRps,
              overRawInsert16: ratioTo(p.okRps, 'raw-insert-16'),
              overStoreAppend16: ratioTo(p.okRps, 'store-append-16'),
            })),
          validationCost,
          reads: readPoints.map((p) => ({
            ...p,
            http: { ...p.http, latencies: undefined },
            raw: { ...p.raw, latencies: undefined },
          })),
          twoProcesses: twoProcessPoints,
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
    await db?.close().catch(() => undefined);
    await cleanUp();
  }
}

const ratioTo = (rate: number, ceilingId: string): number | null => {
  const base = ceilings.find((c) => c.id === ceilingId)?.rate;
  return base ? rate / base : null;
};

process.exitCode = await main().catch((error: Error & { code?: string }) => {
  console.error(
    `bench failed: ${error.code ? `[${error.code}] ` : ''}${error.message}\n${error.stack ?? ''}`,
  );
  return 2;
});
