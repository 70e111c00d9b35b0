import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { redactUrl } from '../../config/app-config.js';
import { type Database, type SqlExecutor } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { type EventStore } from '../event-store/event-store.js';
import { openEventStore } from '../event-store/open-event-store.js';

/**
 * `store:copy`: moves every event of one store to another, in order, with its id, type, schema version, data,
 * metadata (so the time it occurred), the time it was recorded, and (between SQL stores) its hash-chain links as
 * they are. Batches commit with the copy's cursor on the target, so an interrupted copy resumes after its last
 * batch and never records an event twice. See ADR 0018.
 */

export type Endpoint =
  | { kind: 'pglite'; dir: string; label: string }
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'eventstoredb'; url: string; label: string };

/** `postgres://…` / `postgresql://…`, `esdb://…` / `kurrentdb://…` (+`+discover`), anything else a directory. */
export function parseEndpoint(value: string): Endpoint {
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value, label: redactUrl(value) };
  if (/^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i.test(value))
    return { kind: 'eventstoredb', url: value, label: redactUrl(value) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`unknown kind of store: ${redactUrl(value)}`);
  const dir = resolve(value);
  return { kind: 'pglite', dir, label: `PGlite in ${dir}` };
}

/** One event as copied: the columns of es.events except the target's own position and transaction id. */
type CopyRow = {
  stream_id: string;
  stream_type: string;
  revision: string | number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, string>;
  recorded_at: string;
  prev_hash?: string;
  hash?: string;
  [column: string]: unknown;
};

type Batch = { rows: CopyRow[]; texts: string[]; cursor: string };

export type OpenedStore = {
  endpoint: Endpoint;
  /** SQL stores: the database (events and read models). */
  db?: Database;
  /** EventStoreDB: the event store. */
  store?: EventStore;
  close: () => Promise<void>;
};

export async function openEndpoint(endpoint: Endpoint): Promise<OpenedStore> {
  if (endpoint.kind === 'eventstoredb') {
    const store = await openEventStore({ EVENTSTORE_URL: endpoint.url }, undefined);
    return { endpoint, store, close: () => store.close() };
  }
  const db = await openDatabase({
    DATABASE_URL: endpoint.kind === 'postgres' ? endpoint.url : undefined,
    DATA_DIR: endpoint.kind === 'pglite' ? endpoint.dir : '',
    DATABASE_POOL_SIZE: 4,
  });
  await migrate(db);
  return { endpoint, db, close: () => db.close() };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A stable name for a source: its store id (SQL), or its address and first event (EventStoreDB). */
export async function sourceIdOf(source: OpenedStore): Promise<string> {
  if (source.db) {
    const { rows } = await source.db.query<{ id: string }>(
      `SELECT store_id::text AS id FROM es.store_identity`,
    );
    return `store:${rows[0]?.id ?? 'unknown'}`;
  }
  const first = (await source.store?.readAll({ maxCount: 1 }))?.[0];
  const host = source.endpoint.kind === 'eventstoredb' ? new URL(source.endpoint.url).host : '';
  return `eventstoredb:${sha(`${host}|${first?.eventId ?? ''}`)}`;
}

export async function countEvents(opened: OpenedStore): Promise<number> {
  if (opened.db) {
    const { rows } = await opened.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`);
    return Number(rows[0]?.n ?? 0);
  }
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const events = (await opened.store?.readAll({ after, maxCount: 1000 })) ?? [];
    if (events.length === 0) return count;
    count += events.length;
    after = events[events.length - 1]?.position;
  }
}

/** The next events after `cursor`, in the source's order. */
export async function readBatch(
  source: OpenedStore,
  cursor: string | undefined,
  size: number,
): Promise<Batch> {
  if (source.db) {
    const [txid, gp] = cursor ? cursor.split(':') : ['0', '0'];
    const { rows } = await source.db.query<{ txid: string; gp: string; row: string }>(
      `SELECT transaction_id::text AS txid, global_position::text AS gp,
              (to_jsonb(e) - 'global_position' - 'transaction_id')::text AS row
         FROM es.events e
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          -- only transactions every one before which has ended: a live source's slow writer is not skipped
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [txid ?? '0', gp ?? '0', size],
    );
    const last = rows[rows.length - 1];
    return {
      // Kept as text: numbers in event data go through unchanged (no JavaScript rounding).
      texts: rows.map((r) => r.row),
      rows: rows.map((r) => JSON.parse(r.row) as CopyRow),
      cursor: last ? `${last.txid}:${last.gp}` : (cursor ?? ''),
    };
  }
  const events = (await source.store?.readAll({ after: cursor, maxCount: size })) ?? [];
  const rows: CopyRow[] = events.map((e) => ({
    stream_id: e.streamId,
    stream_type: e.streamType,
    revision: e.revision.toString(),
    event_id: e.eventId,
    event_type: e.type,
    schema_version: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    // Written by a copy into EventStoreDB: the time the source recorded it.
    recorded_at: e.metadata.recordedAt ?? e.recordedAt.toISOString(),
  }));
  return {
    rows,
    texts: rows.map((r) => JSON.stringify(r)),
    cursor: events[events.length - 1]?.position ?? cursor ?? '',
  };
}

export type CopyState = { copied: number; cursor: string | undefined; resumed: boolean };

export class CopyRefused extends Error {}

/**
 * Checks the target may receive this source: empty, or a copy of this same source that has nothing of its own.
 * Registers the copy on a SQL target.
 */
export async function prepareTarget(
  target: OpenedStore,
  sourceId: string,
  sourceLabel: string,
): Promise<CopyState> {
  const existing = await countEvents(target);
  if (!target.db) {
    if (existing > 0)
      throw new CopyRefused(
        `the target holds ${existing} events: copying into a non-empty EventStoreDB is refused (appends are retried by event id; start from an empty database)`,
      );
    return { copied: 0, cursor: undefined, resumed: false };
  }
  const { rows } = await target.db.query<{ cursor: string | null; copied: string }>(
    `SELECT cursor, copied::text AS copied FROM es.copied_from WHERE source_id = $1`,
    [sourceId],
  );
  const marker = rows[0];
  if (!marker) {
    if (existing > 0)
      throw new CopyRefused(
        `the target is not empty (${existing} events) and is not a copy of this source: refused. Copy into an empty store.`,
      );
    await target.db.query(`INSERT INTO es.copied_from (source_id, source) VALUES ($1, $2)`, [
      sourceId,
      sourceLabel,
    ]);
    return { copied: 0, cursor: undefined, resumed: false };
  }
  if (Number(marker.copied) !== existing)
    throw new CopyRefused(
      `the target was copied from this source, but holds ${existing} events where the copy wrote ${marker.copied}: it has events of its own since; refused.`,
    );
  return { copied: existing, cursor: marker.cursor ?? undefined, resumed: true };
}

/** Writes one batch and moves the cursor, in one transaction (SQL), or appends by stream (EventStoreDB). */
export async function writeBatch(target: OpenedStore, sourceId: string, batch: Batch): Promise<void> {
  if (batch.rows.length === 0) return;
  if (target.db) {
    await target.db.withTransaction(async (tx) => {
      const texts = batch.rows[0]?.hash === undefined ? await withHashes(tx, batch.rows) : batch.texts;
      const columns = await copiedColumns(tx, batch.rows[0] ?? {});
      const list = columns.map((c) => `"${c}"`).join(', ');
      await tx.query(
        `INSERT INTO es.events (${list})
         SELECT ${list} FROM jsonb_populate_recordset(NULL::es.events, $1::jsonb) WITH ORDINALITY AS r
          ORDER BY r.ordinality`,
        [`[${texts.join(',')}]`],
      );
      await tx.query(
        `INSERT INTO es.streams (stream_id, stream_type, revision, last_hash, created_at, updated_at)
         SELECT DISTINCT ON (r.stream_id) r.stream_id, r.stream_type, r.revision, r.hash, r.recorded_at, r.recorded_at
           FROM jsonb_populate_recordset(NULL::es.events, $1::jsonb) AS r
          ORDER BY r.stream_id, r.revision DESC
         ON CONFLICT (stream_id) DO UPDATE
           SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash, updated_at = EXCLUDED.updated_at`,
        [`[${texts.join(',')}]`],
      );
      await tx.query(
        `UPDATE es.copied_from SET cursor = $2, copied = copied + $3, updated_at = now() WHERE source_id = $1`,
        [sourceId, batch.cursor, batch.rows.length],
      );
    });
    return;
  }
  // EventStoreDB: consecutive events of one stream in one append, with their ids (a retry is recognised).
  let index = 0;
  while (index < batch.rows.length) {
    const first = batch.rows[index] as CopyRow;
    const group: CopyRow[] = [];
    while (index < batch.rows.length && batch.rows[index]?.stream_id === first.stream_id) {
      group.push(batch.rows[index] as CopyRow);
      index++;
    }
    const revision = BigInt(first.revision);
    await target.store?.appendToStream(
      first.stream_id,
      revision === 0n ? 'no_stream' : revision - 1n,
      group.map((row) => ({
        eventId: row.event_id,
        type: row.event_type,
        schemaVersion: row.schema_version,
        data: row.data as Record<string, unknown>,
        metadata: { ...row.metadata, recordedAt: new Date(row.recorded_at).toISOString() },
      })),
    );
  }
}

/** Columns the target's es.events has and the source row carries (the target's positions are its own). */
async function copiedColumns(tx: SqlExecutor, sample: object): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'es' AND table_name = 'events' AND column_name NOT IN ('global_position', 'transaction_id')
      ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.name).filter((name) => name in sample);
}

/** Events from EventStoreDB carry no hash: the target chains them as its own append would. */
async function withHashes(tx: SqlExecutor, rows: CopyRow[]): Promise<string[]> {
  const last = new Map<string, string>();
  for (const row of rows) {
    if (!last.has(row.stream_id)) {
      const head = await tx.query<{ h: string }>(
        `SELECT last_hash AS h FROM es.streams WHERE stream_id = $1`,
        [row.stream_id],
      );
      last.set(row.stream_id, head.rows[0]?.h ?? '');
    }
    const prev = last.get(row.stream_id) ?? '';
    const { rows: hashed } = await tx.query<{ h: string }>(
      `SELECT es.event_hash($1, $2, $3::bigint, $4::uuid, $5, $6::jsonb, $7::jsonb, $8::timestamptz) AS h`,
      [
        prev,
        row.stream_id,
        String(row.revision),
        row.event_id,
        row.event_type,
        JSON.stringify(row.data),
        JSON.stringify(row.metadata),
        row.recorded_at,
      ],
    );
    row.prev_hash = prev;
    row.hash = hashed[0]?.h ?? '';
    last.set(row.stream_id, row.hash);
  }
  return rows.map((r) => JSON.stringify(r));
}

export async function finishCopy(target: OpenedStore, sourceId: string): Promise<void> {
  await target.db?.query(`UPDATE es.copied_from SET finished_at = now() WHERE source_id = $1`, [sourceId]);
}

/**
 * Accounts, organisations and sections are not events (passwords must stay erasable): copied as they are when the
 * target has none of them yet, so that the people who used the laptop can log in to the server.
 */
export async function copyAccounts(source: OpenedStore, target: OpenedStore): Promise<number> {
  if (!source.db || !target.db) return 0;
  let copied = 0;
  for (const table of ['app.organisations', 'app.sections', 'app.accounts']) {
    const { rows } = await source.db.query<{ rows: string | null }>(
      `SELECT jsonb_agg(to_jsonb(t))::text AS rows FROM ${table} t`,
    );
    if (!rows[0]?.rows) continue;
    const result = await target.db.query(
      `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ON CONFLICT DO NOTHING`,
      [rows[0].rows],
    );
    if (table === 'app.accounts') copied = result.rowCount;
  }
  return copied;
}
