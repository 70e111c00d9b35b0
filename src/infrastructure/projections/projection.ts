import { type SqlExecutor } from '../database/database.js';
import { type RecordedEvent } from '../event-store/event-store.js';

/**
 * A read model built from the event store. `apply` writes its rows for a batch of events inside the runner's
 * transaction, the same transaction that moves its checkpoint: an event is applied exactly once or not at all.
 * A rebuild truncates `tables` and replays from the beginning, so `apply` must depend only on events and rows.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the rows' shape or meaning changes: the new version is rebuilt from scratch. */
  readonly version: number;
  /** Event types it handles; others are skipped, but the checkpoint still moves past them. */
  readonly eventTypes: readonly string[] | 'all';
  /** Tables the projection owns (emptied on rebuild). */
  readonly tables: readonly string[];
  apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
  /**
   * Optional, for the SQL store, where events and read models share one database: writes exactly the rows `apply`
   * would, computed by the database from `es.events` (the events' own rows, found by id), so that the events'
   * JSON is neither decoded nor encoded again on the way. The runner uses it when its source is the SQL store.
   */
  applyInStore?(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
  /**
   * Optional, inline (ADR 0021): writes this read model's rows for one stream inside the transaction that appends
   * `appended` to it, so that a command's answer already shows in it. `stream` is every event of the stream, the
   * appended ones last. The rows must be those `apply` gives, and `apply` must then change nothing for these events
   * (the runner still reads them, and applies what was appended without this, e.g. by a copy).
   */
  applyInline?(
    stream: readonly RecordedEvent[],
    appended: readonly RecordedEvent[],
    tx: SqlExecutor,
  ): Promise<void>;
}

export const subscriptionIdOf = (projection: Pick<Projection, 'name' | 'version'>): string =>
  `${projection.name}@v${projection.version}`;

/** Where a subscription reads events from: the SQL store (inside the runner's transaction) or EventStoreDB. */
export interface EventSource {
  readonly kind: 'sql' | 'eventstoredb';
  readBatch(tx: SqlExecutor, after: string | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /**
   * When the source can filter by type where it reads: the next events of these types, and how far the reader may
   * move its checkpoint (past the events of other types, which it never receives).
   */
  readTypes?(
    tx: SqlExecutor,
    after: string | undefined,
    maxCount: number,
    types: readonly string[],
  ): Promise<{ events: RecordedEvent[]; readTo: string | undefined }>;
  /** Number of events after a position, when the source can count them cheaply. */
  countAfter(after: string | undefined): Promise<number | undefined>;
}

/** The organisation an event belongs to (recorded in its metadata by the command that appended it). */
export const organisationOfEvent = (event: RecordedEvent): string =>
  event.metadata.organisationId ?? 'default';
