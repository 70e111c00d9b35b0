/**
 * The event-store port. Three adapters implement it: PostgreSQL (through `pg`), PGlite (the same SQL, in-process)
 * and EventStoreDB. Semantics follow EventStoreDB: 0-based revisions, `any | no_stream | stream_exists | revision`,
 * idempotent retries by event id, and an opaque, lexicographically ordered global position.
 */

import { type SqlExecutor } from '../database/database.js';

/** Expected state of a stream before an append. A bigint is the exact revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Flat string map, as EventStoreDB requires. `actorId`, `correlationId`, `causationId` and `occurredAt` are set by the app. */
export type EventMetadata = Readonly<Record<string, string>> & {
  readonly occurredAt?: string;
  readonly actorId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
};

export type EventToAppend = Readonly<{
  eventId: string; // UUID, chosen by the caller so a retry can be recognised
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata?: EventMetadata;
  schemaVersion?: number;
}>;

export type RecordedEvent = Readonly<{
  eventId: string;
  streamId: string;
  streamType: string;
  revision: bigint;
  /** Opaque, ordered: compare as strings. */
  position: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
  /** Hash chain link (PostgreSQL / PGlite): sha-256 over the previous event's hash and this event's content. */
  hash?: string;
}>;

export type AppendResult = Readonly<{
  /** Revision of the stream's last event after the append. */
  nextRevision: bigint;
  /** Position of the last appended event. */
  position: string;
  /** True when the events had already been recorded by an earlier call with the same ids: nothing new was written. */
  replayed: boolean;
  /** True when `AppendOptions.inTransaction` ran, in the append's transaction (stores that have one: SQL). */
  inTransaction?: boolean;
}>;

/**
 * `inTransaction`: work done in the append's own transaction, after the events are inserted and before it commits
 * (inline read models, ADR 0021): both commit or neither does. Stores without such a transaction (EventStoreDB)
 * ignore it and answer `inTransaction` false; so does an idempotent replay, which writes nothing.
 */
export type AppendOptions = Readonly<{
  inTransaction?: (tx: SqlExecutor, appended: readonly RecordedEvent[]) => Promise<void>;
}>;

export type ReadStreamOptions = Readonly<{
  direction?: 'forwards' | 'backwards';
  fromRevision?: bigint;
  toRevision?: bigint;
  /** Only events recorded at or before this instant. */
  recordedUpTo?: Date;
  maxCount?: number;
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive: events strictly after this position. Undefined means from the beginning. */
  after?: string;
  maxCount?: number;
}>;

export interface EventStore {
  appendToStream(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event visible to subscriptions (undefined when the store is empty). */
  headPosition(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');

/** The stream type (category) is the part of the stream id before the first dash: `demand-<uuid>` → `demand`. */
export const streamTypeOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
};
