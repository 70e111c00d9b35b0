import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Filter,
  type ReadPosition,
  type ReadRevision,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
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
  classifyReplay,
  decodeData,
  decodeMetadata,
  decodePosition,
  encodeMetadata,
  encodePosition,
  expectedToString,
  filterStreamEvent,
  isSystemEvent,
  replayStartRevision,
  satisfiesExpected,
  toActualRevision,
  toExpectedRevision,
  typesRegex,
} from './eventstoredb-mapping.js';
import { parseEventStoreUrl } from './eventstoredb-url.js';

/** Default page of `readAll` (the SQL store's default too). */
const DEFAULT_READ_ALL_COUNT = 1000;
/** Page size when reading `$all` (the server filters out system events; see `readAll`). */
const SCAN_PAGE = 500;
/** How long /health waits for the server before calling it down. */
const PROBE_TIMEOUT_MS = 3000;
/** How far back from the end of a stream an `any` / `stream_exists` retry is looked for. */
const REPLAY_LOOKBACK = 200;

type Visit = 'take' | 'skip' | 'stop';

/**
 * The event store on KurrentDB / EventStoreDB (`@kurrent/kurrentdb-client` 1.x, gRPC; it replaced
 * `@eventstore/db-client`, ADR 0016). Every call to the client lives in this folder.
 *
 * Semantics, and where they differ from what the server gives directly:
 * - Positions are `<commit>:<prepare>`, both padded to 20 digits (see eventstoredb-mapping.ts), so they sort as
 *   strings in `$all` order. An append returns the position of its last event as `$all` shows it (read back
 *   after the write: the append response's position is the transaction's, not the last event's).
 * - Idempotent retries: EventStoreDB recognises a retried batch (same ids, same expected revision) and answers
 *   success again without writing, but its response carries no "duplicate" flag (client 6.2.1: `AppendResult`
 *   is `{success, nextExpectedRevision, position}`; current servers answer a retry with a position too). So
 *   before writing, the adapter reads the stream where an earlier append of the batch would be: right after the
 *   expected revision (or the last {@link REPLAY_LOOKBACK} events for `any` / `stream_exists`). If the batch is
 *   there it returns the original result with `replayed: true` and writes nothing; if only part of it is, it
 *   throws `EventIdConflictError`. Limits: two identical retries racing each other may both report
 *   `replayed: false` (nothing is written twice: the server deduplicates); ids recorded in *another* stream are
 *   not detected (EventStoreDB has no global event-id index: the SQL store raises `EventIdConflictError`).
 * - `readAll` / `headPosition` read `$all` with the server-side filter `excludeSystemEvents()` (event types
 *   starting with `$` never leave the server); events of other `$` streams, if any, are still skipped here.
 *   `readAllOfTypes` (the projections' feed) filters on the projection's event types on the server.
 * - `readStream` filters `toRevision` and `recordedUpTo` client-side; `recordedAt` is the server's `created`.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  /** The connection string without its password, for logs and /health. */
  readonly name: string;

  constructor(connectionString: string) {
    const url = parseEventStoreUrl(connectionString);
    this.name = url.redacted;
    this.client = KurrentDBClient.connectionString(url.connectionString);
  }

  async appendToStream(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult> {
    const expectedRevision = toExpectedRevision(expected);
    if (events.length === 0) return this.appendNothing(streamId, expected);

    const replay = await this.findEarlierAppend(streamId, expected, events);
    if (replay) return replay;

    let nextRevision: bigint;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.eventId,
            type: event.type,
            data: event.data,
            metadata: encodeMetadata(event.metadata, event.schemaVersion),
          }),
        ),
        { streamState: expectedRevision },
      );
      nextRevision = result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(
          streamId,
          expectedToString(expected),
          toActualRevision(error.actualState),
        );
      }
      throw error;
    }
    const [last] = await this.readStream(streamId, { fromRevision: nextRevision, maxCount: 1 });
    if (!last)
      throw new Error(`EventStoreDB: event ${nextRevision} of ${streamId} not readable after its append`);
    return { nextRevision, position: last.position, replayed: false };
  }

  /** An empty batch writes nothing; the expectation is still checked, as the SQL store does. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const current = last?.revision ?? -1n;
    if (!satisfiesExpected(expected, current)) {
      throw new WrongExpectedRevisionError(
        streamId,
        expectedToString(expected),
        current < 0n ? 'no_stream' : current,
      );
    }
    return { nextRevision: current, position: '', replayed: false };
  }

  /** The original result when the batch is already recorded in the stream (see the class comment). */
  private async findEarlierAppend(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult | undefined> {
    const ids = events.map((event) => event.eventId);
    const start = replayStartRevision(expected);
    let candidates: RecordedEvent[];
    if (start !== undefined) {
      candidates = await this.readStream(streamId, { fromRevision: start, maxCount: ids.length });
    } else {
      const tail = (
        await this.readStream(streamId, { direction: 'backwards', maxCount: REPLAY_LOOKBACK + ids.length })
      ).reverse();
      const at = tail.findIndex((event) => event.eventId === ids[0]);
      candidates = at < 0 ? [] : tail.slice(at, at + ids.length);
    }
    switch (
      classifyReplay(
        ids,
        candidates.map((event) => event.eventId),
      )
    ) {
      case 'none':
        return undefined;
      case 'conflict':
        throw new EventIdConflictError(streamId);
      case 'replay': {
        const last = candidates[ids.length - 1];
        if (!last) return undefined;
        return { nextRevision: last.revision, position: last.position, replayed: true };
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const fromRevision: ReadRevision = options.fromRevision ?? (direction === 'backwards' ? END : START);
    // The server limits the count only when nothing is filtered out client-side; `toRevision` only trims the
    // end of the read (revisions are ordered), so it can bound the count when the start is known.
    let serverCount: number | bigint | undefined =
      options.recordedUpTo === undefined ? options.maxCount : undefined;
    if (options.toRevision !== undefined && options.fromRevision !== undefined) {
      const span =
        (direction === 'backwards'
          ? options.fromRevision - options.toRevision
          : options.toRevision - options.fromRevision) + 1n;
      if (span <= 0n) return [];
      if (serverCount === undefined || span < BigInt(serverCount)) serverCount = span;
    }
    const filter = { direction, toRevision: options.toRevision, recordedUpTo: options.recordedUpTo };
    try {
      return await collect(
        this.client.readStream(streamId, {
          direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
          fromRevision,
          ...(serverCount !== undefined ? { maxCount: serverCount } : {}),
        }),
        (resolved: ResolvedEvent) => {
          const event = resolved.event;
          if (!event) return { visit: 'skip' };
          const visit = filterStreamEvent(event, filter);
          return visit === 'take' ? { visit, value: toRecordedEvent(event) } : { visit };
        },
        options.maxCount,
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /**
   * Events strictly after `after`, in `$all` order, without system events. EventStoreDB reads from a position
   * inclusively, so the event at `after` is skipped; pages continue until `maxCount` events are found or the end.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_COUNT;
    if (maxCount <= 0) return [];
    const found: RecordedEvent[] = [];
    let cursor = options.after;
    let from: ReadPosition = options.after ? decodePosition(options.after) : START;
    for (;;) {
      // One more than needed when resuming: the server includes the event at `from`, which is skipped.
      const count = Math.min(maxCount - found.length + (cursor === undefined ? 0 : 1), SCAN_PAGE);
      const page = await this.readAllPage(from, FORWARDS, count, excludeSystemEvents());
      for (const event of page.events) {
        if (cursor !== undefined && event.position <= cursor) continue; // the inclusive start, or earlier
        if (!event.system) found.push(event.recorded);
        if (found.length >= maxCount) return found;
      }
      const last = page.events[page.events.length - 1];
      if (page.complete || !last || (cursor !== undefined && last.position <= cursor)) return found;
      cursor = last.position;
      from = last.raw;
    }
  }

  /**
   * The projections' feed: the next events of these types strictly after `after`, filtered on the server
   * (`eventTypeFilter`, an anchored regex of the exact types), and how far the reader may move its checkpoint.
   * A full batch: to its last event. Otherwise the read reached the end of `$all`: to the head taken *before* the
   * read (every event up to it was visible to the read, and none of these types was missed), or the last event if
   * later. `$all` has no gaps that fill in later (positions are given at commit), unlike the SQL store's xmin.
   */
  async readAllOfTypes(
    after: string | undefined,
    maxCount: number,
    types: readonly string[],
  ): Promise<{ events: RecordedEvent[]; readTo: string | undefined }> {
    if (maxCount <= 0 || types.length === 0) return { events: [], readTo: after };
    const head = await this.headPosition();
    const wanted = new Set(types);
    const filter = eventTypeFilter({ regex: typesRegex(types) });
    const found: RecordedEvent[] = [];
    let cursor = after;
    let from: ReadPosition = after ? decodePosition(after) : START;
    for (;;) {
      const count = Math.min(maxCount - found.length + (cursor === undefined ? 0 : 1), SCAN_PAGE);
      const page = await this.readAllPage(from, FORWARDS, count, filter);
      for (const event of page.events) {
        if (cursor !== undefined && event.position <= cursor) continue;
        if (!event.system && wanted.has(event.recorded.type)) found.push(event.recorded);
        if (found.length >= maxCount) return { events: found, readTo: event.position };
      }
      const last = page.events[page.events.length - 1];
      if (page.complete || !last || (cursor !== undefined && last.position <= cursor)) break;
      cursor = last.position;
      from = last.raw;
    }
    let readTo = found[found.length - 1]?.position;
    if (head !== undefined && (readTo === undefined || head > readTo)) readTo = head;
    if (readTo !== undefined && after !== undefined && readTo <= after) readTo = undefined;
    return { events: found, readTo };
  }

  /** /health: the server answers a one-event read of `$all` within {@link PROBE_TIMEOUT_MS}. */
  async probe(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)),
        PROBE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.readAllPage(END, BACKWARDS, 1, excludeSystemEvents()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Position of the last non-system event in `$all` (read backwards, system events filtered on the server). */
  async headPosition(): Promise<string | undefined> {
    let cursor: string | undefined;
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, BACKWARDS, SCAN_PAGE, excludeSystemEvents());
      for (const event of page.events) {
        if (cursor !== undefined && event.position >= cursor) continue;
        if (!event.system) return event.position;
      }
      const last = page.events[page.events.length - 1];
      if (page.complete || !last || (cursor !== undefined && last.position >= cursor)) return undefined;
      cursor = last.position;
      from = last.raw;
    }
  }

  /**
   * One page of `$all`, from `from` (the event at that position included, as the server reads it), with
   * `complete` true when the server returned fewer events than asked (nothing further in that direction).
   */
  private async readAllPage(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    count: number,
    filter: Filter,
  ): Promise<{
    events: {
      position: string;
      raw: { commit: bigint; prepare: bigint };
      system: boolean;
      recorded: RecordedEvent;
    }[];
    complete: boolean;
  }> {
    let received = 0;
    const events = await collect(
      this.client.readAll({ fromPosition: from, direction, maxCount: count, resolveLinkTos: false, filter }),
      (resolved: AllStreamResolvedEvent) => {
        received++;
        const event = resolved.event;
        if (!event) return { visit: 'skip' };
        return {
          visit: 'take',
          value: {
            position: encodePosition(event.position),
            raw: event.position,
            system: isSystemEvent(event),
            recorded: toRecordedEvent(event),
          },
        };
      },
    );
    return { events, complete: received < count };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * Drains a read, keeping the values `visit` takes, until `limit` values, a `stop`, or the end of the read.
 * A read stopped early is closed (`return()`, as `break` does), so that its gRPC call does not stay open.
 */
async function collect<E, T>(
  read: AsyncIterableIterator<E>,
  visit: (event: E) => { visit: Visit; value?: T },
  limit?: number,
): Promise<T[]> {
  const values: T[] = [];
  let stoppedEarly = false;
  for await (const event of read) {
    const outcome = visit(event);
    if (outcome.visit === 'stop') {
      stoppedEarly = true;
      break;
    }
    if (outcome.visit === 'take' && outcome.value !== undefined) values.push(outcome.value);
    if (limit !== undefined && values.length >= limit) {
      stoppedEarly = true;
      break;
    }
  }
  if (stoppedEarly) await read.return?.().catch(() => undefined);
  return values;
}

function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(
      `KurrentDB returned event ${event.id} of ${event.streamId} without its position (server 22.6 or later needed)`,
    );
  }
  const { metadata, schemaVersion } = decodeMetadata(event.metadata);
  return {
    eventId: event.id,
    streamId: event.streamId,
    streamType: streamTypeOf(event.streamId),
    revision: event.revision,
    position: encodePosition(event.position),
    type: event.type,
    schemaVersion,
    data: decodeData(event.data),
    metadata,
    recordedAt: event.created,
  };
}
