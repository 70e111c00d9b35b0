import { randomUUID } from 'node:crypto';
import { readTypesFrom, SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { backends, type TestDatabase } from '../support/databases.js';

// A projection reads only the event types it handles, filtered in the query, and moves its checkpoint past the
// others to the head of the same snapshot (issue 12). Positions must be compared as positions: 300 transactions
// carry the transaction ids across a power of ten on a fresh PGlite (the head sorted as text once took 999 for
// the last of 1000, and events were applied twice).

describe.each(backends)('Reading the types a projection handles on %s', (_name, create) => {
  let t: TestDatabase;
  let store: SqlEventStore;
  beforeAll(async () => {
    t = await create();
    store = new SqlEventStore(t.db);
  });
  afterAll(() => t.drop());

  it('delivers every event of the types asked once, in order, and ends at the head', async () => {
    const tag = randomUUID().slice(0, 8);
    const wanted = `Wanted${tag}`;
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      const eventId = randomUUID();
      const type = i % 7 === 3 ? wanted : `Other${tag}`;
      if (type === wanted) expected.push(eventId);
      await store.appendToStream(`read-${tag}-${i % 11}`, 'any', [{ eventId, type, data: { i } }]);
    }
    const head = await store.headPosition();

    const seen: string[] = [];
    let from: string | undefined;
    const checkpoints: string[] = [];
    for (let batches = 0; batches < 1000; batches++) {
      const { events, readTo } = await readTypesFrom(t.db, { after: from, maxCount: 7, types: [wanted] });
      if (readTo === undefined) break;
      for (const event of events) {
        expect(event.type).toBe(wanted);
        expect(from === undefined || event.position > from).toBe(true);
        expect(event.position <= readTo).toBe(true);
      }
      seen.push(...events.map((event) => event.eventId));
      checkpoints.push(readTo);
      from = readTo;
    }

    expect(seen).toEqual(expected);
    expect(from).toBe(head);
    expect([...checkpoints].sort()).toEqual(checkpoints);
    // Caught up: nothing more, and no move.
    expect(await readTypesFrom(t.db, { after: from, maxCount: 7, types: [wanted] })).toEqual({
      events: [],
      readTo: undefined,
    });
  });

  it('a store with none of the types asked is passed in one read', async () => {
    const head = await store.headPosition();
    const read = await readTypesFrom(t.db, { maxCount: 100, types: ['NoSuchType'] });
    expect(read).toEqual({ events: [], readTo: head });
  });
});
