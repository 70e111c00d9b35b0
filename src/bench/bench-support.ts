import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

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
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    ops,
    events,
    elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: latencies.length > 0 ? sum / latencies.length : NaN,
    errors,
  };
}

/** CPU time (clock ticks) of every `postgres` process visible in /proc: server, backends, walwriter, checkpointer. */
function postgresCpuTicks(): number | undefined {
  let total = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      found = true;
    } catch {
      // process ended meanwhile
    }
  }
  return found ? total : undefined;
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

export type ResourceUse = {
  nodeCpuMsPerOp: number;
  pgCpuMsPerOp: number | undefined;
  /** Whole machine, all cores: 100 % = every core busy. */
  machineBusyPct: number | undefined;
  walBytesPerOp: number | undefined;
};

/** Snapshot of CPU and WAL position; `since` turns two snapshots into per-operation costs. */
export class ResourceProbe {
  private constructor(
    private readonly node: NodeJS.CpuUsage,
    private readonly pgTicks: number | undefined,
    private readonly sys: { busy: number; total: number } | undefined,
    private readonly lsn: string | undefined,
  ) {}

  static async take(client: pg.Client | undefined): Promise<ResourceProbe> {
    const lsn = client
      ? ((await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn ?? undefined)
      : undefined;
    return new ResourceProbe(process.cpuUsage(), postgresCpuTicks(), systemTicks(), lsn);
  }

  async since(start: ResourceProbe, client: pg.Client | undefined, ops: number): Promise<ResourceUse> {
    let walBytes: number | undefined;
    if (client && start.lsn && this.lsn) {
      const { rows } = await client.query<{ d: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS d', [
        this.lsn,
        start.lsn,
      ]);
      walBytes = Number(rows[0]?.d ?? NaN);
    }
    const node = process.cpuUsage(start.node);
    const perOp = (x: number) => (ops > 0 ? x / ops : NaN);
    return {
      nodeCpuMsPerOp: perOp((node.user + node.system) / 1000),
      pgCpuMsPerOp:
        this.pgTicks !== undefined && start.pgTicks !== undefined
          ? perOp(((this.pgTicks - start.pgTicks) * 1000) / TICKS_PER_S)
          : undefined,
      machineBusyPct:
        this.sys && start.sys && this.sys.total > start.sys.total
          ? (100 * (this.sys.busy - start.sys.busy)) / (this.sys.total - start.sys.total)
          : undefined,
      walBytesPerOp: walBytes !== undefined ? perOp(walBytes) : undefined,
    };
  }
}

/**
 * Samples pg_stat_activity of the benchmark database every `intervalMs` while a point runs: what the active
 * backends wait on ("CPU" when running). Uses its own connection.
 */
export class WaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly database: string,
    private readonly intervalMs = 50,
  ) {}

  start(): void {
    this.counts.clear();
    this.samples = 0;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client.query<{ w: string; n: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::text AS n
             FROM pg_stat_activity
            WHERE datname = $1 AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()
            GROUP BY 1`,
          [this.database],
        );
        for (const row of rows) this.counts.set(row.w, (this.counts.get(row.w) ?? 0) + Number(row.n));
        this.samples += 1;
        await sleep(this.intervalMs);
      }
    })();
  }

  /** Average number of active backends per wait event, most frequent first. */
  async stop(): Promise<{ samples: number; waits: { event: string; avgBackends: number }[] }> {
    this.running = false;
    await this.loop;
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
