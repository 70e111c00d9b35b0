import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import { type DemandCommand } from '#src/demands/domain/demand.commands.js';
import { demandDecider } from '#src/demands/domain/demand.decide.js';
import { type DemandEvent } from '#src/demands/domain/demand.events.js';
import { demandStreamId, type DemandState } from '#src/demands/domain/demand.js';
import { migrate } from '#src/infrastructure/database/migrations.js';
import { PgDatabase } from '#src/infrastructure/database/pg-database.js';
import { type EventToAppend } from '#src/infrastructure/event-store/event-store.js';
import { SqlEventStore } from '#src/infrastructure/event-store/sql/sql-event-store.js';
import { type EventSource } from '#src/infrastructure/projections/projection.js';
import { ProjectionRunner, resetProjection } from '#src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '#src/infrastructure/projections/sql-event-source.js';
import { allProjections } from '#src/projections.js';
import { fmt, fmtInt, fmtRatio, markdownTable } from './bench-support.js';

/**
 * `npm run bench:rebuild`: rebuilds every read model over 1,000,000 events (45,000 demand streams of 5 to 31
 * events, each appended in two halves so that streams interleave in the log, as months of work do), and prints
 * each projection's events/s next to a raw keyset scan of the same events measured in the same run.
 *
 * The store is seeded once, through the product's own append (`SqlEventStore`), into the database
 * `bench_rebuild_1m` on the server of BENCH_DATABASE_URL / DATABASE_URL (default 127.0.0.1:5432), and kept for
 * the next run (BENCH_RESEED=1 seeds it again). BENCH_EVENTS changes the size (then another database is used).
 * BENCH_UNFILTERED=name,… also rebuilds those projections through the unfiltered read (every event read and
 * decoded, the types filtered in JavaScript), the path used before reads were filtered by type.
 * Each projection is first rebuilt alone (its own events/s), then all of them side by side, as
 * `npm run projections:rebuild` runs them: that wall time is the figure the target is about.
 */

const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 1_000_000);
const STREAMS = Math.round((EVENTS * 45_000) / 1_000_000);
const BATCH = Number(env.BENCH_BATCH ?? 1000);
const SERVER_URL =
  env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = EVENTS === 1_000_000 ? 'bench_rebuild_1m' : `bench_rebuild_${EVENTS}`;
const SEED_VERSION = 'rebuild-seed-v1';
const UNFILTERED = (env.BENCH_UNFILTERED ?? 'units')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const uptime = (): string => {
  const [one, five, fifteen] = os.loadavg();
  return `load average ${fmt(one)}, ${fmt(five)}, ${fmt(fifteen)} on ${os.cpus().length} cores`;
};

/** Deterministic pseudo-random numbers (mulberry32): the same store on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stream lengths between 5 and 31 adding up to EVENTS exactly. */
function streamLengths(): number[] {
  const next = random(42);
  const lengths = Array.from({ length: STREAMS }, () => 5 + Math.floor(27 * Math.sqrt(next())));
  let total = lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; total !== EVENTS; i = (i + 1) % STREAMS) {
    const length = lengths[i] ?? 5;
    if (total > EVENTS && length > 5) {
      lengths[i] = length - 1;
      total--;
    } else if (total < EVENTS && length < 31) {
      lengths[i] = length + 1;
      total++;
    }
  }
  return lengths;
}

const day = (days: number): string => new Date(Date.UTC(2023, 0, 2) + days * 86_400_000).toISOString();

/**
 * The events of a demand of `length` events, decided by the domain itself: raised, submitted, a reminder,
 * then management's answers (deferrals, each with a new due date). Decided once per length, with a placeholder id.
 */
function templateOf(length: number): DemandEvent[] {
  const demandId = 'template';
  const addressee = { role: 'DFSPIP', organisation: 'spip-62' };
  const commands: DemandCommand[] = [
    {
      type: 'RaiseDemand',
      demandId,
      occurredAt: day(0),
      antennaId: 'ant-bethune',
      title: 'Recrutement d’un ASE supplémentaire (ratio OR 1 pour 50)',
      description:
        'Constat lors de la visite : un seul ASE pour 120 personnes sous surveillance électronique.',
      category: 'hr',
      explicit: true,
      priority: 'high',
      addressees: [addressee],
      level: 'local',
      observationIds: [],
      legalRefs: [],
      sourceRef: 'bench',
    },
    {
      type: 'SubmitDemand',
      demandId,
      occurredAt: day(3),
      channel: 'letter',
      addressee,
      responseDueAt: day(33),
    },
  ];
  for (let i = 2; i < length; i++) {
    commands.push(
      i !== 2
        ? {
            type: 'RecordManagementResponse',
            demandId,
            occurredAt: day(3 + i * 10),
            responseId: `r-${i}`,
            stance: 'defer',
            text: 'La direction examine la demande avec la DISP ; une réponse écrite suivra.',
            authorRole: 'DFSPIP',
            channel: 'letter',
            newDueAt: day(33 + i * 10),
          }
        : {
            type: 'SendReminder',
            demandId,
            occurredAt: day(3 + i * 10),
            channel: 'email',
            responseDueAt: day(40 + i * 10),
          },
    );
  }
  let state: DemandState = demandDecider.initialState();
  const events: DemandEvent[] = [];
  for (const command of commands) {
    const decided = demandDecider.decide(command, state);
    for (const event of decided) {
      state = demandDecider.evolve(state, event);
      events.push(event);
    }
  }
  if (events.length !== length) throw new Error(`template of ${length} events decided ${events.length}`);
  return events;
}

async function seed(db: PgDatabase): Promise<void> {
  const lengths = streamLengths();
  const templates = new Map<number, DemandEvent[]>();
  for (let length = 5; length <= 31; length++) templates.set(length, templateOf(length));
  const store = new SqlEventStore(db);
  const toAppend = (i: number, events: readonly DemandEvent[], from: number): EventToAppend[] => {
    const demandId = `rb-${String(i).padStart(6, '0')}`;
    return events.map((event, k) => ({
      eventId: crypto.randomUUID(),
      type: event.type,
      data: { ...(event.data as Record<string, unknown>), demandId },
      metadata: {
        actorId: 'bench',
        organisationId: 'bench-org',
        occurredAt: String((event.data as { occurredAt?: string }).occurredAt ?? day(from + k)),
      },
    }));
  };
  const started = Date.now();
  let appended = 0;
  // Two rounds: the first half of every stream, then the rest, so that streams interleave in the log.
  for (const round of [0, 1] as const) {
    let next = 0;
    const worker = async () => {
      while (next < STREAMS) {
        const i = next++;
        const length = lengths[i] ?? 5;
        const events = templates.get(length) ?? [];
        const half = Math.ceil(length / 2);
        const part = round === 0 ? events.slice(0, half) : events.slice(half);
        if (part.length === 0) continue;
        await store.appendToStream(
          demandStreamId(`rb-${String(i).padStart(6, '0')}`),
          round === 0 ? 'no_stream' : BigInt(half - 1),
          toAppend(i, part, round === 0 ? 0 : half),
        );
        appended += part.length;
        if (appended % 100_000 < part.length) {
          log(`seeded ${fmtInt(appended)} events (${fmtInt(appended / ((Date.now() - started) / 1000))}/s)`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
  await db.query(`CREATE TABLE IF NOT EXISTS public.bench_seed (version text PRIMARY KEY, events bigint)`);
  await db.query(`INSERT INTO public.bench_seed VALUES ($1, $2)`, [SEED_VERSION, EVENTS]);
  await db.query('CHECKPOINT');
  await db.query('VACUUM ANALYZE es.events');
  log(`seeded ${fmtInt(appended)} events in ${fmt((Date.now() - started) / 1000, 1)} s`);
}

async function openSeeded(): Promise<PgDatabase> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists =
    (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rows.length > 0;
  if (exists && env.BENCH_RESEED === '1') await admin.query(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
  if (!exists || env.BENCH_RESEED === '1') await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const db = new PgDatabase({ connectionString: withDatabase(SERVER_URL, DB_NAME), maxConnections: 10 });
  await migrate(db);
  const seeded = await db
    .query<{ events: string }>(`SELECT events::text AS events FROM public.bench_seed WHERE version = $1`, [
      SEED_VERSION,
    ])
    .then((r) => r.rows[0]?.events)
    .catch(() => undefined);
  if (seeded === String(EVENTS)) {
    log(`reusing ${DB_NAME}: ${fmtInt(EVENTS)} events seeded earlier (BENCH_RESEED=1 to seed again)`);
    return db;
  }
  const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`);
  if (rows[0]?.n !== '0') {
    await db.close();
    throw new Error(`${DB_NAME} holds a partial seed: run with BENCH_RESEED=1`);
  }
  log(`seeding ${fmtInt(EVENTS)} events in ${fmtInt(STREAMS)} demand streams into ${DB_NAME} (once)…`);
  await seed(db);
  return db;
}

/** The baseline: a keyset scan of every event, the columns a projection reads, through `pg` (rows decoded). */
async function rawScan(url: string): Promise<{ seconds: number; events: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = process.hrtime.bigint();
  let events = 0;
  let cursor: [string, string] = ['0', '0'];
  try {
    while (true) {
      const { rows } = await client.query<{ t: string; g: string }>(
        `SELECT global_position::text AS g, transaction_id::text AS t, stream_id, stream_type, revision::text AS revision,
                event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at, hash
           FROM es.events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          ORDER BY transaction_id, global_position LIMIT $3`,
        [cursor[0], cursor[1], BATCH],
      );
      events += rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < BATCH) break;
      cursor = [last.t, last.g];
    }
  } finally {
    await client.end();
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, events };
}

/** The event source without its type filter: what every projection read before (all events, filtered in JS). */
const unfiltered = (source: SqlEventSource): EventSource => ({
  kind: source.kind,
  readBatch: (tx, after, max) => source.readBatch(tx, after, max),
  countAfter: (after) => source.countAfter(after),
});

type Row = { name: string; seconds: number; applied: number };

async function rebuild(db: PgDatabase, source: EventSource, name: string): Promise<Row> {
  const projection = allProjections.find((p) => p.name === name);
  if (!projection) throw new Error(`no projection ${name}`);
  await resetProjection(db, projection);
  await db.query('CHECKPOINT');
  const runner = new ProjectionRunner(db, source, projection, { batchSize: BATCH });
  let applied = 0;
  const started = process.hrtime.bigint();
  await runner.catchUp((count) => (applied += count));
  return { name, seconds: Number(process.hrtime.bigint() - started) / 1e9, applied };
}

/** Every read model at once, each its own runner, as `npm run projections:rebuild` runs them: the wall time. */
async function rebuildSideBySide(db: PgDatabase, source: EventSource): Promise<number> {
  for (const projection of allProjections) await resetProjection(db, projection);
  await db.query('CHECKPOINT');
  const started = process.hrtime.bigint();
  await Promise.all(
    allProjections.map((projection) =>
      new ProjectionRunner(db, source, projection, { batchSize: BATCH }).catchUp(),
    ),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const db = await openSeeded();
try {
  const url = withDatabase(SERVER_URL, DB_NAME);
  const loadBefore = uptime();
  log(`machine: ${loadBefore}`);
  await rawScan(url); // warm the cache: every measure below reads from memory
  const scan = await rawScan(url);
  log(`raw keyset scan: ${fmtInt(scan.events)} events in ${fmt(scan.seconds, 1)} s`);
  const source = new SqlEventSource(db);
  const rows: Row[] = [];
  for (const projection of allProjections) {
    const row = await rebuild(db, source, projection.name);
    rows.push(row);
    log(`${row.name}: ${fmt(row.seconds, 1)} s, ${fmtInt(row.applied)} events applied`);
  }
  const before: Row[] = [];
  for (const name of UNFILTERED) {
    const row = await rebuild(db, unfiltered(source), name);
    before.push(row);
    log(`${row.name} (unfiltered read): ${fmt(row.seconds, 1)} s`);
  }
  const sideBySide = await rebuildSideBySide(db, source);
  log(`all read models side by side: ${fmt(sideBySide, 1)} s`);
  const total = rows.reduce((sum, row) => sum + row.seconds, 0);
  const scanRate = scan.events / scan.seconds;
  const table = markdownTable(
    ['projection', 'seconds', 'events applied', 'store events/s', '÷ raw scan'],
    [
      ['raw keyset scan (baseline)', fmt(scan.seconds, 1), '—', fmtInt(scanRate), '1.00×'],
      ...rows.map((row) => [
        row.name,
        fmt(row.seconds, 1),
        fmtInt(row.applied),
        fmtInt(EVENTS / row.seconds),
        fmtRatio(EVENTS / row.seconds / scanRate),
      ]),
      ...before.map((row) => [
        `${row.name}, unfiltered read (before)`,
        fmt(row.seconds, 1),
        '—',
        fmtInt(EVENTS / row.seconds),
        fmtRatio(EVENTS / row.seconds / scanRate),
      ]),
      [
        'all read models, one after another (sum)',
        fmt(total, 1),
        '—',
        fmtInt(EVENTS / total),
        fmtRatio(EVENTS / total / scanRate),
      ],
      [
        '**all read models, side by side (`projections:rebuild`)**',
        fmt(sideBySide, 1),
        '—',
        fmtInt(EVENTS / sideBySide),
        fmtRatio(EVENTS / sideBySide / scanRate),
      ],
    ],
  );
  const loadAfter = uptime();
  const report = [
    `# bench:rebuild — ${new Date().toISOString()}`,
    '',
    `${fmtInt(EVENTS)} events in ${fmtInt(STREAMS)} demand streams (5–31 events), batches of ${BATCH}, PostgreSQL ` +
      `${(await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? '?'}. Machine before: ${loadBefore}; ` +
      `after: ${loadAfter}. "store events/s" is the store's size over the rebuild's time.`,
    '',
    table,
    '',
    `Every read model rebuilt in ${fmt(sideBySide, 1)} s side by side, as \`projections:rebuild\` does ` +
      `(${fmt(total, 1)} s one after another; target: under 60 s).`,
  ].join('\n');
  console.log(`\n${report}\n`);
  await mkdir('bench-results', { recursive: true });
  await writeFile(`bench-results/rebuild-${new Date().toISOString().replace(/[:.]/g, '-')}.md`, report);
} finally {
  await db.close();
}
