import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { AppModule } from '#src/app.module.js';
import { configureApp } from '#src/app.setup.js';
import { AppConfig } from '#src/config/app-config.js';
import { DecisionExecutor } from '#src/infrastructure/commands/decision-executor.js';
import { DATABASE, type Database } from '#src/infrastructure/database/database.js';
import { PgDatabase } from '#src/infrastructure/database/pg-database.js';
import { SqlEventStore } from '#src/infrastructure/event-store/sql/sql-event-store.js';
import { ProjectionRunner } from '#src/infrastructure/projections/projection-runner.js';
import { ProjectionsService } from '#src/infrastructure/projections/projections.service.js';
import { allProjections } from '#src/projections.js';

/**
 * Diagnostic twin of src/main.ts for `bench:http`: the same AppModule and configureApp, plus passive timers around
 * the steps of a command (HTTP, DecisionExecutor, store read/append, read-your-writes wait, projection batches,
 * pool acquisition), an event-loop delay monitor and CPU usage. Never used outside the benchmark.
 *
 * IPC from the benchmark: `{ type: 'flags', flags, bucket }` switches the variant below and the bucket the
 * measurements go to (so that variants can be interleaved in one process), `{ type: 'reset' }` empties every
 * bucket, `{ type: 'report' }` answers `{ buckets: { <bucket>: report } }`.
 *
 * Proposed changes, tried without touching the application's code (run-time flags):
 * - `no-wait`: commands do not wait for the read models at all (the whole cost of read-your-writes);
 * - `wait-relevant`: commands wait only for the projections that handle their events (here the demand ones,
 *   demand_status and demand_history), not for all of them; the other runners still run;
 * - `no-poll`: the wait uses the runner's in-memory position and progress signal only, without querying the shared
 *   checkpoint row on every wake-up (fine when this instance runs the projections);
 * - `async-projection-commits`: projection batches commit with `SET LOCAL synchronous_commit = off` (read models
 *   are rebuilt from the events, rows and checkpoint commit together, so a crash only replays the last batches).
 * And at start (environment BENCH_APP_VARIANT=demand-projections): only the demand projections exist at all.
 */

const now = () => process.hrtime.bigint();
const msSince = (t0: bigint) => Number(now() - t0) / 1e6;

// ---------------------------------------------------------------------------------------------------- buckets

type Bucket = {
  timings: Map<string, number[]>;
  counters: Map<string, number>;
  loop: IntervalHistogram;
  cpuMs: number;
  wallMs: number;
  pool: { n: number; waiting: number; maxWaiting: number; busy: number };
};

const newBucket = (): Bucket => ({
  timings: new Map(),
  counters: new Map(),
  loop: monitorEventLoopDelay({ resolution: 10 }),
  cpuMs: 0,
  wallMs: 0,
  pool: { n: 0, waiting: 0, maxWaiting: 0, busy: 0 },
});

const buckets = new Map<string, Bucket>();
let current = newBucket();
buckets.set('default', current);
current.loop.enable();
let cpuAt = process.cpuUsage();
let wallAt = now();
let runnerCount = 0;

/** Charges CPU and wall time since the last switch to the current bucket. */
function closeWindow(): void {
  const cpu = process.cpuUsage(cpuAt);
  current.cpuMs += (cpu.user + cpu.system) / 1000;
  current.wallMs += msSince(wallAt);
  cpuAt = process.cpuUsage();
  wallAt = now();
}

function switchTo(name: string): void {
  closeWindow();
  current.loop.disable();
  let next = buckets.get(name);
  if (!next) buckets.set(name, (next = newBucket()));
  current = next;
  current.loop.enable();
}

function reset(): void {
  const name = [...buckets.entries()].find(([, b]) => b === current)?.[0] ?? 'default';
  for (const b of buckets.values()) b.loop.disable();
  buckets.clear();
  current = newBucket();
  buckets.set(name, current);
  current.loop.enable();
  cpuAt = process.cpuUsage();
  wallAt = now();
}

const record = (label: string, ms: number) => {
  let list = current.timings.get(label);
  if (!list) current.timings.set(label, (list = []));
  list.push(ms);
};
const bump = (label: string, by = 1) => current.counters.set(label, (current.counters.get(label) ?? 0) + by);

function summary(b: Bucket) {
  const stats = Object.fromEntries(
    [...b.timings.entries()].map(([label, list]) => {
      const sorted = Float64Array.from(list).sort();
      const at = (p: number) =>
        sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
      const total = list.reduce((x, y) => x + y, 0);
      return [
        label,
        {
          n: list.length,
          totalMs: total,
          meanMs: total / list.length,
          p50Ms: at(50),
          p99Ms: at(99),
          maxMs: at(100),
        },
      ];
    }),
  );
  const p = b.pool;
  return {
    wallMs: b.wallMs,
    cpuMs: b.cpuMs,
    // No max: the first sample after a bucket's monitor is enabled again spans the time it was off.
    eventLoopDelayMs:
      b.loop.count > 0
        ? { p50: b.loop.percentile(50) / 1e6, p99: b.loop.percentile(99) / 1e6 }
        : { p50: NaN, p99: NaN },
    pool: {
      avgWaiting: p.n > 0 ? p.waiting / p.n : NaN,
      maxWaiting: p.maxWaiting,
      avgBusy: p.n > 0 ? p.busy / p.n : NaN,
    },
    counters: { ...Object.fromEntries(b.counters), 'projection runners': runnerCount },
    stats,
  };
}

// ---------------------------------------------------------------------------------------------------- timers

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/** Times every call of an async prototype method; `classify` may name the sample after its result. */
function timeMethod(
  proto: object,
  method: string,
  label: string,
  classify?: (result: unknown) => string | undefined,
): void {
  const target = proto as Record<string, AnyAsync>;
  const original = target[method];
  if (typeof original !== 'function') throw new Error(`no method ${method} to instrument`);
  target[method] = async function (this: unknown, ...args: unknown[]) {
    const t0 = now();
    let named: string | undefined;
    try {
      const result = await original.apply(this, args);
      named = classify?.(result);
      return result;
    } finally {
      record(named ?? label, msSince(t0));
    }
  };
}

timeMethod(DecisionExecutor.prototype, 'execute', 'DecisionExecutor.execute (whole command)');
timeMethod(SqlEventStore.prototype, 'readStream', 'SqlEventStore.readStream');
timeMethod(SqlEventStore.prototype, 'appendToStream', 'SqlEventStore.appendToStream');
timeMethod(ProjectionRunner.prototype, 'waitFor', 'ProjectionRunner.waitFor (one runner)');
timeMethod(ProjectionRunner.prototype, 'storedPosition', 'ProjectionRunner.storedPosition (poll query)');
timeMethod(ProjectionRunner.prototype, 'runBatch', 'ProjectionRunner.runBatch', (outcome) => {
  const o = outcome as { kind: string; count?: number };
  if (o.kind === 'applied') {
    bump('events applied by runners', o.count ?? 0);
    return 'ProjectionRunner.runBatch (applied)';
  }
  return `ProjectionRunner.runBatch (${o.kind})`;
});
// Authentication, when the running build has it (loaded by name: the benchmark must build without it).
const accessGuardModule = '#src/accounts/access.guard.js';
const accountsModule = '#src/accounts/accounts.repository.js';
const guard = (await import(accessGuardModule).catch(() => undefined)) as
  { AccessGuard?: { prototype: object } } | undefined;
if (guard?.AccessGuard) timeMethod(guard.AccessGuard.prototype, 'canActivate', 'AccessGuard.canActivate');
const accounts = (await import(accountsModule).catch(() => undefined)) as
  { AccountsRepository?: { prototype: object } } | undefined;
if (accounts?.AccountsRepository) {
  // The guard's one query per request: the account and its section units (ADR 0011's follow-up, issue 12).
  timeMethod(
    accounts.AccountsRepository.prototype,
    'withSectionUnits',
    'AccountsRepository.withSectionUnits (the guard)',
  );
}
timeMethod(PgDatabase.prototype, 'query', 'PgDatabase.query (incl. pool wait)');
timeMethod(PgDatabase.prototype, 'withTransaction', 'PgDatabase.withTransaction (incl. pool wait)');
timeMethod(PgDatabase.prototype, 'notify', 'PgDatabase.notify (wake-up NOTIFY)');

// ---------------------------------------------------------------------------------------------------- variants

const startVariant = new Set(
  (process.env.BENCH_APP_VARIANT ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);

/** Run-time switches (IPC). */
const flags = new Set<string>();

/** The runner internals the variants touch (TypeScript-private fields, reached on purpose, diagnostics only). */
type RunnerInternals = {
  db: Database;
  position: string | undefined;
  progressWaiters: Set<() => void>;
  wake(): void;
  waitFor(position: string, timeoutMs?: number): Promise<boolean>;
};

const isDemandProjection = (runner: ProjectionRunner) => runner.projection.name.startsWith('demand_');

const waitForAll = ProjectionsService.prototype.waitFor;
ProjectionsService.prototype.waitFor = async function (
  this: ProjectionsService,
  position: string,
  timeoutMs?: number,
  eventTypes?: readonly string[],
  inlineDone?: boolean,
) {
  if (flags.has('no-wait')) return true;
  if (!flags.has('wait-relevant')) return waitForAll.call(this, position, timeoutMs, eventTypes, inlineDone);
  const results = await Promise.all(
    this.runners.filter(isDemandProjection).map((runner) => runner.waitFor(position, timeoutMs ?? 5000)),
  );
  return results.every(Boolean);
};
// Timed around the variants, so that every variant's wait is measured.
timeMethod(ProjectionsService.prototype, 'waitFor', 'ProjectionsService.waitFor (read-your-writes)');

function applyVariants(runners: readonly ProjectionRunner[]): void {
  for (const runner of runners) {
    const internals = runner as unknown as RunnerInternals;
    const db = internals.db;
    const switchable = Object.create(db) as Database;
    switchable.withTransaction = (fn) =>
      flags.has('async-projection-commits')
        ? db.withTransaction(async (tx) => {
            await tx.query('SET LOCAL synchronous_commit = off');
            return fn(tx);
          })
        : db.withTransaction(fn);
    internals.db = switchable;
    const shipped = internals.waitFor.bind(runner);
    internals.waitFor = async (position: string, timeoutMs = 5000) => {
      if (!flags.has('no-poll')) return shipped(position, timeoutMs);
      const t0 = now();
      const deadline = Date.now() + timeoutMs;
      try {
        while (true) {
          if (internals.position !== undefined && internals.position >= position) return true;
          const remaining = deadline - Date.now();
          if (remaining <= 0) return false;
          internals.wake();
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              internals.progressWaiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, Math.min(remaining, 50));
            internals.progressWaiters.add(done);
          });
        }
      } finally {
        record('ProjectionRunner.waitFor (one runner)', msSince(t0));
      }
    };
  }
}

// ---------------------------------------------------------------------------------------------------- bootstrap

async function bootstrap(): Promise<void> {
  const logger = new ConsoleLogger({ json: true, logLevels: ['fatal', 'error', 'warn'] });
  const projections = startVariant.has('demand-projections')
    ? allProjections.filter((p) => p.name.startsWith('demand_'))
    : allProjections;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ projections }), {
    logger,
    bufferLogs: true,
  });
  const runners = app.get(ProjectionsService).runners;
  runnerCount = runners.length;
  applyVariants(runners);
  // First middleware: server-side time of each POST, from Express receiving it to the last byte written.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'POST') {
      const t0 = now();
      response.once('finish', () =>
        record(`HTTP POST, server side (status ${response.statusCode})`, msSince(t0)),
      );
    }
    next();
  });
  configureApp(app);
  app.enableShutdownHooks();
  const db = app.get<unknown>(DATABASE);
  if (db instanceof PgDatabase) {
    const pool = db.pool;
    setInterval(() => {
      const p = current.pool;
      p.n += 1;
      p.waiting += pool.waitingCount;
      p.maxWaiting = Math.max(p.maxWaiting, pool.waitingCount);
      p.busy += pool.totalCount - pool.idleCount;
    }, 5).unref();
    // Time to get a pooled connection, apart from the query itself.
    const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
    (pool as unknown as { connect: typeof connect }).connect = (callback?: (...args: unknown[]) => void) => {
      const t0 = now();
      if (typeof callback === 'function') {
        return connect((...args: unknown[]) => {
          record('pg pool acquire', msSince(t0));
          callback(...args);
        });
      }
      return (connect() as Promise<unknown>).then((client) => {
        record('pg pool acquire', msSince(t0));
        return client;
      });
    };
  }
  process.on('message', (message: { type?: string; flags?: string[]; bucket?: string }) => {
    if (message.type === 'flags') {
      flags.clear();
      for (const flag of message.flags ?? []) flags.add(flag);
      if (message.bucket) switchTo(message.bucket);
      process.send?.({ type: 'flags', flags: [...flags] });
    } else if (message.type === 'reset') {
      reset();
      process.send?.({ type: 'reset' });
    } else if (message.type === 'report') {
      closeWindow();
      const report = Object.fromEntries([...buckets.entries()].map(([name, b]) => [name, summary(b)]));
      process.send?.({ type: 'report', buckets: report });
    }
  });
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
