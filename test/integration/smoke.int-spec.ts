import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { backends, type TestDatabase } from '../support/databases.js';

describe.each(backends)('Event store smoke (%s)', (_name, create) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  it('appends and reads back', async () => {
    const store = new SqlEventStore(t.db);
    const stream = `demand-${randomUUID()}`;
    const r = await store.appendToStream(stream, 'no_stream', [
      { eventId: randomUUID(), type: 'A', data: { x: 1 } },
      { eventId: randomUUID(), type: 'B', data: { y: 'é' } },
    ]);
    expect(r.nextRevision).toBe(1n);
    const events = await store.readStream(stream);
    expect(events.map((e) => e.type)).toEqual(['A', 'B']);
    const all = await store.readAll();
    expect(all).toHaveLength(2);
    expect(all[1]?.position).toBe(r.position);
  });
});
