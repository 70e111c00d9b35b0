import { type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { type SqlExecutor } from '../database/database.js';

const SWEEP_EVERY = 100;

/**
 * An express-rate-limit store in `app.rate_limit_hits` (migration 007), so that every instance of the application
 * counts the same attempts: a client spreading failed logins over several instances behind a load balancer is
 * limited as if there were one. Windows are fixed and timed by the database's clock; one statement per call.
 */
export class SqlRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private calls = 0;

  constructor(
    private readonly db: SqlExecutor,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.db.query<{ hits: number; reset_at: Date | string }>(
      `SELECT hits, reset_at FROM app.rate_limit_hits WHERE key = $1 AND reset_at > now()`,
      [this.prefix + key],
    );
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (++this.calls % SWEEP_EVERY === 0) {
      await this.db.query(`DELETE FROM app.rate_limit_hits WHERE reset_at < now() - interval '1 hour'`);
    }
    // A new window when the row is absent or its window has passed; otherwise one more hit in the current one.
    const { rows } = await this.db.query<{ hits: number; reset_at: Date | string }>(
      `INSERT INTO app.rate_limit_hits AS r (key, hits, reset_at)
       VALUES ($1, 1, now() + $2::int * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE
          SET hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
              reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, reset_at`,
      [this.prefix + key, this.windowMs],
    );
    const row = rows[0];
    if (!row) throw new Error('rate limit: no row returned');
    return { totalHits: row.hits, resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query(
      `UPDATE app.rate_limit_hits SET hits = GREATEST(hits - 1, 0) WHERE key = $1 AND reset_at > now()`,
      [this.prefix + key],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query(`DELETE FROM app.rate_limit_hits WHERE key = $1`, [this.prefix + key]);
  }
}
