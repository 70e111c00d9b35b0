// The read model the crash tests rebuild, shared by the test and its children (plain ESM: the children run with
// node, without a TypeScript loader). Its state is folded event by event, so any event applied twice, skipped or
// applied out of order changes the rows; and it does not depend on batch boundaries, so a rebuild in batches of
// 200 must give exactly the rows of one in batches of 1000.
import { createHash } from 'node:crypto';

export const HANDLED_TYPES = ['Deposited', 'Withdrawn'];
/** Recorded by the seed, ignored by the projection (its checkpoint must still move past them). */
export const UNHANDLED_TYPE = 'Noted';

/** @type {import('../../../src/infrastructure/projections/projection.js').Projection} */
export const crashProjection = {
  name: 'crash_ledger',
  version: 1,
  eventTypes: HANDLED_TYPES,
  tables: ['crash_accounts', 'crash_applied'],
  async apply(events, tx) {
    // One row per event, counting applications: exactly once shows as applied = 1 everywhere.
    await tx.query(
      `INSERT INTO crash_applied (event_id, stream_id, revision, applied)
       SELECT x.event_id::uuid, x.stream_id, x.revision::bigint, 1
         FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, stream_id text, revision text)
       ON CONFLICT (event_id) DO UPDATE SET applied = crash_applied.applied + 1`,
      [
        JSON.stringify(
          events.map((e) => ({ event_id: e.eventId, stream_id: e.streamId, revision: String(e.revision) })),
        ),
      ],
    );
    // One row per account: balance and a digest chained over its events in order.
    const streamIds = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await tx.query(
      `SELECT stream_id, events, balance, last_revision, digest FROM crash_accounts WHERE stream_id = ANY($1::text[])`,
      [streamIds],
    );
    const accounts = new Map(
      rows.map((r) => [
        r.stream_id,
        {
          events: Number(r.events),
          balance: Number(r.balance),
          lastRevision: String(r.last_revision),
          digest: r.digest,
        },
      ]),
    );
    for (const e of events) {
      const account = accounts.get(e.streamId) ?? { events: 0, balance: 0, lastRevision: '-1', digest: '' };
      const amount = Number(e.data.amount);
      account.events += 1;
      account.balance += e.type === 'Deposited' ? amount : -amount;
      account.lastRevision = String(e.revision);
      account.digest = createHash('sha256')
        .update(`${account.digest}|${e.eventId}|${e.type}|${amount}`)
        .digest('hex');
      accounts.set(e.streamId, account);
    }
    await tx.query(
      `INSERT INTO crash_accounts (stream_id, events, balance, last_revision, digest)
       SELECT x.stream_id, x.events, x.balance, x.last_revision::bigint, x.digest
         FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, events int, balance bigint, last_revision text, digest text)
       ON CONFLICT (stream_id) DO UPDATE SET events = EXCLUDED.events, balance = EXCLUDED.balance,
         last_revision = EXCLUDED.last_revision, digest = EXCLUDED.digest`,
      [
        JSON.stringify(
          [...accounts].map(([streamId, a]) => ({
            stream_id: streamId,
            events: a.events,
            balance: a.balance,
            last_revision: a.lastRevision,
            digest: a.digest,
          })),
        ),
      ],
    );
  },
};

/** @param {import('../../../src/infrastructure/database/database.js').Database} db */
export async function createCrashTables(db) {
  await db.exec(`
    CREATE TABLE IF NOT EXISTS crash_accounts (
      stream_id text PRIMARY KEY, events integer NOT NULL, balance bigint NOT NULL, last_revision bigint NOT NULL,
      digest text NOT NULL);
    CREATE TABLE IF NOT EXISTS crash_applied (
      event_id uuid PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, applied integer NOT NULL);`);
}

/**
 * An aggregate of the read model: row counts, the largest application count and a hash over every row.
 * @param {import('../../../src/infrastructure/database/database.js').SqlExecutor} db
 */
export async function readModelDigest(db) {
  const accounts = await db.query(
    `SELECT count(*)::int AS accounts, coalesce(sum(events), 0)::int AS events,
            md5(coalesce(string_agg(concat_ws(':', stream_id, events, balance, last_revision, digest), ','
                                    ORDER BY stream_id), '')) AS hash
       FROM crash_accounts`,
  );
  const applied = await db.query(
    `SELECT count(*)::int AS rows, coalesce(max(applied), 0)::int AS max_applied,
            md5(coalesce(string_agg(concat_ws(':', event_id, stream_id, revision, applied), ','
                                    ORDER BY event_id), '')) AS hash
       FROM crash_applied`,
  );
  const a = accounts.rows[0];
  const e = applied.rows[0];
  return {
    accounts: a.accounts,
    events: a.events,
    accountsHash: a.hash,
    appliedRows: e.rows,
    maxApplied: e.max_applied,
    appliedHash: e.hash,
  };
}
