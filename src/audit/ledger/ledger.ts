import { type SqlExecutor } from '../../infrastructure/database/database.js';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { formatPosition } from '../../infrastructure/event-store/sql/position.js';
import { type Projection } from '../../infrastructure/projections/projection.js';
import { type ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import {
  eventLedgerHash,
  LEDGER_EVENT_COLUMNS,
  LEDGER_GENESIS,
  type LedgerEventRow,
  nextLedgerHash,
} from './ledger-hash.js';

export type LedgerHead = { seq: number; position: string | null; ledgerHash: string };

/** The last ledger entry (seq 0 and the genesis hash when the ledger is empty). */
export async function ledgerHead(db: SqlExecutor): Promise<LedgerHead> {
  const { rows } = await db.query<{ seq: string; position: string; ledger_hash: string }>(
    `SELECT seq::text AS seq, position, ledger_hash FROM audit.ledger l ORDER BY l.seq DESC LIMIT 1`,
  );
  const row = rows[0];
  return row
    ? { seq: Number(row.seq), position: row.position, ledgerHash: row.ledger_hash }
    : { seq: 0, position: null, ledgerHash: LEDGER_GENESIS };
}

/**
 * Folds a batch of committed events (in position order) into the ledger, inside the subscriber's transaction.
 * The hash is recomputed from the stored row, not taken from the event as read.
 */
export async function foldIntoLedger(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<LedgerHead> {
  const head = await ledgerHead(tx);
  if (events.length === 0) return head;
  const { rows } = await tx.query<LedgerEventRow>(
    `SELECT ${LEDGER_EVENT_COLUMNS} FROM es.events e WHERE e.event_id = ANY($1::uuid[])`,
    [events.map((e) => e.eventId)],
  );
  const byId = new Map(rows.map((row) => [row.event_id, row]));
  let { seq, ledgerHash } = head;
  const entries: string[][] = [];
  for (const event of events) {
    const row = byId.get(event.eventId);
    if (!row) throw new Error(`ledger: event ${event.eventId} at ${event.position} is not in es.events`);
    const eventHash = eventLedgerHash(row);
    seq += 1;
    ledgerHash = nextLedgerHash(ledgerHash, eventHash);
    const organisation = (row.metadata as { organisationId?: string } | null)?.organisationId ?? 'default';
    entries.push([
      String(seq),
      event.position,
      row.stream_id,
      row.revision,
      row.event_id,
      organisation,
      eventHash,
      ledgerHash,
    ]);
  }
  const column = (i: number) => entries.map((entry) => entry[i]);
  await tx.query(
    `INSERT INTO audit.ledger (seq, position, stream_id, revision, event_id, organisation_id, event_hash, ledger_hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[],
                          $8::text[])`,
    [column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7)],
  );
  return { seq, position: events[events.length - 1]?.position ?? null, ledgerHash };
}

/**
 * The ledger as a checkpointed subscription (same runner as the read models: position order, exactly once).
 * Not in the application's read models: commands never wait for it, and `projections:rebuild` never empties it.
 * `afterFold` runs in the same transaction (sealing every N events).
 */
export const ledgerProjection = (
  afterFold: (tx: SqlExecutor, head: LedgerHead, previous: number) => Promise<void> = async () => undefined,
): Projection => ({
  name: 'audit_ledger',
  version: 1,
  eventTypes: 'all',
  tables: [],
  async apply(events, tx) {
    const before = (await ledgerHead(tx)).seq;
    const head = await foldIntoLedger(tx, events);
    await afterFold(tx, head, before);
  },
});

/** The position of the last event committed now (no visibility horizon: what a seal taken now must cover). */
export async function lastCommittedPosition(db: SqlExecutor): Promise<string | undefined> {
  const { rows } = await db.query<{ gp: string; txid: string }>(
    `SELECT e.global_position::text AS gp, e.transaction_id::text AS txid FROM es.events e
      ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
  );
  return rows[0] ? formatPosition(rows[0].txid, rows[0].gp) : undefined;
}

/**
 * Runs the ledger's subscriber until it has folded every event committed when called. Another transaction still
 * open anywhere in the cluster holds the subscriber back (ADR 0003): wait for it, up to `timeoutMs`.
 */
export async function foldEverythingCommitted(
  db: SqlExecutor,
  runner: ProjectionRunner,
  timeoutMs = 10_000,
): Promise<boolean> {
  const target = await lastCommittedPosition(db);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runner.catchUp();
    const at = await runner.storedPosition();
    if (target === undefined || (at !== undefined && at >= target)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
