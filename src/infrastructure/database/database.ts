/**
 * The SQL port used by the event store, the projections and the read side. Two adapters: PostgreSQL through a
 * `pg` pool, and PGlite in-process. The same SQL runs on both.
 */
export type QueryResult<R> = { rows: R[]; rowCount: number };

export type QueryOptions = {
  /**
   * Prepares the statement once per connection under this name and reuses it (PostgreSQL: parse and plan once).
   * For hot, fixed statements only; one name, one SQL text. PGlite ignores it.
   */
  prepareAs?: string;
};

export interface SqlExecutor {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one READ COMMITTED transaction. Never nest: pass `tx` down instead. */
  withTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Subscribes to a wake-up channel; returns the unsubscribe function. `payload` is what the sender attached ('' when
   * nothing, or after a lost connection: then anything may have happened).
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a wake-up hint on a channel (delivered to every instance listening), with an optional short payload. */
  notify(channel: string, payload?: string): Promise<void>;
  close(): Promise<void>;
}

export const DATABASE = Symbol('Database');
