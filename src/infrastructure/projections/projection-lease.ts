import pg from 'pg';

/**
 * Which instance runs which projection, when several instances share one PostgreSQL (ADR 0018). Each projection
 * is held by a session-level advisory lock on one dedicated connection: exactly one instance holds it, and when
 * that instance stops or dies its session ends, the lock goes with it, and another instance takes it at its next
 * attempt (every `retryMs`). The checkpoint row locked per batch (SKIP LOCKED) stays the guarantee that no event
 * is applied twice; the lease keeps the other instances from polling for nothing.
 */
export type LeaseHandlers = {
  acquired: (name: string) => void;
  lost: (name: string) => Promise<void>;
  log: (level: 'log' | 'warn', message: string) => void;
};

export const leaseKeyOf = (name: string): string => `projection:${name}`;

export class ProjectionLease {
  private client: pg.Client | undefined;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly names: readonly string[],
    private readonly handlers: LeaseHandlers,
    private readonly retryMs = 2000,
  ) {}

  get holding(): readonly string[] {
    return [...this.held];
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await this.loseAll();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.connect();
      for (const name of this.names) {
        if (this.held.has(name)) continue;
        const { rows } = await client.query<{ ok: boolean }>(
          `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`,
          [leaseKeyOf(name)],
        );
        if (rows[0]?.ok && !this.stopped) {
          this.held.add(name);
          this.handlers.acquired(name);
        }
      }
      if (this.held.size > 0) await client.query('SELECT 1');
    } catch (error) {
      // The session is gone, and its locks with it: stop running what this instance no longer holds.
      this.handlers.log('warn', `projection lease: ${(error as Error).message}; retrying`);
      const client = this.client;
      this.client = undefined;
      await client?.end().catch(() => undefined);
      await this.loseAll();
    }
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: `suivi-projections:${process.pid}`,
      keepAlive: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  private async loseAll(): Promise<void> {
    const names = [...this.held];
    this.held.clear();
    for (const name of names) await this.handlers.lost(name);
  }
}
