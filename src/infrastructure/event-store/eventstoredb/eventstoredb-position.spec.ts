import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  InvalidPositionError,
  SCHEMA_VERSION_KEY,
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
import { EventStoreDbEventSource } from './eventstoredb-event-source.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { type ReadAllOptions, type RecordedEvent } from '../event-store.js';
import { EventIdConflictError, WrongExpectedRevisionError } from '../event-store.errors.js';

const MAX_U64 = 2n ** 64n - 1n;

describe('EventStoreDB position encoding', () => {
  it('pads commit and prepare to 20 digits', () => {
    expect(encodePosition({ commit: 0n, prepare: 0n })).toBe('00000000000000000000:00000000000000000000');
    expect(encodePosition({ commit: 1234n, prepare: 1200n })).toBe(
      '00000000000000001234:00000000000000001200',
    );
    expect(encodePosition({ commit: MAX_U64, prepare: MAX_U64 })).toBe(
      '18446744073709551615:18446744073709551615',
    );
  });

  it('round-trips', () => {
    for (const position of [
      { commit: 0n, prepare: 0n },
      { commit: 42n, prepare: 7n },
      { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n }, // beyond Number precision
      { commit: MAX_U64, prepare: MAX_U64 - 1n },
    ]) {
      expect(decodePosition(encodePosition(position))).toEqual(position);
    }
  });

  it('sorts as strings in ($all) order: by commit, then prepare', () => {
    const ordered = [
      { commit: 0n, prepare: 0n },
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 3n },
      { commit: 10n, prepare: 10n },
      { commit: 10n, prepare: 100n },
      { commit: 11n, prepare: 0n },
      { commit: 100_000_000_000n, prepare: 1n },
      { commit: MAX_U64, prepare: 0n },
    ];
    const encoded = ordered.map(encodePosition);
    expect([...encoded].reverse().sort()).toEqual(encoded);
    for (let i = 1; i < encoded.length; i++) expect((encoded[i - 1] ?? '') < (encoded[i] ?? '')).toBe(true);
  });

  it('rejects out-of-range parts', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: 0n, prepare: MAX_U64 + 1n })).toThrow(RangeError);
  });

  it.each(['', '0:0', '1234:5678', '00000000000000000001', 'a0000000000000000001:00000000000000000001', ' '])(
    'rejects %j as a position',
    (text) => {
      expect(() => decodePosition(text)).toThrow(InvalidPositionError);
    },
  );
});

describe('EventStoreDB expected revision mapping', () => {
  it('maps the three states to the client constants', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
  });

  it('passes a 0-based revision through unchanged', () => {
    expect(toExpectedRevision(0n)).toBe(0n);
    expect(toExpectedRevision(41n)).toBe(41n);
    expect(toExpectedRevision(MAX_U64)).toBe(MAX_U64);
  });

  it('refuses a negative revision (use no_stream)', () => {
    expect(() => toExpectedRevision(-1n)).toThrow(RangeError);
  });

  it('maps the client current revision to the port actual revision', () => {
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision(7n)).toBe(7n);
  });

  it('writes the expectation in errors as the SQL store does', () => {
    expect(expectedToString('no_stream')).toBe('no_stream');
    expect(expectedToString(3n)).toBe('3');
  });

  it.each([
    ['any', -1n, true],
    ['any', 4n, true],
    ['no_stream', -1n, true],
    ['no_stream', 0n, false],
    ['stream_exists', -1n, false],
    ['stream_exists', 0n, true],
    [2n, 2n, true],
    [2n, 3n, false],
    [0n, -1n, false],
  ] as const)('expected %s with current %s → %s', (expected, current, ok) => {
    expect(satisfiesExpected(expected, current)).toBe(ok);
  });
});

describe('EventStoreDB idempotent retry detection', () => {
  it('looks right after the expected revision', () => {
    expect(replayStartRevision('no_stream')).toBe(0n);
    expect(replayStartRevision(4n)).toBe(5n);
    expect(replayStartRevision('any')).toBeUndefined();
    expect(replayStartRevision('stream_exists')).toBeUndefined();
  });

  it('classifies the recorded ids against the batch', () => {
    expect(classifyReplay(['a', 'b'], [])).toBe('none');
    expect(classifyReplay(['a', 'b'], ['x', 'y'])).toBe('none');
    expect(classifyReplay(['a', 'b'], ['a', 'b'])).toBe('replay');
    expect(classifyReplay(['a', 'b'], ['a', 'b', 'c'])).toBe('replay');
    expect(classifyReplay(['a', 'b'], ['a', 'x'])).toBe('conflict');
    expect(classifyReplay(['a', 'b'], ['a'])).toBe('conflict');
    expect(classifyReplay([], ['a'])).toBe('none');
  });
});

describe('EventStoreDB metadata and data', () => {
  it('stores the flat map, with the schema version under a reserved key only when given', () => {
    expect(encodeMetadata(undefined)).toEqual({});
    expect(encodeMetadata({ actorId: 'u1', correlationId: 'c1' })).toEqual({
      actorId: 'u1',
      correlationId: 'c1',
    });
    expect(encodeMetadata({ actorId: 'u1' }, 2)).toEqual({ actorId: 'u1', [SCHEMA_VERSION_KEY]: '2' });
  });

  it('reads back the same map and the schema version (1 by default)', () => {
    const stored = JSON.parse(JSON.stringify(encodeMetadata({ actorId: 'u1', occurredAt: '2025-01-01' }, 3)));
    expect(decodeMetadata(stored)).toEqual({
      metadata: { actorId: 'u1', occurredAt: '2025-01-01' },
      schemaVersion: 3,
    });
    expect(decodeMetadata({ a: 'b' })).toEqual({ metadata: { a: 'b' }, schemaVersion: 1 });
    expect(decodeMetadata(undefined)).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(decodeMetadata(new Uint8Array([1, 2]))).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(decodeMetadata({ n: 1, ok: true, o: { x: 1 }, z: null })).toEqual({
      metadata: { n: '1', ok: 'true', o: '{"x":1}' },
      schemaVersion: 1,
    });
  });

  it('keeps JSON object data as is and wraps anything else', () => {
    expect(decodeData({ x: 1 })).toEqual({ x: 1 });
    expect(decodeData('text')).toEqual({ value: 'text' });
    expect(decodeData(new Uint8Array([104, 105]))).toEqual({ value: 'aGk=' });
  });

  it('recognises system events by type or stream', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$demand-1' })).toBe(true);
    expect(isSystemEvent({ type: '$>', streamId: '$ce-demand' })).toBe(true);
    expect(isSystemEvent({ type: 'Something', streamId: '$settings' })).toBe(true);
    expect(isSystemEvent({ type: 'DemandFiled', streamId: 'demand-1' })).toBe(false);
  });
});

describe('EventStoreDB client-side stream filters', () => {
  const at = (revision: bigint, iso = '2025-01-01T00:00:00.000Z') => ({ revision, created: new Date(iso) });

  it('stops past toRevision in the read direction', () => {
    expect(filterStreamEvent(at(3n), { direction: 'forwards', toRevision: 3n })).toBe('take');
    expect(filterStreamEvent(at(4n), { direction: 'forwards', toRevision: 3n })).toBe('stop');
    expect(filterStreamEvent(at(3n), { direction: 'backwards', toRevision: 3n })).toBe('take');
    expect(filterStreamEvent(at(2n), { direction: 'backwards', toRevision: 3n })).toBe('stop');
  });

  it('skips events recorded after recordedUpTo (inclusive bound)', () => {
    const upTo = new Date('2025-01-01T00:00:00.000Z');
    expect(filterStreamEvent(at(0n), { direction: 'forwards', recordedUpTo: upTo })).toBe('take');
    expect(
      filterStreamEvent(at(1n, '2025-01-01T00:00:00.001Z'), { direction: 'forwards', recordedUpTo: upTo }),
    ).toBe('skip');
  });
});

describe('typesRegex (the server-side filter of a projection feed)', () => {
  it('matches exactly the given types, not their prefixes or suffixes', () => {
    const regex = new RegExp(typesRegex(['DemandFiled', 'DemandClosed']));
    expect(regex.test('DemandFiled')).toBe(true);
    expect(regex.test('DemandClosed')).toBe(true);
    expect(regex.test('DemandFiledV2')).toBe(false);
    expect(regex.test('XDemandFiled')).toBe(false);
    expect(regex.test('$metadata')).toBe(false);
  });

  it('escapes regex characters and refuses an empty list', () => {
    const regex = new RegExp(typesRegex(['a.b', 'c+d']));
    expect(regex.test('a.b')).toBe(true);
    expect(regex.test('axb')).toBe(false);
    expect(regex.test('c+d')).toBe(true);
    expect(() => typesRegex([])).toThrow(RangeError);
  });
});

describe('EventStoreDbEventSource', () => {
  it('reads batches through readAll (after, maxCount) and cannot count', async () => {
    const calls: ReadAllOptions[] = [];
    const source = new EventStoreDbEventSource({
      readAll: async (options?: ReadAllOptions): Promise<RecordedEvent[]> => {
        calls.push(options ?? {});
        return [];
      },
      readAllOfTypes: async () => ({ events: [], readTo: undefined }),
    });
    expect(source.kind).toBe('eventstoredb');
    await expect(source.readBatch({} as never, 'p', 50)).resolves.toEqual([]);
    expect(calls).toEqual([{ after: 'p', maxCount: 50 }]);
    await expect(source.countAfter('p')).resolves.toBeUndefined();
  });
});

/**
 * The adapter against an in-memory stand-in for the client (no server can be reached from the development
 * machine). The stand-in follows what the client and server are documented or coded to do: reads of a missing
 * stream fail with StreamNotFoundError, reads of `$all` start at `fromPosition` inclusively, an append's
 * position is its transaction's (shared commit, first prepare), an idempotent retry answers success again
 * without any "duplicate" flag, and a wrong expectation throws WrongExpectedVersionError.
 */
type FakeRecord = {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: { commit: bigint; prepare: bigint };
  created: Date;
  isJson: true;
};

const comparePositions = (a: FakeRecord, b: FakeRecord): number =>
  a.position.commit === b.position.commit
    ? Number(a.position.prepare - b.position.prepare)
    : Number(a.position.commit - b.position.commit);

class FakeEventStoreDbClient {
  readonly log: FakeRecord[] = [];
  now = new Date('2025-03-01T10:00:00.000Z');
  cancelled = 0;
  disposed = false;
  /** The filter of every `$all` read, as the server receives it. */
  readonly filters: unknown[] = [];
  appendCalls = 0;
  private nextLogPosition = 100n;

  constructor(private readonly backwardsInclusive = true) {}

  private streamEvents(streamId: string): FakeRecord[] {
    return this.log.filter((e) => e.streamId === streamId).sort((a, b) => Number(a.revision - b.revision));
  }

  private reading<T>(items: T[], error?: Error) {
    const stream = error
      ? new Readable({
          objectMode: true,
          read() {
            this.destroy(error);
          },
        })
      : Readable.from(items);
    return Object.assign(stream, {
      cancel: async () => {
        this.cancelled++;
      },
    });
  }

  write(streamId: string, events: { id: string; type: string; data: unknown; metadata?: unknown }[]) {
    const current = BigInt(this.streamEvents(streamId).length) - 1n;
    const commit = this.nextLogPosition;
    events.forEach((event, index) => {
      this.log.push({
        streamId,
        id: event.id,
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)),
        metadata: event.metadata === undefined ? undefined : JSON.parse(JSON.stringify(event.metadata)),
        revision: current + 1n + BigInt(index),
        position: { commit, prepare: commit + BigInt(index) * 10n },
        created: new Date(this.now.getTime()),
        isJson: true,
      });
    });
    this.nextLogPosition = commit + BigInt(events.length) * 10n;
    return { commit, last: current + BigInt(events.length) };
  }

  systemEvents(count: number) {
    for (let i = 0; i < count; i++)
      this.write(`$stats-${i}`, [{ id: randomUUID(), type: '$statsCollected', data: {} }]);
  }

  async appendToStream(
    streamName: string,
    events: { id: string; type: string; data: unknown; metadata?: unknown }[],
    options: { streamState?: 'any' | 'no_stream' | 'stream_exists' | bigint } = {},
  ) {
    this.appendCalls++;
    const expected = options.streamState ?? 'any';
    const existing = this.streamEvents(streamName);
    const current = BigInt(existing.length) - 1n;
    const start = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : undefined;
    if (start !== undefined) {
      const there = existing.slice(Number(start), Number(start) + events.length);
      if (there.length === events.length && there.every((e, i) => e.id === events[i]?.id)) {
        const first = there[0] as FakeRecord;
        return {
          success: true,
          nextExpectedRevision: start + BigInt(events.length) - 1n,
          position: first.position,
        };
      }
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current < 0n) ||
      (expected === 'stream_exists' && current >= 0n) ||
      expected === current;
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current < 0n ? 'no_stream' : current,
      });
    }
    const { commit, last } = this.write(streamName, events);
    return { success: true, nextExpectedRevision: last, position: { commit, prepare: commit } };
  }

  readStream(
    streamName: string,
    options: { direction?: string; fromRevision?: 'start' | 'end' | bigint; maxCount?: number | bigint } = {},
  ) {
    const events = this.streamEvents(streamName);
    if (events.length === 0) return this.reading([], new StreamNotFoundError(undefined, streamName));
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let selected: FakeRecord[];
    if (backwards) {
      const top = from === 'end' ? BigInt(events.length) : from === 'start' ? 0n : from;
      selected = events.filter((e) => e.revision <= top).reverse();
    } else {
      const bottom = from === 'start' ? 0n : from === 'end' ? BigInt(events.length) : from;
      selected = events.filter((e) => e.revision >= bottom);
    }
    return this.reading(selected.slice(0, max).map((event) => ({ event: { ...event } })));
  }

  readAll(
    options: {
      direction?: string;
      fromPosition?: 'start' | 'end' | { commit: bigint; prepare: bigint };
      maxCount?: number | bigint;
      filter?: { filterOn: string; regex?: string; prefixes?: string[] };
    } = {},
  ) {
    this.filters.push(options.filter);
    const filter = options.filter;
    const passes = (e: FakeRecord): boolean => {
      if (!filter) return true;
      const value = filter.filterOn === 'eventType' ? e.type : e.streamId;
      if (filter.regex !== undefined) return new RegExp(filter.regex).test(value);
      return (filter.prefixes ?? []).some((prefix) => value.startsWith(prefix));
    };
    const sorted = [...this.log].filter(passes).sort(comparePositions);
    const from = options.fromPosition ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const at = (e: FakeRecord) =>
      typeof from === 'string' ? 0 : comparePositions(e, { position: from } as FakeRecord);
    let selected: FakeRecord[];
    if (options.direction === 'backwards') {
      selected =
        from === 'end'
          ? sorted.reverse()
          : sorted.filter((e) => (this.backwardsInclusive ? at(e) <= 0 : at(e) < 0)).reverse();
    } else {
      selected = from === 'start' ? sorted : sorted.filter((e) => at(e) >= 0);
    }
    return this.reading(selected.slice(0, max).map((event) => ({ event: { ...event } })));
  }

  async dispose() {
    this.disposed = true;
  }
}

const storeWith = (fake: FakeEventStoreDbClient): EventStoreDbEventStore => {
  const store = new EventStoreDbEventStore('esdb://localhost:2113?tls=false');
  Object.assign(store, { client: fake });
  return store;
};

const anEvent = (type = 'DemandFiled', data: Record<string, unknown> = { n: 1 }) => ({
  eventId: randomUUID(),
  type,
  data,
});

describe.each([
  ['backwards reads inclusive of their start', true],
  ['backwards reads exclusive of their start', false],
])('EventStoreDbEventStore over a stand-in client (%s)', (_name, backwardsInclusive) => {
  let fake: FakeEventStoreDbClient;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    fake = new FakeEventStoreDbClient(backwardsInclusive);
    store = storeWith(fake);
  });

  it('appends, then reads the events back with 0-based revisions, positions, metadata and recordedAt', async () => {
    const stream = `demand-${randomUUID()}`;
    const batch = [
      { ...anEvent('A', { x: 1 }), metadata: { actorId: 'u1', correlationId: 'c1' } },
      { ...anEvent('B', { y: 'é' }), schemaVersion: 2 },
    ];
    const result = await store.appendToStream(stream, 'no_stream', batch);
    expect(result.nextRevision).toBe(1n);
    expect(result.replayed).toBe(false);
    const events = await store.readStream(stream);
    expect(events.map((e) => [e.revision, e.type, e.eventId])).toEqual([
      [0n, 'A', batch[0]?.eventId],
      [1n, 'B', batch[1]?.eventId],
    ]);
    expect(events[0]).toMatchObject({
      streamId: stream,
      streamType: 'demand',
      data: { x: 1 },
      metadata: { actorId: 'u1', correlationId: 'c1' },
      schemaVersion: 1,
      recordedAt: fake.now,
    });
    expect(events[1]).toMatchObject({ metadata: {}, schemaVersion: 2 });
    // The append's position is its last event's, not the transaction's (shared commit, first prepare).
    expect(result.position).toBe(events[1]?.position);
    expect(result.position).not.toBe(encodePosition(fake.log[0]?.position ?? { commit: 0n, prepare: 0n }));
    expect((events[0]?.position ?? '') < (events[1]?.position ?? '')).toBe(true);
  });

  it('answers a retry of the same batch with the original result, replayed, and writes nothing', async () => {
    const stream = `demand-${randomUUID()}`;
    const first = [anEvent()];
    const original = await store.appendToStream(stream, 'no_stream', first);
    const second = [anEvent(), anEvent()];
    const next = await store.appendToStream(stream, 0n, second);
    await store.appendToStream(stream, 'any', [anEvent()]); // the stream moves on

    const calls = fake.appendCalls;
    await expect(store.appendToStream(stream, 'no_stream', first)).resolves.toEqual({
      ...original,
      replayed: true,
    });
    await expect(store.appendToStream(stream, 0n, second)).resolves.toEqual({ ...next, replayed: true });
    expect(fake.appendCalls).toBe(calls);
    expect(await store.readStream(stream)).toHaveLength(4);
  });

  it('recognises an `any` retry among the last events of the stream', async () => {
    const stream = `demand-${randomUUID()}`;
    await store.appendToStream(stream, 'no_stream', [anEvent()]);
    const batch = [anEvent(), anEvent()];
    const original = await store.appendToStream(stream, 'any', batch);
    await expect(store.appendToStream(stream, 'any', batch)).resolves.toEqual({
      ...original,
      replayed: true,
    });
    await expect(store.appendToStream(stream, 'stream_exists', batch)).resolves.toEqual({
      ...original,
      replayed: true,
    });
  });

  it('refuses a batch that is only partly recorded where it would be', async () => {
    const stream = `demand-${randomUUID()}`;
    const batch = [anEvent(), anEvent()];
    await store.appendToStream(stream, 'no_stream', batch);
    await expect(
      store.appendToStream(stream, 'no_stream', [batch[0] as never, anEvent()]),
    ).rejects.toBeInstanceOf(EventIdConflictError);
  });

  it('maps a wrong expected version to WrongExpectedRevisionError (actual: revision or no_stream)', async () => {
    const stream = `demand-${randomUUID()}`;
    const missing = await store.appendToStream(stream, 3n, [anEvent()]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
    expect(missing).toMatchObject({ streamId: stream, expected: '3', actual: 'no_stream' });
    await store.appendToStream(stream, 'no_stream', [anEvent(), anEvent()]);
    const stale = await store.appendToStream(stream, 0n, [anEvent()]).catch((e: unknown) => e);
    expect(stale).toMatchObject({ expected: '0', actual: 1n });
    await expect(store.appendToStream(stream, 'no_stream', [anEvent()])).rejects.toMatchObject({
      actual: 1n,
    });
    await expect(
      store.appendToStream(`demand-${randomUUID()}`, 'stream_exists', [anEvent()]),
    ).rejects.toMatchObject({ actual: 'no_stream' });
  });

  it('checks the expectation of an empty batch without writing', async () => {
    const stream = `demand-${randomUUID()}`;
    await expect(store.appendToStream(stream, 'no_stream', [])).resolves.toEqual({
      nextRevision: -1n,
      position: '',
      replayed: false,
    });
    await store.appendToStream(stream, 'no_stream', [anEvent()]);
    await expect(store.appendToStream(stream, 0n, [])).resolves.toEqual({
      nextRevision: 0n,
      position: '',
      replayed: false,
    });
    await expect(store.appendToStream(stream, 'no_stream', [])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(fake.appendCalls).toBe(1);
  });

  it('reads a missing stream as empty, and streams forwards / backwards with bounds', async () => {
    await expect(store.readStream(`demand-${randomUUID()}`)).resolves.toEqual([]);
    const stream = `demand-${randomUUID()}`;
    await store.appendToStream(stream, 'no_stream', [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()]);
    const revisions = async (options: Parameters<EventStoreDbEventStore['readStream']>[1]) =>
      (await store.readStream(stream, options)).map((e) => e.revision);
    expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(await revisions({ direction: 'backwards' })).toEqual([4n, 3n, 2n, 1n, 0n]);
    expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4n]);
    expect(await revisions({ fromRevision: 1n, toRevision: 3n })).toEqual([1n, 2n, 3n]);
    expect(await revisions({ toRevision: 2n })).toEqual([0n, 1n, 2n]);
    expect(await revisions({ direction: 'backwards', fromRevision: 3n, toRevision: 1n })).toEqual([
      3n,
      2n,
      1n,
    ]);
    expect(await revisions({ direction: 'backwards', toRevision: 3n })).toEqual([4n, 3n]);
    expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
    expect(await revisions({ fromRevision: 3n, toRevision: 1n })).toEqual([]);
    expect(await revisions({ maxCount: 0 })).toEqual([]);
  });

  it('filters recordedUpTo on the created date, also backwards with a maxCount', async () => {
    const stream = `demand-${randomUUID()}`;
    await store.appendToStream(stream, 'no_stream', [anEvent(), anEvent()]);
    const cutoff = new Date(fake.now.getTime());
    fake.now = new Date(fake.now.getTime() + 60_000);
    await store.appendToStream(stream, 1n, [anEvent(), anEvent()]);
    const revisions = async (options: Parameters<EventStoreDbEventStore['readStream']>[1]) =>
      (await store.readStream(stream, options)).map((e) => e.revision);
    expect(await revisions({ recordedUpTo: cutoff })).toEqual([0n, 1n]);
    expect(await revisions({ recordedUpTo: cutoff, direction: 'backwards', maxCount: 1 })).toEqual([1n]);
    expect(await revisions({ recordedUpTo: new Date(cutoff.getTime() - 1) })).toEqual([]);
  });

  it('reads $all after a position (exclusive), without system events, across pages', async () => {
    fake.systemEvents(3);
    const a = `demand-${randomUUID()}`;
    const b = `meeting-${randomUUID()}`;
    await store.appendToStream(a, 'no_stream', [anEvent('A1'), anEvent('A2')]);
    fake.systemEvents(1200); // more than a page of system events between two user events
    await store.appendToStream(b, 'no_stream', [anEvent('B1')]);
    fake.systemEvents(2);

    const all = await store.readAll();
    expect(all.map((e) => e.type)).toEqual(['A1', 'A2', 'B1']);
    const positions = all.map((e) => e.position);
    expect([...positions].sort()).toEqual(positions);

    expect((await store.readAll({ maxCount: 1 })).map((e) => e.type)).toEqual(['A1']);
    expect((await store.readAll({ after: positions[0], maxCount: 1 })).map((e) => e.type)).toEqual(['A2']);
    expect((await store.readAll({ after: positions[0] })).map((e) => e.type)).toEqual(['A2', 'B1']);
    expect((await store.readAll({ after: positions[1], maxCount: 5 })).map((e) => e.type)).toEqual(['B1']);
    expect(await store.readAll({ after: positions[2] })).toEqual([]);
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
    await expect(store.readAll({ after: '12:34' })).rejects.toBeInstanceOf(InvalidPositionError);
  });

  it('gives the head position: the last non-system event, even behind many system events', async () => {
    await expect(store.headPosition()).resolves.toBeUndefined();
    fake.systemEvents(5);
    await expect(store.headPosition()).resolves.toBeUndefined();
    const result = await store.appendToStream(`demand-${randomUUID()}`, 'no_stream', [anEvent(), anEvent()]);
    await expect(store.headPosition()).resolves.toBe(result.position);
    fake.systemEvents(1100);
    await expect(store.headPosition()).resolves.toBe(result.position);
    const all = await store.readAll();
    expect(all[all.length - 1]?.position).toBe(result.position);
  });

  it('feeds the event source in batches', async () => {
    const stream = `demand-${randomUUID()}`;
    await store.appendToStream(stream, 'no_stream', [anEvent('A'), anEvent('B'), anEvent('C')]);
    const source = new EventStoreDbEventSource(store);
    const first = await source.readBatch({} as never, undefined, 2);
    const rest = await source.readBatch({} as never, first[first.length - 1]?.position, 2);
    expect([...first, ...rest].map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('reads $all with the server-side system-event filter, never unfiltered', async () => {
    await store.appendToStream(`demand-${randomUUID()}`, 'no_stream', [anEvent('A')]);
    await store.readAll();
    await store.headPosition();
    expect(fake.filters.length).toBeGreaterThan(0);
    for (const filter of fake.filters)
      expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('feeds a projection only its event types, filtered on the server, with the checkpoint moved to the head', async () => {
    const stream = `demand-${randomUUID()}`;
    await store.appendToStream(stream, 'no_stream', [anEvent('A'), anEvent('B'), anEvent('C'), anEvent('B')]);
    const other = await store.appendToStream(`meeting-${randomUUID()}`, 'no_stream', [anEvent('M')]);
    fake.systemEvents(3);
    const source = new EventStoreDbEventSource(store);

    const first = await source.readTypes({} as never, undefined, 1, ['B']);
    expect(first.events.map((e) => e.type)).toEqual(['B']);
    expect(first.readTo).toBe(first.events[0]?.position);
    const rest = await source.readTypes({} as never, first.readTo, 10, ['B']);
    expect(rest.events.map((e) => e.type)).toEqual(['B']);
    // Not a full batch: the checkpoint moves past the later events of other types, up to the head.
    expect(rest.readTo).toBe(other.position);
    const none = await source.readTypes({} as never, rest.readTo, 10, ['B']);
    expect(none).toEqual({ events: [], readTo: undefined });
    // Only B left the (stand-in) server for these reads.
    expect(fake.filters).toContainEqual(expect.objectContaining({ filterOn: 'eventType', regex: '^(?:B)$' }));
  });

  it('disposes of the client on close', async () => {
    await store.close();
    expect(fake.disposed).toBe(true);
  });
});
