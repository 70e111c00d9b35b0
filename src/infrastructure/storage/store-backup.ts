import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, type SqlExecutor } from '../database/database.js';

/**
 * Backups (issue 13, item 5; docs/deployment.md "Backups").
 * - The embedded store: PGlite's own dump of its data directory (`dumpDataDir`, a .tar.gz), loaded back into an
 *   empty directory with `loadDataDir`. A physical copy: positions, transaction ids and seals stay as they were.
 * - PostgreSQL after a logical restore (pg_dump / pg_restore into another cluster): transaction ids restart, so
 *   the stored ones are rewritten below every new one (shared/docs/event-store.md §2.9).
 */

/** The operator asked for something that would lose data or cannot work: said in one sentence, nothing changed. */
export class BackupRefused extends Error {}

const isStore = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

const isEmptyDir = async (dir: string): Promise<boolean> =>
  !existsSync(dir) || (await readdir(dir)).length === 0;

/** Writes the embedded store of `dataDir` to `file` (gzipped tar). The application must not be running on it. */
export async function backupEmbedded(
  dataDir: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ bytes: number; events: number }> {
  if (!isStore(dataDir)) throw new BackupRefused(`${dataDir} holds no embedded store (no PG_VERSION)`);
  if (existsSync(file) && !options.force)
    throw new BackupRefused(`${file} exists already; --force replaces it`);
  const pglite = await PGlite.create({ dataDir });
  try {
    const events = await countEventsIn(pglite);
    const dump = await pglite.dumpDataDir('gzip');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    // Written beside, then renamed: a backup file is either whole or absent.
    const partial = `${file}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, file);
    return { bytes: bytes.length, events };
  } finally {
    await pglite.close();
  }
}

/**
 * Restores a backup made by `backupEmbedded` into `dataDir`, which must be empty or absent. With `force`, a
 * non-empty `dataDir` is moved aside (its new name is returned), never deleted.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<{ events: number; movedAside?: string }> {
  if (!existsSync(file)) throw new BackupRefused(`${file} does not exist`);
  const bytes = await readFile(file);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new BackupRefused(`${file} is not a backup of the embedded store (not a .tar.gz)`);
  let movedAside: string | undefined;
  if (!(await isEmptyDir(dataDir))) {
    if (!options.force)
      throw new BackupRefused(
        `${dataDir} is not empty${isStore(dataDir) ? ' (it holds a store)' : ''}; restore into an empty directory, or --force to move it aside`,
      );
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${dataDir.replace(/\/+$/, '')}.before-restore-${stamp}`;
    await rename(dataDir, movedAside);
  }
  await mkdir(dataDir, { recursive: true });
  try {
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([bytes]) });
    try {
      return { events: await countEventsIn(pglite), movedAside };
    } finally {
      await pglite.close();
    }
  } catch (error) {
    // Leave no half-restored store behind (the directory was empty or absent before).
    await rm(dataDir, { recursive: true, force: true });
    if (movedAside) await rename(movedAside, dataDir);
    throw error;
  }
}

async function countEventsIn(pglite: PGlite): Promise<number> {
  const table = await pglite.query<{ t: string | null }>(`SELECT to_regclass('es.events')::text AS t`);
  if (!table.rows[0]?.t) return 0;
  const { rows } = await pglite.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`);
  return Number(rows[0]?.n ?? 0);
}

export type XidRewrite = {
  /** Events whose transaction id was rewritten. */
  events: number;
  /** Distinct transaction ids the events now carry (1 when no two transactions interleaved their positions). */
  transactionIds: number;
  /** Positions rewritten in checkpoints, dead letters and the audit ledger. */
  positions: number;
};

/** Stored position `<txid>:<gp>` (zero-padded, see event-store/sql/position.ts), rewritten through the mapping. */
const REWRITE_POSITION = (table: string, column: string) => `
  UPDATE ${table} t
     SET ${column} = lpad(coalesce(
           (SELECT m.new_txid FROM pg_temp.xid_rewrite m
             WHERE m.old_txid <= split_part(t.${column}, ':', 1)::numeric::text::xid8
             ORDER BY m.old_txid DESC LIMIT 1), 1)::text, 20, '0') || ':' || split_part(t.${column}, ':', 2)
   WHERE t.${column} ~ '^[0-9]+:[0-9]+$'`;

/**
 * After a logical restore (pg_restore into another cluster), the stored transaction ids may exceed the new
 * cluster's: new events would sort before old ones and the projections would miss them. Rewrites them, in one
 * transaction, to small ids below every new one, keeping the (transaction id, global position) order: when no
 * two transactions interleaved their positions (the usual case) every event gets `1`, as in
 * shared/docs/event-store.md §2.9; otherwise consecutive transactions are grouped under 1, 2, 3… so that the
 * audit ledger's order (folded in position order) is unchanged. Checkpoints, dead letters and the ledger's
 * positions follow. The event hashes do not cover the transaction id, so the audit trail still verifies.
 * Seals keep their signed position; verify translates it through the event at the same global position.
 * The application must be stopped. Refused when the events are not in this database.
 */
export async function rewriteTransactionIdsAfterLogicalRestore(db: Database): Promise<XidRewrite> {
  if (db.kind !== 'postgres')
    throw new BackupRefused('the transaction-id fix is for PostgreSQL after pg_restore (DATABASE_URL)');
  return db.withTransaction(async (tx: SqlExecutor) => {
    const table = await tx.query<{ t: string | null }>(`SELECT to_regclass('es.events')::text AS t`);
    if (!table.rows[0]?.t) throw new BackupRefused('this database holds no event store (es.events)');
    // No append, checkpoint or ledger entry may slip in meanwhile.
    await tx.query(
      `LOCK TABLE es.events, es.streams, es.checkpoints, es.dead_letters, audit.ledger IN ACCESS EXCLUSIVE MODE`,
    );
    await tx.query(`
      CREATE TEMP TABLE xid_rewrite ON COMMIT DROP AS
      WITH per_tx AS (
        SELECT transaction_id AS old_txid, min(global_position) AS min_gp, max(global_position) AS max_gp
          FROM es.events GROUP BY transaction_id),
      marked AS (
        SELECT old_txid, min_gp,
               max(max_gp) OVER (ORDER BY old_txid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_max
          FROM per_tx)
      SELECT old_txid,
             1 + sum(CASE WHEN min_gp < before_max THEN 1 ELSE 0 END) OVER (ORDER BY old_txid) AS new_txid
        FROM marked`);
    const { rows: stats } = await tx.query<{ groups: string; current: string }>(
      `SELECT coalesce(max(new_txid), 0)::text AS groups, pg_current_xact_id()::text AS current FROM pg_temp.xid_rewrite`,
    );
    const groups = Number(stats[0]?.groups ?? 0);
    // No events here (none yet, or they live in KurrentDB): nothing to rewrite, and no position to trust.
    if (groups === 0) return { events: 0, transactionIds: 0, positions: 0 };
    if (BigInt(groups) >= BigInt(stats[0]?.current ?? '0'))
      throw new BackupRefused(
        `the events need ${groups} distinct transaction ids, not all below the cluster's next one (${stats[0]?.current}); see docs/deployment.md`,
      );
    // The immutability triggers refuse UPDATE; disabled for this transaction only (as the table's owner).
    await tx.query(`ALTER TABLE es.events DISABLE TRIGGER events_immutable`);
    await tx.query(`ALTER TABLE audit.ledger DISABLE TRIGGER ledger_immutable`);
    const events = await tx.query(
      `UPDATE es.events e SET transaction_id = m.new_txid::text::xid8
         FROM pg_temp.xid_rewrite m
        WHERE e.transaction_id = m.old_txid AND e.transaction_id <> m.new_txid::text::xid8`,
    );
    let positions = 0;
    for (const [name, column] of [
      ['es.checkpoints', 'position'],
      ['es.dead_letters', 'position'],
      ['audit.ledger', 'position'],
    ] as const) {
      positions += (await tx.query(REWRITE_POSITION(name, column))).rowCount;
    }
    await tx.query(`ALTER TABLE audit.ledger ENABLE TRIGGER ledger_immutable`);
    await tx.query(`ALTER TABLE es.events ENABLE TRIGGER events_immutable`);
    return { events: events.rowCount, transactionIds: groups, positions };
  });
}
