import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type pg from 'pg';

/** Small measurement helpers for the store benchmark: closed-loop load, percentiles, CPU / WAL / wait probes. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const nsToMs = (ns: bigint): number => Number(ns) / 1e6;

/** Nearest-rank percentile over an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export type LoadResult = {
  /** Completed operations in the measured window. */
  ops: number;
  /** Events written (or read) by those operations. */
  events: number;
  elapsedS: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: string[];
  /** Every operation's latency, ms, in completion order. */
  latencies: number[];
};

/**
 * Closed loop: `concurrency` workers, each running `op` back to back until the deadline. `op` resolves to the
 * number of events it handled. A worker stops at its first error (its in-memory state is no longer trustworthy).
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  op: (worker: number) => Promise<number>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let ops = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const worker = async (w: number) => {
    while (process.hrtime.bigint() < deadline) {
      const t0 = process.hrtime.bigint();
      try {
        events += await op(w);
      } catch (error) {
        errors.push(`worker ${w}: ${(error as Error).message}`);
        return;
      }
      latencies.push(nsToMs(process.hrtime.bigint() - t0));
      ops += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedS = nsToMs(process.hrtime.bigint() - start) / 1000;
  return { ops, events, elapsedS, errors, latencies, ...latencyStats(latencies) };
}

export function latencyStats(latencies: readonly number[]): { p50Ms: number; p99Ms: number; meanMs: number } {
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: latencies.length > 0 ? sum / latencies.length : NaN,
  };
}

/** CPU time (clock ticks, utime + stime) of the given processes, by pid. */
function cpuTicksOf(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // fields 14 and 15 of /proc/<pid>/stat
    } catch {
      // not visible (PostgreSQL on another host) or ended meanwhile
    }
  }
  return ticks;
}

function systemTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

const TICKS_PER_S = 100;
const CORES = cpus().length;

export type ResourceUse = {
  nodeCpuMsPerOp: number;
  /** Backends of the benchmark database plus PostgreSQL's own processes (WAL writer, checkpointer, …). */
  pgCpuMsPerOp: number | undefined;
  /** Whole machine, all cores: 100 % = every core busy. */
  machineBusyPct: number | undefined;
  /** Machine busy minus this process and its PostgreSQL processes: other work sharing the cores. */
  othersBusyPct: number | undefined;
  walBytesPerOp: number | undefined;
};

/** Raw totals over one or more measured windows; `perOp` turns them into per-operation costs. */
export class ResourceTotals {
  elapsedMs = 0;
  nodeMs = 0;
  pgMs: number | undefined;
  walBytes: number | undefined;
  sysBusy = 0;
  sysTotal = 0;

  perOp(ops: number): ResourceUse {
    const perOp = (x: number) => (ops > 0 ? x / ops : NaN);
    const machineBusyPct = this.sysTotal > 0 ? (100 * this.sysBusy) / this.sysTotal : undefined;
    const oursPct =
      this.elapsedMs > 0 ? (100 * (this.nodeMs + (this.pgMs ?? 0))) / (this.elapsedMs * CORES) : 0;
    return {
      nodeCpuMsPerOp: perOp(this.nodeMs),
      pgCpuMsPerOp: this.pgMs !== undefined ? perOp(this.pgMs) : undefined,
      machineBusyPct,
      othersBusyPct: machineBusyPct !== undefined ? Math.max(0, machineBusyPct - oursPct) : undefined,
      walBytesPerOp: this.walBytes !== undefined ? perOp(this.walBytes) : undefined,
    };
  }
}

/** Snapshot of CPU and WAL position; `addTo` adds the window since an earlier snapshot to running totals. */
export class ResourceProbe {
  private constructor(
    private readonly at: bigint,
    private readonly node: NodeJS.CpuUsage,
    private readonly pg: Map<number, number> | undefined,
    private readonly sys: { busy: number; total: number } | undefined,
    private readonly lsn: string | undefined,
  ) {}

  /** Without a client (PGlite), only Node and machine CPU. */
  static async take(
    client: pg.Client | undefined,
    databases: readonly string[] = [],
  ): Promise<ResourceProbe> {
    let lsn: string | undefined;
    let pgTicks: Map<number, number> | undefined;
    if (client) {
      lsn = (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn;
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[]) OR backend_type <> 'client backend'`,
        [databases],
      );
      pgTicks = cpuTicksOf(rows.map((r) => r.pid));
    }
    return new ResourceProbe(process.hrtime.bigint(), process.cpuUsage(), pgTicks, systemTicks(), lsn);
  }

  async addTo(
    totals: ResourceTotals,
    start: ResourceProbe,
    client: pg.Client | undefined,
  ): Promise<ResourceTotals> {
    if (client && start.lsn && this.lsn) {
      const { rows } = await client.query<{ d: string }>(
        'SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS d',
        [this.lsn, start.lsn],
      );
      totals.walBytes = (totals.walBytes ?? 0) + Number(rows[0]?.d ?? NaN);
    }
    totals.elapsedMs += Number(this.at - start.at) / 1e6;
    const node = process.cpuUsage(start.node);
    totals.nodeMs += (node.user + node.system) / 1000;
    if (this.pg && start.pg && this.pg.size > 0) {
      let ticks = 0;
      for (const [pid, t] of this.pg) ticks += t - (start.pg.get(pid) ?? 0);
      totals.pgMs = (totals.pgMs ?? 0) + (ticks * 1000) / TICKS_PER_S;
    }
    if (this.sys && start.sys) {
      totals.sysBusy += this.sys.busy - start.sys.busy;
      totals.sysTotal += this.sys.total - start.sys.total;
    }
    return totals;
  }
}

/**
 * Samples pg_stat_activity of the benchmark database(s) every `intervalMs` while a point runs: what the active
 * backends wait on ("CPU" when running). Uses its own connection.
 */
export class WaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly databases: readonly string[],
    private readonly intervalMs = 50,
  ) {}

  /** Samples until `stop`; counts add up over successive start/stop windows. */
  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client.query<{ w: string; n: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::text AS n
             FROM pg_stat_activity
            WHERE datname = ANY($1::text[]) AND backend_type = 'client backend' AND state = 'active'
              AND pid <> pg_backend_pid()
            GROUP BY 1`,
          [this.databases],
        );
        for (const row of rows) this.counts.set(row.w, (this.counts.get(row.w) ?? 0) + Number(row.n));
        this.samples += 1;
        await sleep(this.intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Average number of active backends per wait event over all windows, most frequent first. */
  summary(): { samples: number; waits: { event: string; avgBackends: number }[] } {
    const waits = [...this.counts.entries()]
      .map(([event, n]) => ({ event, avgBackends: this.samples > 0 ? n / this.samples : 0 }))
      .sort((a, b) => b.avgBackends - a.avgBackends);
    return { samples: this.samples, waits };
  }
}

/** Markdown table. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fmtInt = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? '–' : Math.round(x).toLocaleString('en-US');

export const fmt = (x: number | undefined, digits = 2): string =>
  x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);

export const fmtRatio = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`;
