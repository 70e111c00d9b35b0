import pg from 'pg';
import { type Database, type QueryOptions, type QueryResult, type SqlExecutor } from './database.js';

export type PgDatabaseOptions = {
  connectionString: string;
  maxConnections?: number;
  statementTimeoutMs?: number;
  onError?: (error: Error) => void;
};

/** PostgreSQL through a `pg` pool. A pool `error` handler keeps the process alive across database restarts. */
export class PgDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private listener?: pg.Client;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(private readonly options: PgDatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      // A forgotten transaction anywhere holds back every subscription (xmin): bound it.
      options: `-c idle_in_transaction_session_timeout=60000 -c statement_timeout=${options.statementTimeoutMs ?? 60000}`,
    });
    this.pool.on('error', (error) => options.onError?.(error));
  }

  /** For a dedicated session (the projection lease): the same server and credentials as the pool. */
  get connectionString(): string {
    return this.options.connectionString;
  }

  async query<R>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    const result = await this.pool.query({
      text: sql,
      values: params as unknown[],
      name: options?.prepareAs,
    });
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async withTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
          const result = await client.query({
            text: sql,
            values: params as unknown[],
            name: options?.prepareAs,
          });
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
      };
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onNotify);
    await this.ensureListener();
    await this.listener?.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      set.delete(onNotify);
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** One dedicated connection carries LISTEN; it reconnects after a database restart. */
  private async ensureListener(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (message) =>
      this.handlers.get(message.channel)?.forEach((handler) => handler(message.payload ?? '')),
    );
    client.on('error', (error) => {
      this.options.onError?.(error);
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.relisten(), 1000).unref();
    });
    await client.connect();
    this.listener = client;
  }

  private async relisten(): Promise<void> {
    if (this.closed) return;
    try {
      await this.ensureListener();
      for (const channel of this.handlers.keys())
        await this.listener?.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.handlers.forEach((set) => set.forEach((handler) => handler('')));
    } catch {
      setTimeout(() => void this.relisten(), 1000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
