import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type pg from 'pg';
import { sleep } from './bench-support.js';

/** Helpers of the HTTP benchmark: the application in a child process, and autocannon with per-request ids. */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** CPU time (ms, user + system) of a process, from /proc; undefined when not readable. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (fields 14 and 15)
  } catch {
    return undefined;
  }
}

type IpcMessage = { type: string; [key: string]: unknown };

/**
 * The application running in a child process (`node <script>`), listening on 127.0.0.1:<port>. Its log lines are
 * kept (the last ones, for an error report) and counted by level; `ask` talks to an instrumented child over IPC.
 */
export class AppProcess {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  readonly logCounts = new Map<string, number>();
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;
  private replies = new Map<string, (message: IpcMessage) => void>();
  /** Headers every benchmark request to this instance carries (authentication). */
  requestHeaders: Record<string, string> = {};

  constructor(
    readonly label: string,
    script: string,
    readonly port: number,
    env: Record<string, string>,
    ipc = false,
  ) {
    // BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=bench-results/profiles"): flags for the application's
    // Node, not the benchmark's (--cpu-prof is refused in NODE_OPTIONS).
    const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, script], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        const level = /"level":"(\w+)"/.exec(line)?.[1] ?? /\b(ERROR|WARN|LOG)\b/.exec(line)?.[1] ?? 'other';
        const key = level.toLowerCase();
        this.logCounts.set(key, (this.logCounts.get(key) ?? 0) + 1);
        if (/did not reach/.test(line))
          this.logCounts.set('ryw-timeout', (this.logCounts.get('ryw-timeout') ?? 0) + 1);
      }
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.child.on('message', (message: IpcMessage) => {
      const reply = this.replies.get(message.type);
      if (reply) {
        this.replies.delete(message.type);
        reply(message);
      }
    });
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  lastLines(n = 15): string {
    return this.tail.slice(-n).join('\n');
  }

  count(key: string): number {
    return this.logCounts.get(key) ?? 0;
  }

  /** Resolves once GET /health answers 200; throws if the child exits or `timeoutMs` passes. */
  async waitForHealth(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(
          `${this.label} exited (code ${this.exited.code}, signal ${this.exited.signal}) before /health:\n${this.lastLines()}`,
        );
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.label}: /health did not answer 200 within ${timeoutMs} ms:\n${this.lastLines()}`);
  }

  /** Instrumented child only: sends `{ type, ...payload }` and waits for the reply of the same type. */
  ask(type: string, payload: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<IpcMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: no IPC reply to ${type}`)), timeoutMs);
      this.replies.set(type, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.child.send({ ...payload, type });
    });
  }

  /** SIGTERM (graceful: Nest shutdown hooks), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

export type CannonRequest = {
  path: string;
  body: string;
  headers?: Record<string, string>;
  /** Called with this request's answer (e.g. to learn a demand's new revision for the next `If-Match`). */
  onAnswer?: (status: number, body: string) => void;
};

export type CannonRun = {
  result: autocannon.Result;
  /** Client-side latency of every response (ms, float), in completion order. */
  latencies: number[];
  /** Correlation ids of the requests built (sent, or about to be). */
  sent: Set<string>;
  /** Correlation id → HTTP status of every answered request. */
  answered: Map<string, number>;
  /** Parsed bodies of 2xx answers: `{ id, revision, position }`. */
  okBodies: { id: string; position: string }[];
  statusCounts: Record<string, number>;
};

/**
 * One closed-loop autocannon run, no pipelining. `build(seq)` gives request number `seq`; each request carries a
 * unique `X-Correlation-Id` `<tag>-<seq>`, which the application stores in the event metadata, so that every
 * answer can be matched with what the store holds. The context object autocannon passes to setupRequest and to
 * onResponse is per connection and, with pipelining 1, holds the one request in flight.
 */
export async function cannon(options: {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  tag: string;
  build: (seq: number) => CannonRequest;
  headers?: (correlationId: string) => Record<string, string>;
}): Promise<CannonRun> {
  const sent = new Set<string>();
  const answered = new Map<string, number>();
  const okBodies: { id: string; position: string }[] = [];
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let seq = 0;
  const request: autocannon.Request = {
    method: 'POST',
    setupRequest: (req, context) => {
      const n = seq++;
      const correlationId = `${options.tag}-${n}`;
      const built = options.build(n);
      (context as { cid?: string }).cid = correlationId;
      (context as { onAnswer?: CannonRequest['onAnswer'] }).onAnswer = built.onAnswer;
      sent.add(correlationId);
      return {
        ...req,
        method: 'POST',
        path: built.path,
        body: built.body,
        headers: {
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
          'x-actor': 'bench',
          ...built.headers,
          ...options.headers?.(correlationId),
        },
      };
    },
    onResponse: (status, body, context) => {
      const correlationId = (context as { cid?: string }).cid;
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      if (correlationId) answered.set(correlationId, status);
      (context as { onAnswer?: CannonRequest['onAnswer'] }).onAnswer?.(status, body);
      if (status >= 200 && status < 300) {
        try {
          const parsed = JSON.parse(body) as { id?: string; position?: string };
          if (parsed.id) okBodies.push({ id: parsed.id, position: parsed.position ?? '' });
        } catch {
          // counted as 2xx anyway; the oracle compares with the store
        }
      }
    },
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        timeout: 10,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
        requests: [request],
      },
      (error: Error | null, res: autocannon.Result) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  return { result, latencies, sent, answered, okBodies, statusCounts };
}

/**
 * Samples the oldest transaction holding a transaction id in OTHER databases of the same PostgreSQL server. The
 * projections read events below the snapshot's xmin, which is server-wide: such a transaction holds every read
 * model back, and with it every command's read-your-writes wait, for as long as it stays open.
 */
export class ForeignTransactionSampler {
  private samples = 0;
  private stalled = 0;
  private maxAgeMs = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly database: string,
    private readonly thresholdMs = 250,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client.query<{ ms: string | null }>(
          `SELECT (extract(epoch FROM max(clock_timestamp() - xact_start)) * 1000)::text AS ms
             FROM pg_stat_activity
            WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM $1 AND pid <> pg_backend_pid()`,
          [this.database],
        );
        const ms = Number(rows[0]?.ms ?? 0);
        this.samples += 1;
        if (ms >= this.thresholdMs) this.stalled += 1;
        this.maxAgeMs = Math.max(this.maxAgeMs, ms);
        await sleep(this.intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Share of samples with such a transaction open for ≥ thresholdMs, and the oldest seen. */
  summary(): { samples: number; heldPct: number; maxAgeMs: number } {
    return {
      samples: this.samples,
      heldPct: this.samples > 0 ? (100 * this.stalled) / this.samples : 0,
      maxAgeMs: this.maxAgeMs,
    };
  }
}
