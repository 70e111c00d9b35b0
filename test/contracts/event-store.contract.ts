import { randomUUID } from 'node:crypto';
import {
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  streamTypeOf,
} from '../../src/infrastructure/event-store/event-store.js';
import {
  EventIdConflictError,
  WrongExpectedRevisionError,
} from '../../src/infrastructure/event-store/event-store.errors.js';

/**
 * The port-level behaviour every EventStore adapter must have (PostgreSQL, PGlite, EventStoreDB). The store may be
 * shared with other writers: every case uses its own streams (random ids) and never assumes an empty store, and
 * reads of `$all` look for the case's own events after a position taken before the case wrote anything.
 */
export function describeEventStoreContract(
  backendName: string,
  open: () => Promise<{ store: EventStore; teardown: () => Promise<void> }>,
  /** EventStoreDB keeps event ids unique per stream only (no global index): the weaker case applies there. */
  capabilities: { globalEventIds: boolean } = { globalEventIds: true },
): void {
  describe(`EventStore contract (${backendName})`, () => {
    let store: EventStore;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, teardown } = await open());
    });
    afterAll(async () => {
      await teardown?.();
    });

    const newStream = (category = 'contract'): string => `${category}-${randomUUID()}`;
    const event = (type: string, data: Record<string, unknown> = {}, extra: Partial<EventToAppend> = {}) => ({
      eventId: randomUUID(),
      type,
      data,
      ...extra,
    });
    const numbered = (count: number, type = 'Numbered'): EventToAppend[] =>
      Array.from({ length: count }, (_, n) => event(type, { n }));
    const revisions = (events: readonly RecordedEvent[]) => events.map((e) => e.revision);

    /** Appends `count` events one by one, returns them as recorded. */
    const seedStream = async (streamId: string, count: number): Promise<RecordedEvent[]> => {
      await store.appendToStream(streamId, 'no_stream', numbered(count));
      return store.readStream(streamId);
    };

    /**
     * Follows `$all` from `after` (exclusive) until every id in `ids` has been read, and returns those events in
     * the order `$all` delivered them. Waits for visibility: a subscription read may lag behind a commit.
     */
    const readAllUntil = async (
      after: string | undefined,
      ids: readonly string[],
      timeoutMs = 30_000,
    ): Promise<RecordedEvent[]> => {
      const wanted = new Set(ids);
      const found: RecordedEvent[] = [];
      let cursor = after;
      const deadline = Date.now() + timeoutMs;
      while (found.length < wanted.size) {
        const page = await store.readAll({ after: cursor, maxCount: 500 });
        for (const e of page) {
          if (cursor !== undefined) expect(e.position > cursor).toBe(true);
          if (wanted.has(e.eventId)) found.push(e);
        }
        const last = page[page.length - 1];
        if (last) {
          cursor = last.position;
          continue;
        }
        if (Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(found.map((e) => e.eventId).sort()).toEqual([...wanted].sort());
      return found;
    };

    const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => {
          throw new Error('expected the append to be rejected');
        },
        (error: unknown) => error,
      );

    const expectWrongExpected = async (
      streamId: string,
      expected: ExpectedRevision,
      actual: bigint | 'no_stream',
      events: readonly EventToAppend[] = [event('Refused')],
    ) => {
      const error = await rejection(store.appendToStream(streamId, expected, events));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({
        streamId,
        expected: String(expected),
        actual,
        kind: 'conflict',
        code: 'STREAM.WRONG_EXPECTED_REVISION',
      });
    };

    describe('append and read a stream', () => {
      it('appends to a new stream and reads it forwards, as recorded', async () => {
        const streamId = newStream('demand');
        const toAppend = [event('First', { a: 1 }), event('Second', { b: 'two' }), event('Third', {})];
        const before = Date.now();
        const result = await store.appendToStream(streamId, 'no_stream', toAppend);

        expect(result).toEqual({ nextRevision: 2n, position: expect.any(String), replayed: false });
        const read = await store.readStream(streamId);
        expect(read).toHaveLength(3);
        read.forEach((e, i) => {
          expect(e).toMatchObject({
            eventId: toAppend[i]?.eventId,
            streamId,
            streamType: streamTypeOf(streamId),
            revision: BigInt(i),
            type: toAppend[i]?.type,
            data: toAppend[i]?.data,
            schemaVersion: 1,
            metadata: {},
          });
          expect(e.recordedAt).toBeInstanceOf(Date);
          // Server clock: allow some skew, but it is the time of this append.
          expect(Math.abs(e.recordedAt.getTime() - before)).toBeLessThan(120_000);
        });
        expect(read[2]?.position).toBe(result.position);
      });

      it('reads a stream backwards', async () => {
        const streamId = newStream();
        await seedStream(streamId, 4);
        expect(revisions(await store.readStream(streamId, { direction: 'backwards' }))).toEqual([
          3n,
          2n,
          1n,
          0n,
        ]);
      });

      it('reads forwards from / to a revision, with maxCount', async () => {
        const streamId = newStream();
        await seedStream(streamId, 6);
        expect(revisions(await store.readStream(streamId, { fromRevision: 2n }))).toEqual([2n, 3n, 4n, 5n]);
        expect(revisions(await store.readStream(streamId, { fromRevision: 1n, toRevision: 3n }))).toEqual([
          1n,
          2n,
          3n,
        ]);
        expect(revisions(await store.readStream(streamId, { toRevision: 1n }))).toEqual([0n, 1n]);
        expect(revisions(await store.readStream(streamId, { fromRevision: 1n, maxCount: 2 }))).toEqual([
          1n,
          2n,
        ]);
        expect(revisions(await store.readStream(streamId, { maxCount: 1 }))).toEqual([0n]);
        expect(await store.readStream(streamId, { fromRevision: 6n })).toEqual([]);
        expect(revisions(await store.readStream(streamId, { fromRevision: 3n, toRevision: 3n }))).toEqual([
          3n,
        ]);
      });

      it('reads backwards from / to a revision, with maxCount', async () => {
        const streamId = newStream();
        await seedStream(streamId, 6);
        const backwards = { direction: 'backwards' } as const;
        expect(revisions(await store.readStream(streamId, { ...backwards, fromRevision: 3n }))).toEqual([
          3n,
          2n,
          1n,
          0n,
        ]);
        expect(
          revisions(await store.readStream(streamId, { ...backwards, fromRevision: 4n, toRevision: 2n })),
        ).toEqual([4n, 3n, 2n]);
        expect(revisions(await store.readStream(streamId, { ...backwards, toRevision: 4n }))).toEqual([
          5n,
          4n,
        ]);
        expect(revisions(await store.readStream(streamId, { ...backwards, maxCount: 2 }))).toEqual([5n, 4n]);
        expect(
          revisions(await store.readStream(streamId, { ...backwards, fromRevision: 2n, maxCount: 2 })),
        ).toEqual([2n, 1n]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(newStream())).toEqual([]);
        expect(await store.readStream(newStream(), { direction: 'backwards' })).toEqual([]);
      });

      it('reads only the events recorded up to an instant (recordedUpTo), including an event at that instant', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, 'no_stream', numbered(2));
        const [, second] = await store.readStream(streamId);
        if (!second) throw new Error('missing event');
        // The next append is recorded strictly later (the server's clock, not ours, stamps events).
        await new Promise((resolve) => setTimeout(resolve, 15));
        await store.appendToStream(streamId, 1n, numbered(2));
        const all = await store.readStream(streamId);
        expect(all[2]?.recordedAt.getTime()).toBeGreaterThan(second.recordedAt.getTime());

        expect(revisions(await store.readStream(streamId, { recordedUpTo: second.recordedAt }))).toEqual([
          0n,
          1n,
        ]);
        expect(
          revisions(
            await store.readStream(streamId, { recordedUpTo: second.recordedAt, direction: 'backwards' }),
          ),
        ).toEqual([1n, 0n]);
        expect(
          await store.readStream(streamId, { recordedUpTo: new Date(second.recordedAt.getTime() - 60_000) }),
        ).toEqual([]);
        expect(
          revisions(await store.readStream(streamId, { recordedUpTo: new Date(Date.now() + 60_000) })),
        ).toEqual([0n, 1n, 2n, 3n]);
      });

      it('round-trips data, metadata and schema version', async () => {
        const streamId = newStream();
        const data = {
          text: 'Émilie « CPIP » — 🚀 "quoted" \\ back\\slash \' single',
          number: 12.5,
          negative: -3,
          flag: false,
          nothing: null,
          list: [1, 'two', { three: 3 }],
          nested: { deeper: { deepest: ['x'] }, empty: {} },
        };
        const metadata = {
          correlationId: randomUUID(),
          causationId: randomUUID(),
          actorId: 'user-42',
          occurredAt: '2024-02-23T09:30:00.000Z',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          note: 'ünïcødé "quotes" \\ and, commas {braces}',
        };
        await store.appendToStream(streamId, 'no_stream', [
          event('WithMetadata', data, { metadata }),
          event('Upcastable', { v: 2 }, { schemaVersion: 3 }),
          event('NoMetadata', {}),
        ]);
        const [first, second, third] = await store.readStream(streamId);
        expect(first?.data).toEqual(data);
        expect(first?.metadata).toEqual(metadata);
        expect(first?.schemaVersion).toBe(1);
        expect(second?.schemaVersion).toBe(3);
        expect(second?.metadata).toEqual({});
        expect(third?.metadata).toEqual({});
        expect(third?.data).toEqual({});
      });
    });

    describe('expected revision', () => {
      it('no_stream: creates a stream; refuses an existing one with its actual revision', async () => {
        const streamId = newStream();
        expect((await store.appendToStream(streamId, 'no_stream', numbered(2))).nextRevision).toBe(1n);
        await expectWrongExpected(streamId, 'no_stream', 1n);
        expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n]);
      });

      it('stream_exists: appends to an existing stream; refuses a missing one', async () => {
        const streamId = newStream();
        await expectWrongExpected(streamId, 'stream_exists', 'no_stream');
        expect(await store.readStream(streamId)).toEqual([]);
        await store.appendToStream(streamId, 'no_stream', numbered(1));
        const result = await store.appendToStream(streamId, 'stream_exists', numbered(2));
        expect(result.nextRevision).toBe(2n);
        expect(result.replayed).toBe(false);
      });

      it('exact revision: appends when the stream is there; refuses otherwise with the actual revision', async () => {
        const streamId = newStream();
        await expectWrongExpected(streamId, 0n, 'no_stream');
        await store.appendToStream(streamId, 'no_stream', numbered(2));
        expect((await store.appendToStream(streamId, 1n, numbered(1))).nextRevision).toBe(2n);
        await expectWrongExpected(streamId, 1n, 2n); // stale
        await expectWrongExpected(streamId, 5n, 2n); // ahead
        expect((await store.appendToStream(streamId, 2n, numbered(3))).nextRevision).toBe(5n);
        expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      });

      it('any: appends to a missing or an existing stream', async () => {
        const streamId = newStream();
        expect((await store.appendToStream(streamId, 'any', numbered(1))).nextRevision).toBe(0n);
        expect((await store.appendToStream(streamId, 'any', numbered(2))).nextRevision).toBe(2n);
        expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n, 2n]);
      });

      it('a refused append records nothing', async () => {
        const streamId = newStream();
        const [existing] = await seedStream(streamId, 1);
        const refused = event('Refused');
        await expectWrongExpected(streamId, 'no_stream', 0n, [refused]);
        await expectWrongExpected(streamId, 3n, 0n, [refused]);
        expect(await store.readStream(streamId)).toEqual([existing]);
        // The refused id was not recorded: it can be used afterwards.
        const result = await store.appendToStream(streamId, 0n, [refused]);
        expect(result).toMatchObject({ nextRevision: 1n, replayed: false });
      });

      it('concurrent creators of one stream: exactly one wins, the others get the actual revision', async () => {
        const streamId = newStream();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.appendToStream(streamId, 'no_stream', numbered(2))),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(4);
        for (const o of lost) {
          expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(o.reason).toMatchObject({ streamId, actual: 1n });
        }
        expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n]);
      });
    });

    describe('idempotent retry', () => {
      it('a retry with the same ids returns the original result, replayed, and records nothing new', async () => {
        const streamId = newStream();
        const head = await store.headPosition();
        const batch = numbered(3);
        const original = await store.appendToStream(streamId, 'no_stream', batch);
        const retry = await store.appendToStream(streamId, 'no_stream', batch);
        expect(retry).toEqual({
          nextRevision: original.nextRevision,
          position: original.position,
          replayed: true,
        });
        expect(await store.readStream(streamId)).toHaveLength(3);
        const delivered = await readAllUntil(
          head,
          batch.map((e) => e.eventId),
        );
        expect(delivered).toHaveLength(3);
      });

      it('a retry of an earlier batch, after later appends, returns that batch’s result', async () => {
        const streamId = newStream();
        const first = numbered(2);
        const firstResult = await store.appendToStream(streamId, 'no_stream', first);
        const second = numbered(1);
        const secondResult = await store.appendToStream(streamId, 1n, second);
        expect(await store.appendToStream(streamId, 'no_stream', first)).toEqual({
          ...firstResult,
          replayed: true,
        });
        expect(await store.appendToStream(streamId, 1n, second)).toEqual({ ...secondResult, replayed: true });
        expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n, 2n]);
      });

      it('a retry with an exact expected revision is replayed too', async () => {
        const streamId = newStream();
        await seedStream(streamId, 2);
        const batch = numbered(2);
        const original = await store.appendToStream(streamId, 1n, batch);
        expect(await store.appendToStream(streamId, 1n, batch)).toEqual({ ...original, replayed: true });
        expect(await store.readStream(streamId)).toHaveLength(4);
      });

      if (capabilities.globalEventIds) {
        // Needs ids unique across the store: EventStoreDB only looks where the batch would go.
        it('a retry whose expected revision happens to hold again is still replayed, not recorded twice', async () => {
          const streamId = newStream();
          const [first] = numbered(1);
          const firstResult = await store.appendToStream(streamId, 'no_stream', [first!]);
          await store.appendToStream(streamId, 0n, numbered(1));
          // The stream is at revision 1 now: an expected revision of 1 holds, but the event is already there.
          expect(await store.appendToStream(streamId, 1n, [first!])).toEqual({
            ...firstResult,
            replayed: true,
          });
          const batch = numbered(2);
          const batchResult = await store.appendToStream(streamId, 1n, batch);
          expect(await store.appendToStream(streamId, 3n, batch)).toEqual({ ...batchResult, replayed: true });
          expect(revisions(await store.readStream(streamId))).toEqual([0n, 1n, 2n, 3n]);
        });

        it('the same ids in another stream are refused (EventIdConflictError) and nothing is recorded there', async () => {
          const streamId = newStream();
          const other = newStream();
          const batch = numbered(2);
          await store.appendToStream(streamId, 'no_stream', batch);
          const error = await rejection(store.appendToStream(other, 'any', batch));
          expect(error).toBeInstanceOf(EventIdConflictError);
          expect(error).toMatchObject({
            streamId: other,
            kind: 'conflict',
            code: 'STREAM.EVENT_ID_CONFLICT',
          });
          expect(await store.readStream(other)).toEqual([]);
          expect(await store.readStream(streamId)).toHaveLength(2);
        });

        it('ids recorded in another stream are refused under an expected state that holds (one event or several)', async () => {
          const streamId = newStream();
          const batch = numbered(2);
          await store.appendToStream(streamId, 'no_stream', batch);
          const other = newStream();
          for (const events of [[batch[1]!], batch, [...numbered(1), batch[0]!]]) {
            const error = await rejection(store.appendToStream(other, 'no_stream', events));
            expect(error).toBeInstanceOf(EventIdConflictError);
          }
          await store.appendToStream(other, 'no_stream', numbered(1));
          expect(await rejection(store.appendToStream(other, 0n, [batch[0]!]))).toBeInstanceOf(
            EventIdConflictError,
          );
          expect(await store.readStream(other)).toHaveLength(1);
          expect(await store.readStream(streamId)).toHaveLength(2);
        });
      } else {
        it('the same ids in another stream leave the first stream as it was', async () => {
          const streamId = newStream();
          const batch = numbered(2);
          await store.appendToStream(streamId, 'no_stream', batch);
          await store.appendToStream(newStream(), 'any', batch).catch(() => undefined);
          expect(await store.readStream(streamId)).toHaveLength(2);
        });
      }
    });

    describe('$all', () => {
      it('reads in append order, with positions that increase as strings, after an exclusive position', async () => {
        const a = newStream();
        const b = newStream();
        const head = await store.headPosition();
        const appended: EventToAppend[] = [];
        const appendTo = async (streamId: string, expected: ExpectedRevision, events: EventToAppend[]) => {
          appended.push(...events);
          return store.appendToStream(streamId, expected, events);
        };
        await appendTo(a, 'no_stream', numbered(2, 'InA'));
        await appendTo(b, 'no_stream', numbered(1, 'InB'));
        const lastResult = await appendTo(a, 1n, numbered(2, 'InA'));

        const ids = appended.map((e) => e.eventId);
        const delivered = await readAllUntil(head, ids);
        expect(delivered.map((e) => e.eventId)).toEqual(ids);
        expect(delivered.map((e) => `${e.streamId}@${e.revision}`)).toEqual([
          `${a}@0`,
          `${a}@1`,
          `${b}@0`,
          `${a}@2`,
          `${a}@3`,
        ]);
        const positions = delivered.map((e) => e.position);
        positions.slice(1).forEach((p, i) => expect(p > (positions[i] as string)).toBe(true));
        expect(positions[positions.length - 1]).toBe(lastResult.position);
        // The same events, with the same positions, as the stream reads give.
        const streamA = await store.readStream(a);
        expect(streamA.map((e) => e.position)).toEqual([
          positions[0],
          positions[1],
          positions[3],
          positions[4],
        ]);
        expect(delivered.map((e) => e.data)).toEqual(appended.map((e) => e.data));

        // `after` is exclusive.
        const afterSecond = await store.readAll({ after: positions[1], maxCount: 1000 });
        expect(afterSecond.every((e) => e.position > (positions[1] as string))).toBe(true);
        const ours = afterSecond.filter((e) => ids.includes(e.eventId)).map((e) => e.eventId);
        expect(ours).toEqual(ids.slice(2));
        const afterLast = await store.readAll({ after: lastResult.position });
        expect(afterLast.filter((e) => ids.includes(e.eventId))).toEqual([]);
      });

      it('maxCount bounds a page; pages chain without gaps or repeats', async () => {
        const streamId = newStream();
        const head = await store.headPosition();
        const batch = numbered(7);
        await store.appendToStream(streamId, 'no_stream', batch);
        const ids = batch.map((e) => e.eventId);
        const delivered = await readAllUntil(head, ids);

        const firstPage = await store.readAll({ after: head, maxCount: 2 });
        expect(firstPage).toHaveLength(2);
        const paged: RecordedEvent[] = [];
        let cursor = head;
        while (paged.filter((e) => ids.includes(e.eventId)).length < ids.length) {
          const page = await store.readAll({ after: cursor, maxCount: 3 });
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(3);
          paged.push(...page);
          cursor = page[page.length - 1]?.position;
        }
        expect(paged.filter((e) => ids.includes(e.eventId))).toEqual(delivered);
        expect(new Set(paged.map((e) => e.position)).size).toBe(paged.length);
      });

      it('reads from the beginning when no position is given', async () => {
        const streamId = newStream();
        const head = await store.headPosition();
        const batch = numbered(1);
        const result = await store.appendToStream(streamId, 'no_stream', batch);
        await readAllUntil(
          head,
          batch.map((e) => e.eventId),
        );
        const [first] = await store.readAll({ maxCount: 1 });
        expect(first).toBeDefined();
        expect((first as RecordedEvent).position <= (head ?? result.position)).toBe(true);
      });

      it('headPosition is at or after the last visible event', async () => {
        const streamId = newStream();
        const head = await store.headPosition();
        const batch = numbered(2);
        const result = await store.appendToStream(streamId, 'no_stream', batch);
        await readAllUntil(
          head,
          batch.map((e) => e.eventId),
        );
        const after = await store.headPosition();
        expect(after).toBeDefined();
        expect((after as string) >= result.position).toBe(true);
        if (head !== undefined) expect((after as string) > head).toBe(true);
      });

      it('positions of successive appends increase as strings', async () => {
        const streamId = newStream();
        const positions: string[] = [];
        let expected: ExpectedRevision = 'no_stream';
        for (let i = 0; i < 12; i++) {
          const result = await store.appendToStream(streamId, expected, numbered(1 + (i % 3)));
          expect(typeof result.position).toBe('string');
          positions.push(result.position);
          expected = result.nextRevision;
        }
        positions.slice(1).forEach((p, i) => expect(p > (positions[i] as string)).toBe(true));
        expect([...positions].sort()).toEqual(positions);
        const read = await store.readStream(streamId);
        const readPositions = read.map((e) => e.position);
        expect([...readPositions].sort()).toEqual(readPositions);
        expect(new Set(readPositions).size).toBe(read.length);
      });
    });

    describe('empty append', () => {
      it('checks the expected revision, records nothing and leaves the stream as it was', async () => {
        const streamId = newStream();
        const [only] = await seedStream(streamId, 1);
        const result = await store.appendToStream(streamId, 0n, []);
        expect(result.nextRevision).toBe(0n);
        expect(result.replayed).toBe(false);
        expect(await store.readStream(streamId)).toEqual([only]);
        await expectWrongExpected(streamId, 3n, 0n, []);
        await expectWrongExpected(streamId, 'no_stream', 0n, []);
        // The stream still takes its next revision.
        expect((await store.appendToStream(streamId, 0n, numbered(1))).nextRevision).toBe(1n);
      });

      it('does not create a stream', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, 'any', []);
        await store.appendToStream(streamId, 'no_stream', []);
        expect(await store.readStream(streamId)).toEqual([]);
        await expectWrongExpected(streamId, 'stream_exists', 'no_stream', []);
        expect((await store.appendToStream(streamId, 'no_stream', numbered(1))).nextRevision).toBe(0n);
      });
    });
  });
}
