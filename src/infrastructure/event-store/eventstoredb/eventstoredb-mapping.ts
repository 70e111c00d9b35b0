import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendStreamState,
  type CurrentStreamState,
  type Position,
} from '@kurrent/kurrentdb-client';
import { type EventMetadata, type ExpectedRevision } from '../event-store.js';

/**
 * Pure mappings between the event-store port and EventStoreDB's client types, kept apart from the adapter so
 * that they can be tested without a server. Nothing here talks to EventStoreDB.
 */

const POSITION_DIGITS = 20; // a 64-bit unsigned integer has at most 20 decimal digits
const POSITION_PATTERN = /^(\d{20}):(\d{20})$/;
const MAX_U64 = 2n ** 64n - 1n;

/** `{commit, prepare}` → `<commit>:<prepare>`, both zero-padded to 20 digits, so that positions sort as strings. */
export function encodePosition(position: Position): string {
  for (const part of [position.commit, position.prepare]) {
    if (part < 0n || part > MAX_U64) throw new RangeError(`EventStoreDB position out of range: ${part}`);
  }
  return `${position.commit.toString().padStart(POSITION_DIGITS, '0')}:${position.prepare
    .toString()
    .padStart(POSITION_DIGITS, '0')}`;
}

/** The inverse of {@link encodePosition}. Rejects anything else (a SQL position, an empty string…). */
export function decodePosition(position: string): Position {
  const match = POSITION_PATTERN.exec(position);
  if (!match?.[1] || !match[2]) throw new InvalidPositionError(position);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export class InvalidPositionError extends Error {
  constructor(readonly position: string) {
    super(`Not an EventStoreDB position: "${position}" (expected <20-digit commit>:<20-digit prepare>)`);
    this.name = 'InvalidPositionError';
  }
}

/** The port's expected state → the client's `streamState` (the same words; revisions are 0-based in both). */
export function toExpectedRevision(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n)
        throw new RangeError(`Expected revision must be >= 0 (use 'no_stream'): ${expected}`);
      return expected;
  }
}

/** How the port writes an expected state in errors (the same as the SQL adapter). */
export const expectedToString = (expected: ExpectedRevision): string => String(expected);

/** The client's current state (from `WrongExpectedVersionError.actualState`) → the port's `actual`. */
export function toActualRevision(current: CurrentStreamState | undefined): bigint | 'no_stream' {
  if (current === undefined || current === NO_STREAM) return 'no_stream';
  return current < 0n ? 'no_stream' : current;
}

/** Whether a stream whose last revision is `current` (-1 when it does not exist) satisfies `expected`. */
export function satisfiesExpected(expected: ExpectedRevision, current: bigint): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current < 0n;
    case 'stream_exists':
      return current >= 0n;
    default:
      return current === expected;
  }
}

/**
 * Where an earlier append of the same batch would be: for an exact expectation, right after the expected
 * revision (0 for `no_stream`); for `any` / `stream_exists` the position is unknown, so the adapter searches
 * the end of the stream.
 */
export function replayStartRevision(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return 0n;
  if (typeof expected === 'bigint') return expected + 1n;
  return undefined;
}

export type ReplayCheck = 'none' | 'replay' | 'conflict';

/**
 * Compares a batch's event ids with the ids recorded in the stream from the revision where the batch would be
 * (ascending). Same rule as the SQL store's `es.append`: when the first id is recorded there, the retry is a
 * replay if every id follows in order, and a conflict otherwise; when it is not, this is a new append.
 */
export function classifyReplay(batchIds: readonly string[], recordedIds: readonly string[]): ReplayCheck {
  if (batchIds.length === 0 || recordedIds[0] !== batchIds[0]) return 'none';
  return batchIds.every((id, index) => recordedIds[index] === id) ? 'replay' : 'conflict';
}

/** Reserved key in the stored metadata JSON carrying the event's schema version (removed when reading). */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

/** The metadata stored with an event: the app's flat string map, plus the schema version when one is given. */
export function encodeMetadata(
  metadata: EventMetadata | undefined,
  schemaVersion?: number,
): Record<string, string> {
  const stored: Record<string, string> = { ...(metadata ?? {}) };
  if (schemaVersion !== undefined) stored[SCHEMA_VERSION_KEY] = String(schemaVersion);
  return stored;
}

/** The stored metadata (already parsed by the client, or raw bytes if it was not JSON) → flat map + version. */
export function decodeMetadata(raw: unknown): { metadata: EventMetadata; schemaVersion: number } {
  const metadata: Record<string, string> = {};
  let schemaVersion = 1;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key === SCHEMA_VERSION_KEY) {
        const parsed = Number(value);
        if (Number.isInteger(parsed) && parsed > 0) schemaVersion = parsed;
      } else if (typeof value === 'string') {
        metadata[key] = value;
      } else if (value !== null && value !== undefined) {
        metadata[key] = JSON.stringify(value); // not written by this adapter (values are strings): kept readable
      }
    }
  }
  return { metadata, schemaVersion };
}

/** Event data: a JSON object as written by the adapter; anything else is wrapped so the type holds. */
export function decodeData(raw: unknown): Record<string, unknown> {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array)) {
    return raw as Record<string, unknown>;
  }
  return { value: raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : raw };
}

/**
 * System events, skipped by `readAll` and `headPosition`: the rule of the client's `excludeSystemEvents()`
 * (event type starting with `$`), plus anything in a `$` stream (metadata and system streams).
 */
export const isSystemEvent = (event: { type: string; streamId: string }): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

export type StreamReadFilter = Readonly<{
  direction: 'forwards' | 'backwards';
  toRevision?: bigint;
  recordedUpTo?: Date;
}>;

/**
 * The client-side part of `readStream`: `toRevision` and `recordedUpTo` (EventStoreDB cannot filter on them).
 * `stop` means no later event (in the read's direction) can match, because revisions are ordered.
 */
export function filterStreamEvent(
  event: { revision: bigint; created: Date },
  filter: StreamReadFilter,
): 'take' | 'skip' | 'stop' {
  if (filter.toRevision !== undefined) {
    const beyond =
      filter.direction === 'backwards'
        ? event.revision < filter.toRevision
        : event.revision > filter.toRevision;
    if (beyond) return 'stop';
  }
  if (filter.recordedUpTo !== undefined && event.created.getTime() > filter.recordedUpTo.getTime())
    return 'skip';
  return 'take';
}

/**
 * The server-side filter of a projection's feed: an anchored regex matching exactly these event types (a prefix
 * filter would also take `DemandFiledV2` for `DemandFiled`). Regex metacharacters in a type are escaped.
 */
export function typesRegex(types: readonly string[]): string {
  if (types.length === 0) throw new RangeError('typesRegex: no event type');
  const escaped = [...new Set(types)].map((type) => type.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}
