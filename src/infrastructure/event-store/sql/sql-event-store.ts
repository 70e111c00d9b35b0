import { type Database, type SqlExecutor } from '../../database/database.js';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  streamTypeOf,
} from '../event-store.js';
import { EventIdConflictError, WrongExpectedRevisionError } from '../event-store.errors.js';
import {
  APPEND_FIRST,
  APPEND_MANY_LOCKED,
  APPEND_NEXT,
  APPEND_ONE_LOCKED,
  FIND_APPENDED,
} from './append-statements.js';
import { formatPosition } from './position.js';

export const APPENDED_CHANNEL = 'es_appended';
const WAKE_UP_HINT_MS = 20;
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes and more. */
const MAX_HINT_PAYLOAD = 4000;
/** Thrown inside an append's transaction to roll it back when the one-statement path cannot decide. */
class NotDecided extends Error {}
const NOT_DECIDED = new NotDecided('es.append decides');

type EventRow = {
  gp: string;
  txid: string;
  stream_id: string;
  stream_type: string;
  revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, string>;
  recorded_at: Date | string;
  hash: string;
};

const EVENT_COLUMNS = `global_position::text AS gp, transaction_id::text AS txid, stream_id, stream_type,
  revision::text AS revision, event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at, hash`;

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  streamType: row.stream_type,
  revision: BigInt(row.revision),
  position: formatPosition(row.txid, row.gp),
  type: row.event_type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  hash: row.hash,
});

type PgError = { code?: string; detail?: string };

type AppendRow = { next_revision: string; last_gp: string | null; txid: string | null; replayed: boolean };

const json = (value: unknown): string => JSON.stringify(value ?? {});

const toAppendResult = (row: AppendRow): AppendResult => ({
  nextRevision: BigInt(row.next_revision),
  position: row.last_gp && row.txid ? formatPosition(row.txid, row.last_gp) : '',
  replayed: row.replayed,
});

/**
 * The event store on PostgreSQL or PGlite. Appends: one event with an exact expected state is one prepared
 * statement, the rest the plpgsql function `es.append` (append-statements.ts, ADR 0007). Reads use the
 * `(transaction_id, global_position)` cursor under the snapshot's xmin, so that no event committed out of order
 * is ever skipped.
 */
export class SqlEventStore implements EventStore {
  private notifyPending = false;
  private readonly hintTypes = new Set<string>();

  constructor(private readonly db: Database) {}

  async appendToStream(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const result = options.inTransaction
      ? await this.appendInTransaction(streamId, expected, events, options.inTransaction)
      : await this.append(this.db, streamId, expected, events);
    if (!result.replayed && events.length > 0) this.wakeSubscribers(events);
    return result;
  }

  private async append(
    on: SqlExecutor,
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult> {
    const [event] = events;
    if (event && events.length === 1 && (expected === 'no_stream' || typeof expected === 'bigint')) {
      const result = await this.appendNext(on, streamId, expected, event);
      if (result) return result.result;
    }
    return this.appendLocked(on, streamId, expected, events);
  }

  /**
   * The append and `work` in one transaction (ADR 0021). The one-statement path first; when it cannot decide
   * (a conflict, a retry), its transaction is rolled back and `es.append` decides in a new one. An idempotent
   * replay writes nothing and runs no work.
   */
  private async appendInTransaction(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
    work: NonNullable<AppendOptions['inTransaction']>,
  ): Promise<AppendResult> {
    const [event] = events;
    if (event && events.length === 1 && (expected === 'no_stream' || typeof expected === 'bigint')) {
      const fast = await this.db
        .withTransaction(async (tx) => {
          const next = await this.appendNext(tx, streamId, expected, event);
          // Nothing inserted, or the statement failed (the transaction is aborted): roll back, ask es.append.
          if (!next) throw NOT_DECIDED;
          await work(tx, [next.recorded]);
          return next.result;
        })
        .catch((error: unknown) => {
          if (error === NOT_DECIDED) return undefined;
          throw error;
        });
      if (fast) return { ...fast, inTransaction: true };
    }
    const locked = await this.db
      .withTransaction(async (tx) => {
        const result = await this.appendLocked(tx, streamId, expected, events, false);
        if (result.replayed || events.length === 0) return result;
        const from = result.nextRevision - BigInt(events.length) + 1n;
        const { rows } = await tx.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM es.events AS events WHERE stream_id = $1 AND revision >= $2
            ORDER BY events.revision`,
          [streamId, from.toString()],
        );
        await work(tx, rows.map(toRecordedEvent));
        return { ...result, inTransaction: true };
      })
      .catch((error: unknown) => {
        if (error === NOT_DECIDED) return undefined;
        throw error;
      });
    // Ids recorded before (outside this transaction): a retry answered from what was recorded, or a conflict.
    return locked ?? this.findAppended(streamId, expected, events);
  }

  /** The one-statement path (append-statements.ts); undefined when `es.append` must decide. */
  private async appendNext(
    on: SqlExecutor,
    streamId: string,
    expected: 'no_stream' | bigint,
    event: EventToAppend,
  ): Promise<{ result: AppendResult; recorded: RecordedEvent } | undefined> {
    const data = json(event.data);
    const metadata = json(event.metadata);
    const params = [
      streamId,
      streamTypeOf(streamId),
      event.eventId,
      event.type,
      event.schemaVersion ?? 1,
      data,
      metadata,
    ];
    type Row = { last_gp: string; txid: string; recorded_at: Date | string; hash: string };
    let row: Row | undefined;
    try {
      const { rows } =
        expected === 'no_stream'
          ? await on.query<Row>(APPEND_FIRST, params, { prepareAs: 'es_append_first' })
          : await on.query<Row>(APPEND_NEXT, [...params, expected.toString()], {
              prepareAs: 'es_append_next',
            });
      row = rows[0];
    } catch (error) {
      // Another writer took the revision first, or the id is recorded already: es.append tells which.
      if ((error as PgError).code === '23505') return undefined;
      throw error;
    }
    if (!row) return undefined;
    const revision = expected === 'no_stream' ? 0n : expected + 1n;
    const position = formatPosition(row.txid, row.last_gp);
    return {
      result: { nextRevision: revision, position, replayed: false },
      // What a read would give back: the JSON as stored (undefined members dropped), the database's clock.
      recorded: {
        eventId: event.eventId,
        streamId,
        streamType: streamTypeOf(streamId),
        revision,
        position,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: JSON.parse(data) as Record<string, unknown>,
        metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
        recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
        hash: row.hash,
      },
    };
  }

  /**
   * `es.append`: under the stream's lock, with the idempotency probe and typed conflicts. `findOnConflict` false
   * (inside a transaction, which a unique violation aborts): the caller looks for the recorded ids itself.
   */
  private async appendLocked(
    on: SqlExecutor,
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
    findOnConflict = true,
  ): Promise<AppendResult> {
    const [event] = events;
    const one = event !== undefined && events.length === 1;
    const params = [
      streamId,
      streamTypeOf(streamId),
      typeof expected === 'bigint' ? expected.toString() : expected,
      ...(one
        ? [event.eventId, event.type, event.schemaVersion ?? 1, json(event.data), json(event.metadata)]
        : [
            events.map((e) => e.eventId),
            events.map((e) => e.type),
            events.map((e) => e.schemaVersion ?? 1),
            events.map((e) => json(e.data)),
            events.map((e) => json(e.metadata)),
          ]),
    ];
    let row: AppendRow | undefined;
    try {
      const result = one
        ? await on.query<AppendRow>(APPEND_ONE_LOCKED, params, { prepareAs: 'es_append_one' })
        : await on.query<AppendRow>(APPEND_MANY_LOCKED, params, { prepareAs: 'es_append_many' });
      row = result.rows[0];
    } catch (error) {
      // Ids recorded before, with an expected revision that still holds: a retry, or a conflict?
      if ((error as PgError).code === '23505') {
        if (!findOnConflict) throw NOT_DECIDED;
        return this.findAppended(streamId, expected, events);
      }
      throw mapAppendError(error as PgError, streamId, expected);
    }
    if (!row) throw new Error('es.append returned no row');
    return toAppendResult(row);
  }

  private async findAppended(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult> {
    let row: AppendRow | undefined;
    try {
      const result = await this.db.query<AppendRow>(FIND_APPENDED, [streamId, events.map((e) => e.eventId)]);
      row = result.rows[0];
    } catch (error) {
      throw mapAppendError(error as PgError, streamId, expected);
    }
    if (!row) throw new EventIdConflictError(streamId);
    return toAppendResult(row);
  }

  /**
   * Wake-up hint for subscriptions, sent after commit and outside the append transaction (a NOTIFY inside it
   * would serialise every committing writer on PostgreSQL's notify lock). A NOTIFY is a transaction of its own
   * with its own WAL flush, so hints are throttled: at most one per WAKE_UP_HINT_MS. Commands waiting for their
   * own writes wake the local runners directly; other instances learn of new events at most that much later.
   */
  private wakeSubscribers(events: readonly EventToAppend[]): void {
    for (const event of events) this.hintTypes.add(event.type);
    if (this.notifyPending) return;
    this.notifyPending = true;
    setTimeout(() => {
      this.notifyPending = false;
      const payload = [...this.hintTypes].join(',');
      this.hintTypes.clear();
      // The payload names the event types appended since the last hint, so that a subscription handling none of
      // them stays asleep; an empty payload (too many to name) wakes every one.
      this.db
        .notify(APPENDED_CHANNEL, payload.length <= MAX_HINT_PAYLOAD ? payload : '')
        .catch(() => undefined);
    }, WAKE_UP_HINT_MS).unref();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const params: unknown[] = [streamId];
    const where = ['stream_id = $1'];
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision.toString());
      where.push(
        options.direction === 'backwards' ? `revision <= $${params.length}` : `revision >= $${params.length}`,
      );
    }
    if (options.toRevision !== undefined) {
      params.push(options.toRevision.toString());
      where.push(
        options.direction === 'backwards' ? `revision >= $${params.length}` : `revision <= $${params.length}`,
      );
    }
    if (options.recordedUpTo !== undefined) {
      // recorded_at has microseconds, a Date only milliseconds: an event's own `recordedAt` (truncated to the
      // millisecond) must still include it, as on EventStoreDB. Same as date_trunc('milliseconds', recorded_at) <= $n.
      params.push(options.recordedUpTo.toISOString());
      where.push(`recorded_at < $${params.length}::timestamptz + interval '1 millisecond'`);
    }
    // `events.revision`, not `revision`: the bare name would be the text output column (revision::text AS
    // revision) and sort 0, 1, 10, 100, 11, …
    let sql = `SELECT ${EVENT_COLUMNS} FROM es.events AS events WHERE ${where.join(' AND ')}
      ORDER BY events.revision ${options.direction === 'backwards' ? 'DESC' : 'ASC'}`;
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      sql += ` LIMIT $${params.length}`;
    }
    // The whole stream (what every command reads) is one fixed statement: prepared once per connection.
    const whole = params.length === 1 && options.direction !== 'backwards';
    const { rows } = await this.db.query<EventRow>(
      sql,
      params,
      whole ? { prepareAs: 'es_read_stream' } : undefined,
    );
    return rows.map(toRecordedEvent);
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return readAllFrom(this.db, options);
  }

  async headPosition(): Promise<string | undefined> {
    const { rows } = await this.db.query<{ gp: string; txid: string }>(
      `SELECT global_position::text AS gp, transaction_id::text AS txid FROM es.events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? formatPosition(row.txid, row.gp) : undefined;
  }

  async close(): Promise<void> {
    // The database is owned by whoever opened it.
  }
}

/**
 * Reads committed events after a position in one statement (one snapshot). Only transactions older than the
 * snapshot's xmin are visible, so a slower transaction with a lower id is delivered when it commits, not skipped.
 */
export async function readAllFrom(
  executor: SqlExecutor,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const [txid, gp] = options.after ? options.after.split(':') : ['0', '0'];
  const { rows } = await executor.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM es.events
      WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
      ORDER BY transaction_id, global_position
      LIMIT $3`,
    [String(BigInt(txid ?? '0')), String(BigInt(gp ?? '0')), options.maxCount ?? 1000],
  );
  return rows.map(toRecordedEvent);
}

/**
 * Reads the next events of the given types after a position, and the position the reader may move to: the last
 * event read when the batch is full, else the head of the same snapshot (every event up to it is committed or
 * never will be, and none of the types wanted lies between). One statement, so one snapshot: a catch-up over a
 * store of other events' types reads (and decodes) nothing it does not handle, yet moves past them.
 */
export async function readTypesFrom(
  executor: SqlExecutor,
  options: { after?: string; maxCount: number; types: readonly string[] },
): Promise<{ events: RecordedEvent[]; readTo: string | undefined }> {
  const [txid, gp] = options.after ? options.after.split(':') : ['0', '0'];
  const { rows } = await executor.query<EventRow & { head: boolean }>(
    `(SELECT ${EVENT_COLUMNS}, false AS head FROM es.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
         AND event_type = ANY($4::text[])
       ORDER BY transaction_id, global_position
       LIMIT $3)
     UNION ALL
     (SELECT head.global_position::text AS gp, head.transaction_id::text AS txid, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, true
        FROM es.events AS head
       WHERE head.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       -- Qualified: bare names would be the text output columns, and sort 9 after 10.
       ORDER BY head.transaction_id DESC, head.global_position DESC
       LIMIT 1)`,
    [String(BigInt(txid ?? '0')), String(BigInt(gp ?? '0')), options.maxCount, options.types],
    { prepareAs: 'es_read_types' },
  );
  const events = rows.filter((row) => !row.head).map(toRecordedEvent);
  const head = rows.find((row) => row.head);
  const last = events[events.length - 1];
  if (events.length >= options.maxCount) return { events, readTo: last?.position };
  const headPosition = head ? formatPosition(head.txid, head.gp) : undefined;
  const from = options.after;
  let readTo = last?.position;
  if (headPosition !== undefined && (readTo === undefined || headPosition > readTo)) readTo = headPosition;
  if (readTo !== undefined && from !== undefined && readTo <= from) readTo = undefined;
  return { events, readTo };
}

function mapAppendError(error: PgError, streamId: string, expected: ExpectedRevision): unknown {
  if (error.code === 'ES001') {
    let current = -1n;
    try {
      current = BigInt((JSON.parse(error.detail ?? '{}') as { current?: number }).current ?? -1);
    } catch {
      // keep -1
    }
    return new WrongExpectedRevisionError(streamId, String(expected), current < 0n ? 'no_stream' : current);
  }
  if (error.code === 'ES002' || error.code === '23505') return new EventIdConflictError(streamId);
  return error;
}
