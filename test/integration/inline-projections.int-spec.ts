import { randomUUID } from 'node:crypto';
import { demandHistoryProjection } from '../../src/demands/demand-history/demand-history.projection.js';
import { demandStatusProjection } from '../../src/demands/demand-status/demand-status.projection.js';
import { type DemandEvent } from '../../src/demands/domain/demand.events.js';
import { demandStreamId } from '../../src/demands/domain/demand.js';
import { type Database } from '../../src/infrastructure/database/database.js';
import {
  type AppendOptions,
  type EventToAppend,
  type RecordedEvent,
} from '../../src/infrastructure/event-store/event-store.js';
import { WrongExpectedRevisionError } from '../../src/infrastructure/event-store/event-store.errors.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { ProjectionRunner, resetProjection } from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { backends, type TestDatabase } from '../support/databases.js';
import {
  commitmentMade,
  demandRaised,
  demandSubmitted,
  managementDeferred,
  managementResponseReceived,
  progressReported,
} from '../support/builders/demand.events.js';

/**
 * Inline read models (ADR 0021): demand_status and demand_history written in the append's own transaction, as the
 * DecisionExecutor does for a command. Their rows must be exactly those a rebuild by the checkpointed runner gives,
 * the runner must then change nothing (never apply an event twice), and still fill in what was appended without
 * them (a copy, an older instance).
 */

const INLINE = [demandStatusProjection, demandHistoryProjection];
const STATUS_SQL = 'SELECT * FROM rm.demand_status ORDER BY demand_id';
const HISTORY_SQL = 'SELECT * FROM rm.demand_history ORDER BY demand_id, revision';

const toAppend = (event: DemandEvent, index = 0): EventToAppend => ({
  eventId: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: { actorId: `acct-${index % 3}`, occurredAt: event.data.occurredAt, organisationId: 'union-a' },
});

/** What the executor passes to the store: every inline projection, over the stream read and the events appended. */
const inlineWork = (read: readonly RecordedEvent[]): AppendOptions => ({
  inTransaction: async (tx, appended) => {
    for (const projection of INLINE) await projection.applyInline?.([...read, ...appended], appended, tx);
  },
});

/** The life of one demand, 11 events (revision 10 sorts before 9 as text). */
const lifeOf = (demandId: string): DemandEvent[] => [
  demandRaised({ demandId }),
  demandSubmitted({ demandId }),
  ...Array.from({ length: 7 }, (_, i) =>
    managementDeferred({ demandId, newDueAt: new Date(Date.UTC(2024, 5, 1 + i)).toISOString() }),
  ),
  managementResponseReceived({ demandId }),
  commitmentMade({ demandId }),
];

describe.each(backends)('Inline read models (%s)', (_name, create) => {
  let t: TestDatabase;
  let db: Database;
  let store: SqlEventStore;
  let source: SqlEventSource;

  beforeAll(async () => {
    t = await create();
    db = t.db;
    store = new SqlEventStore(db);
    source = new SqlEventSource(db);
  });
  afterAll(() => t.drop());

  const rows = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;
  const runnersCatchUp = async () => {
    for (const projection of INLINE) {
      const runner = new ProjectionRunner(db, source, projection, { batchSize: 7 });
      await runner.register();
      await runner.catchUp();
    }
  };

  /** One event per append, as commands do, each with the stream as read just before. */
  const command = async (demandId: string, event: DemandEvent, index: number) => {
    const streamId = demandStreamId(demandId);
    const read = await store.readStream(streamId);
    const last = read[read.length - 1];
    return store.appendToStream(
      streamId,
      last ? last.revision : 'no_stream',
      [toAppend(event, index)],
      inlineWork(read),
    );
  };

  it('When commands append demand events, then their rows are written at commit, the runner after them changes nothing, and a rebuild gives the same rows', async () => {
    const inlineIds = Array.from({ length: 6 }, (_, i) => `dem-inline-${i}`);
    const appendLives = async (from: number, to: number) => {
      for (const [i, demandId] of inlineIds.entries()) {
        for (const [k, event] of lifeOf(demandId).entries()) {
          if (k < from || k >= to) continue;
          const result = await command(demandId, event, i + k);
          expect(result.inTransaction).toBe(true);
        }
      }
    };
    // The runner passes by in the middle: afterwards it reads events whose rows already hold them.
    await appendLives(0, 4);
    await runnersCatchUp();
    await appendLives(4, 11);
    // Several events in one append (the es.append path), inline as well.
    const many = await store.appendToStream(
      demandStreamId('dem-inline-many'),
      'no_stream',
      lifeOf('dem-inline-many').map(toAppend),
      inlineWork([]),
    );
    expect(many.inTransaction).toBe(true);
    // Appended without the inline work (a copy, an instance of before): only the runner writes these.
    for (const demandId of ['dem-copied-0', 'dem-copied-1']) {
      await store.appendToStream(demandStreamId(demandId), 'no_stream', lifeOf(demandId).map(toAppend));
    }
    // A demand appended to both ways: half inline, then one copied event, then inline again.
    const mixed = 'dem-mixed';
    const [first, second, third, ...rest] = lifeOf(mixed);
    await command(mixed, first as DemandEvent, 0);
    await command(mixed, second as DemandEvent, 1);
    await store.appendToStream(demandStreamId(mixed), 1n, [toAppend(third as DemandEvent)]);
    for (const event of rest) await command(mixed, event, 2);

    // Before any runner: every inline demand is there, at its last revision, with its 11 history rows.
    const before = await rows(STATUS_SQL);
    const inlineRows = before.filter((row) => String(row.demand_id).startsWith('dem-inline-'));
    expect(inlineRows).toHaveLength(7);
    expect(inlineRows.map((row) => String(row.revision))).toEqual(Array(7).fill('10'));
    expect(before.some((row) => String(row.demand_id).startsWith('dem-copied-'))).toBe(false);
    expect((await rows(HISTORY_SQL)).filter((row) => row.demand_id === 'dem-inline-0')).toHaveLength(11);

    await runnersCatchUp();
    const status = await rows(STATUS_SQL);
    const history = await rows(HISTORY_SQL);
    expect(status).toHaveLength(10);
    expect(history).toHaveLength(10 * 11);
    // The runner left the inline rows as they were (no event applied twice: same updated_at, same state).
    expect(status.filter((row) => String(row.demand_id).startsWith('dem-inline-'))).toEqual(inlineRows);
    expect(status.find((row) => row.demand_id === mixed)?.revision).toEqual(
      before.find((row) => row.demand_id === mixed)?.revision,
    );

    for (const projection of INLINE) await resetProjection(db, projection);
    await runnersCatchUp();
    expect(await rows(STATUS_SQL)).toEqual(status);
    expect(await rows(HISTORY_SQL)).toEqual(history);
  });

  it('When the runner is behind a row written inline, then it never moves the row back to an older revision', async () => {
    const demandId = 'dem-race';
    const streamId = demandStreamId(demandId);
    await store.appendToStream(streamId, 'no_stream', [toAppend(demandRaised({ demandId }))]);
    // The runner reads the first event and is about to write revision 0 while a command writes revision 1 inline.
    const runner = new ProjectionRunner(db, source, demandStatusProjection, { batchSize: 1000 });
    await runner.register();
    const stale = await store.readStream(streamId);
    await command(demandId, demandSubmitted({ demandId }), 0);
    await db.withTransaction((tx) => demandStatusProjection.apply(stale, tx));
    const [row] = (
      await db.query<{ revision: string; status: string }>(
        `SELECT revision::text AS revision, status FROM rm.demand_status WHERE demand_id = $1`,
        [demandId],
      )
    ).rows;
    expect(row).toEqual({ revision: '1', status: 'SUBMITTED' });
  });

  it('When the inline work fails, then nothing is recorded: neither the event nor any row', async () => {
    const demandId = 'dem-failing';
    const streamId = demandStreamId(demandId);
    await command(demandId, demandRaised({ demandId }), 0);
    const failing: AppendOptions = {
      inTransaction: async (tx, appended) => {
        await demandHistoryProjection.applyInline?.(appended, appended, tx);
        throw new Error('read model refused');
      },
    };
    await expect(
      store.appendToStream(streamId, 0n, [toAppend(progressReported({ demandId }))], failing),
    ).rejects.toThrow('read model refused');
    // Several events: the es.append path, same answer.
    await expect(
      store.appendToStream(
        streamId,
        0n,
        [toAppend(demandSubmitted({ demandId })), toAppend(progressReported({ demandId }))],
        failing,
      ),
    ).rejects.toThrow('read model refused');
    expect(await store.readStream(streamId)).toHaveLength(1);
    const history = await db.query(`SELECT 1 FROM rm.demand_history WHERE demand_id = $1`, [demandId]);
    expect(history.rows).toHaveLength(1);
    // The stream is usable at the revision nothing moved.
    expect((await command(demandId, demandSubmitted({ demandId }), 1)).nextRevision).toBe(1n);
  });

  it('When the expected revision is stale or the command is a retry, then the inline work does not run', async () => {
    const demandId = 'dem-conflict';
    const streamId = demandStreamId(demandId);
    await command(demandId, demandRaised({ demandId }), 0);
    const submitted = toAppend(demandSubmitted({ demandId }));
    let ran = 0;
    const counting: AppendOptions = {
      inTransaction: async () => {
        ran += 1;
      },
    };
    const first = await store.appendToStream(streamId, 0n, [submitted], counting);
    expect(first.inTransaction).toBe(true);
    expect(ran).toBe(1);
    // The same event id again: an idempotent retry, answered from what was recorded.
    const retry = await store.appendToStream(streamId, 0n, [submitted], counting);
    expect(retry).toMatchObject({ replayed: true, nextRevision: 1n });
    expect(retry.inTransaction).not.toBe(true);
    // Another event at a revision that has moved on.
    await expect(
      store.appendToStream(streamId, 0n, [toAppend(progressReported({ demandId }))], counting),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(ran).toBe(1);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });
});
