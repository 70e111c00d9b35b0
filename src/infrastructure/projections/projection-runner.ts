import { type Database, type SqlExecutor } from '../database/database.js';
import { type RecordedEvent } from '../event-store/event-store.js';
import { type EventSource, type Projection, subscriptionIdOf } from './projection.js';

export type RunnerOptions = {
  batchSize?: number;
  /** Fallback poll when no wake-up arrives. */
  pollIntervalMs?: number;
  /** Attempts on one event before it goes to the dead-letter table. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  owner?: string;
  /**
   * Wake-up hints are ignored: the read model is written in the append's transaction (inline, ADR 0021); the runner
   * only catches up on what was appended otherwise, at the poll interval or when someone waits for it.
   */
  ignoreHints?: boolean;
  log?: (level: 'warn' | 'error', message: string) => void;
};

export type BatchOutcome =
  | { kind: 'locked' }
  | { kind: 'caught-up'; position: string | undefined }
  | {
      kind: 'applied'; /** Events read and applied (of the types handled). */
      count: number;
      position: string;
      caughtUp: boolean;
    };

export type RunnerStatus = {
  projection: string;
  subscriptionId: string;
  position: string | undefined;
  caughtUp: boolean;
  lastError: string | undefined;
  deadLetters: number;
};

/** Connection-level failures say nothing about the event being applied: they never dead-letter it. */
const isTransient = (error: Error & { code?: string }): boolean =>
  /^(08|57|53)/.test(error.code ?? '') ||
  ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(error.code ?? '') ||
  /Connection terminated|connection is closed|Client has encountered a connection error/i.test(error.message);

/** Shortest time between two batches started by wake-up hints (not by someone waiting). */
const HINT_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A checkpointed subscription. Each batch is one short transaction: lock the checkpoint row (SKIP LOCKED, so
 * one instance works on a projection at a time), read the next events, apply them, move the checkpoint.
 */
export class ProjectionRunner {
  readonly subscriptionId: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;
  private readonly handles: ((type: string) => boolean) | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private position: string | undefined;
  private caughtUp = false;
  private lastError: string | undefined;
  private failures = { eventId: '', count: 0 };
  /**
   * Set when a batch failed: the position of its last event. Until the checkpoint passes it, batches hold one event,
   * so that the failing event is found (and retried, then dead-lettered) without re-running the whole batch for
   * every good event in front of it.
   */
  private isolateUntil: string | undefined;
  private progressWaiters = new Set<() => void>();
  private lastBatchAt = 0;
  private wakePending = false;
  private hinted: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Database,
    private readonly source: EventSource,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.subscriptionId = subscriptionIdOf(projection);
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 100;
    const types = projection.eventTypes;
    this.handles =
      types === 'all'
        ? undefined
        : (
            (set) => (type: string) =>
              set.has(type)
          )(new Set(types));
  }

  /** Creates the checkpoint row if it does not exist. */
  async register(): Promise<void> {
    await this.db.query(
      `INSERT INTO es.checkpoints (subscription_id, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`,
      [this.subscriptionId],
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.hinted) clearTimeout(this.hinted);
    this.hinted = undefined;
    this.wake();
    await this.loop;
  }

  wake(): void {
    // Woken while a batch runs (which may not have seen what the waker appended): the next idle is skipped.
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /**
   * A hint that events were appended, naming their types when the sender knew them: a runner that handles none of
   * them stays asleep (it moves its checkpoint past them at the next poll, or when someone waits for it).
   */
  hint(types?: readonly string[]): void {
    if (this.options.ignoreHints) return;
    if (types && types.length > 0 && this.handles && !types.some(this.handles)) return;
    // At most one hinted batch per HINT_INTERVAL_MS: under load, one batch takes what many appends brought, instead
    // of a transaction per hint (a command waiting for its writes wakes the runner at once, `waitFor`).
    const wait = this.lastBatchAt + HINT_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.wake();
      return;
    }
    this.hinted ??= setTimeout(() => {
      this.hinted = undefined;
      this.wake();
    }, wait);
    this.hinted.unref?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let outcome: BatchOutcome;
      try {
        this.lastBatchAt = Date.now();
        outcome = await this.runBatch();
        this.lastError = undefined;
      } catch (error) {
        await this.onFailure(error as Error);
        continue;
      }
      if (outcome.kind === 'applied' && !outcome.caughtUp) continue;
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeUp = done;
    });
  }

  /** Runs one batch in one transaction. Public so that rebuilds and tests can drive a runner step by step. */
  async runBatch(): Promise<BatchOutcome> {
    const limit = this.isolateUntil !== undefined ? 1 : this.batchSize;
    let failing: RecordedEvent | undefined;
    let batchEnd: string | undefined;
    try {
      const idle = await this.nothingToDo();
      if (idle) {
        this.observe(idle);
        return idle;
      }
      const outcome = await this.db.withTransaction(async (tx): Promise<BatchOutcome> => {
        // PostgreSQL: rows and checkpoint commit together and replay after a crash, so the batch need not wait for
        // its WAL flush. (PGlite runs without a WAL writer: there an unflushed commit would wait for the next one.)
        if (this.db.kind === 'postgres') await tx.query(`SET LOCAL synchronous_commit = off`);
        const locked = await tx.query<{ position: string | null }>(
          `SELECT position FROM es.checkpoints WHERE subscription_id = $1 FOR UPDATE SKIP LOCKED`,
          [this.subscriptionId],
        );
        let checkpoint = locked.rows[0];
        if (!checkpoint) {
          // Another instance holds the row, or there is no row yet (never registered): create it then, in this
          // transaction, so that we hold it. Without this, a runner that was not registered would wait forever.
          const exists = await tx.query(`SELECT 1 FROM es.checkpoints WHERE subscription_id = $1`, [
            this.subscriptionId,
          ]);
          if (exists.rows.length > 0) return { kind: 'locked' };
          const created = await tx.query<{ position: string | null }>(
            `INSERT INTO es.checkpoints (subscription_id, position) VALUES ($1, NULL)
             ON CONFLICT DO NOTHING RETURNING position`,
            [this.subscriptionId],
          );
          checkpoint = created.rows[0];
          if (!checkpoint) return { kind: 'locked' };
        }
        const from = checkpoint.position ?? undefined;
        const types = this.projection.eventTypes;
        // Only the types it handles, filtered where the events are read (none read, none decoded for nothing).
        if (types !== 'all' && this.source.readTypes) {
          const read = await this.source.readTypes(tx, from, limit, types);
          if (read.readTo === undefined || read.readTo === from) return { kind: 'caught-up', position: from };
          batchEnd = read.events[read.events.length - 1]?.position ?? read.readTo;
          failing = read.events[0];
          if (read.events.length > 0) await this.apply(read.events, tx);
          await this.moveCheckpoint(tx, from, read.readTo);
          return {
            kind: 'applied',
            count: read.events.length,
            position: read.readTo,
            caughtUp: read.events.length < limit,
          };
        }
        const events = await this.source.readBatch(tx, from, limit);
        const last = events[events.length - 1];
        if (!last) return { kind: 'caught-up', position: from };
        batchEnd = last.position;
        const relevant = this.handles ? events.filter((e) => this.handles?.(e.type)) : events;
        failing = relevant[0];
        if (relevant.length > 0) await this.apply(relevant, tx);
        await this.moveCheckpoint(tx, from, last.position);
        return {
          kind: 'applied',
          count: events.length,
          position: last.position,
          caughtUp: events.length < limit,
        };
      });
      this.observe(outcome);
      return outcome;
    } catch (error) {
      if (failing) Object.assign(error as object, { failingEvent: failing, failingBatchEnd: batchEnd });
      throw error;
    }
  }

  /** The projection's rows for a batch: computed in the database when the events live there too. */
  private apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    return this.source.kind === 'sql' && this.projection.applyInStore
      ? this.projection.applyInStore(events, tx)
      : this.projection.apply(events, tx);
  }

  private async moveCheckpoint(tx: SqlExecutor, from: string | undefined, to: string): Promise<void> {
    // Compare-and-set: a zombie runner holding an old position can never move the checkpoint.
    const updated = await tx.query(
      `UPDATE es.checkpoints SET position = $2, updated_at = now(), owner = $3, error = NULL
        WHERE subscription_id = $1 AND position IS NOT DISTINCT FROM $4`,
      [this.subscriptionId, to, this.options.owner ?? null, from ?? null],
    );
    if (updated.rowCount !== 1) throw new Error(`checkpoint of ${this.subscriptionId} moved under us`);
  }

  private observe(outcome: BatchOutcome): void {
    if (outcome.kind === 'locked') return;
    this.position = outcome.position;
    this.caughtUp = outcome.kind === 'caught-up' || outcome.caughtUp;
    if (
      outcome.kind === 'caught-up' ||
      (this.isolateUntil !== undefined && outcome.position >= this.isolateUntil)
    ) {
      this.isolateUntil = undefined;
    }
    if (outcome.kind === 'applied') this.failures = { eventId: '', count: 0 };
    this.progressWaiters.forEach((notify) => notify());
  }

  private async onFailure(
    error: Error & { failingEvent?: RecordedEvent; failingBatchEnd?: string },
  ): Promise<void> {
    this.lastError = error.message;
    const event = isTransient(error) ? undefined : error.failingEvent;
    if (!event) {
      // Storage unreachable or similar: retry with backoff, nothing to isolate.
      this.options.log?.('warn', `projection ${this.subscriptionId}: ${error.message}`);
      await sleep(Math.min(5000, this.retryBaseDelayMs * 10));
      return;
    }
    if (this.isolateUntil === undefined) {
      // Retry the batch one event at a time to find the failing event.
      this.isolateUntil = error.failingBatchEnd ?? event.position;
      return;
    }
    this.failures =
      this.failures.eventId === event.eventId
        ? { eventId: event.eventId, count: this.failures.count + 1 }
        : { eventId: event.eventId, count: 1 };
    if (this.failures.count >= this.maxAttempts) {
      await this.deadLetter(event, error.message, this.failures.count);
      this.failures = { eventId: '', count: 0 };
      return;
    }
    await sleep(Math.min(5000, this.retryBaseDelayMs * 2 ** (this.failures.count - 1)));
  }

  /** Parks an event that keeps failing, and moves past it, so that one bad event does not stop the read model. */
  private async deadLetter(event: RecordedEvent, message: string, attempts: number): Promise<void> {
    this.options.log?.(
      'error',
      `projection ${this.subscriptionId}: event ${event.eventId} (${event.type}) failed ${attempts} times; dead-lettered`,
    );
    await this.db.withTransaction(async (tx) => {
      const locked = await tx.query<{ position: string | null }>(
        `SELECT position FROM es.checkpoints WHERE subscription_id = $1 FOR UPDATE`,
        [this.subscriptionId],
      );
      const from = locked.rows[0]?.position ?? undefined;
      const types = this.projection.eventTypes;
      const next =
        types !== 'all' && this.source.readTypes
          ? (await this.source.readTypes(tx, from, 1, types)).events
          : await this.source.readBatch(tx, from, 1);
      if (next[0]?.eventId !== event.eventId) return; // someone else moved on
      await tx.query(
        `INSERT INTO es.dead_letters (subscription_id, event_id, position, event_type, error, attempts)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [this.subscriptionId, event.eventId, event.position, event.type, message.slice(0, 2000), attempts],
      );
      // After the move, which clears `error`: the note stays until the next batch is applied.
      await this.moveCheckpoint(tx, from, event.position);
      await tx.query(`UPDATE es.checkpoints SET error = $2 WHERE subscription_id = $1`, [
        this.subscriptionId,
        `dead-lettered ${event.eventId}: ${message.slice(0, 500)}`,
      ]);
    });
  }

  /** Resolves true once the checkpoint has reached `position` (false on timeout). Reads the shared row too. */
  async waitFor(position: string, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let nextStoredCheck = 0;
    while (true) {
      if (this.position !== undefined && this.position >= position) return true;
      // While this instance runs the projection its own position is enough; the shared row is read now and then,
      // for when another instance holds it.
      if (!this.running || Date.now() >= nextStoredCheck) {
        nextStoredCheck = Date.now() + 250;
        const stored = await this.storedPosition();
        if (stored !== undefined && stored >= position) {
          this.position = this.position && this.position > stored ? this.position : stored;
          return true;
        }
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      this.wake();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.progressWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(remaining, 50));
        this.progressWaiters.add(done);
      });
    }
  }

  /**
   * A read-only look before the batch transaction: when the checkpoint exists and no event follows it, there is
   * nothing to do, and no transaction id (hence no commit flush) is spent on an empty batch.
   */
  private async nothingToDo(): Promise<BatchOutcome | undefined> {
    const { rows } = await this.db.query<{ position: string | null }>(
      `SELECT position FROM es.checkpoints WHERE subscription_id = $1`,
      [this.subscriptionId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const next = await this.source.readBatch(this.db, row.position ?? undefined, 1);
    return next.length === 0 ? { kind: 'caught-up', position: row.position ?? undefined } : undefined;
  }

  async storedPosition(): Promise<string | undefined> {
    const { rows } = await this.db.query<{ position: string | null }>(
      `SELECT position FROM es.checkpoints WHERE subscription_id = $1`,
      [this.subscriptionId],
    );
    return rows[0]?.position ?? undefined;
  }

  /** Runs batches until caught up (used by rebuilds, the demo loader and tests). */
  async catchUp(onProgress?: (count: number) => void): Promise<void> {
    while (true) {
      const outcome = await this.runBatch();
      if (outcome.kind === 'locked') {
        await sleep(20);
        continue;
      }
      if (outcome.kind === 'applied') onProgress?.(outcome.count);
      if (outcome.kind === 'caught-up' || outcome.caughtUp) return;
    }
  }

  async status(): Promise<RunnerStatus> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM es.dead_letters WHERE subscription_id = $1`,
      [this.subscriptionId],
    );
    return {
      projection: this.projection.name,
      subscriptionId: this.subscriptionId,
      position: this.position ?? (await this.storedPosition()),
      caughtUp: this.caughtUp,
      lastError: this.lastError,
      deadLetters: Number(rows[0]?.n ?? 0),
    };
  }

  lag(): Promise<number | undefined> {
    return this.storedPosition().then((position) => this.source.countAfter(position));
  }
}

/**
 * Empties a projection's tables and resets its checkpoint in one transaction. Replay then goes through the normal
 * batches, each committing rows and checkpoint together: a rebuild interrupted at any point resumes where it was.
 */
export async function resetProjection(db: Database, projection: Projection): Promise<void> {
  const subscriptionId = subscriptionIdOf(projection);
  await db.withTransaction(async (tx) => {
    await tx.query(
      `INSERT INTO es.checkpoints (subscription_id, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`,
      [subscriptionId],
    );
    await tx.query(`SELECT 1 FROM es.checkpoints WHERE subscription_id = $1 FOR UPDATE`, [subscriptionId]);
    if (projection.tables.length > 0) await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
    await tx.query(`DELETE FROM es.dead_letters WHERE subscription_id = $1`, [subscriptionId]);
    await tx.query(
      `UPDATE es.checkpoints SET position = NULL, status = 'active', error = NULL, updated_at = now()
        WHERE subscription_id = $1`,
      [subscriptionId],
    );
  });
}
