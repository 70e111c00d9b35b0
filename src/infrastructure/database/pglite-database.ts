import { PGlite } from '@electric-sql/pglite';
import { type Database, type QueryResult, type SqlExecutor } from './database.js';

/**
 * PGlite: PostgreSQL compiled to WASM, one connection, in-process. Every query and transaction goes through one
 * queue, so that no query of another flow can slip into an open transaction (PGlite shares one session).
 * Wake-ups are in-process: there is only one process.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  private constructor(readonly pglite: PGlite) {}

  /** `dataDir` undefined means in memory. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const pglite = dataDir ? await PGlite.create({ dataDir }) : await PGlite.create();
    return new PgliteDatabase(pglite);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.exclusive(async () => {
      const result = await this.pglite.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    });
  }

  exec(script: string): Promise<void> {
    return this.exclusive(async () => {
      await this.pglite.exec(script);
    });
  }

  withTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() =>
      this.pglite.transaction(async (transaction) => {
        const tx: SqlExecutor = {
          query: async <R>(sql: string, params?: readonly unknown[]) => {
            const result = await transaction.query<R>(sql, params as unknown[]);
            return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
          },
        };
        return fn(tx);
      }),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onNotify);
    return async () => {
      set.delete(onNotify);
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    this.handlers.get(channel)?.forEach((handler) => handler(payload));
  }

  async close(): Promise<void> {
    await this.exclusive(() => this.pglite.close());
  }
}
