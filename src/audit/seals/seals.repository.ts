import { type Database, type SqlExecutor } from '../../infrastructure/database/database.js';
import { ledgerHead } from '../ledger/ledger.js';
import { type Seal, signSeal } from './seal.js';
import { type SealKey } from './seal-key.js';

type SealRow = {
  seal_no: string;
  event_count: string;
  position: string | null;
  ledger_hash: string;
  sealed_at: Date | string;
  key_id: string;
  public_key: string;
  signature: string;
};

const SEAL_COLUMNS = `seal_no::text AS seal_no, event_count::text AS event_count, position, ledger_hash,
  to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS sealed_at, key_id, public_key, signature`;

const toSeal = (row: SealRow): Seal => ({
  number: Number(row.seal_no),
  eventCount: Number(row.event_count),
  position: row.position,
  rootHash: row.ledger_hash,
  sealedAt: String(row.sealed_at),
  keyId: row.key_id,
  publicKey: row.public_key,
  signature: row.signature,
});

/** The latest seal (recorded up to `sealedUpTo` when given), or null when nothing is sealed yet. */
export async function latestSeal(db: SqlExecutor, sealedUpTo?: Date): Promise<Seal | null> {
  const { rows } = await db.query<SealRow>(
    `SELECT ${SEAL_COLUMNS} FROM audit.seals s
      WHERE $1::timestamptz IS NULL OR s.sealed_at <= $1::timestamptz
      ORDER BY s.seal_no DESC LIMIT 1`,
    [sealedUpTo?.toISOString() ?? null],
  );
  return rows[0] ? toSeal(rows[0]) : null;
}

/** Every seal, oldest first (the export). */
export async function allSeals(db: SqlExecutor): Promise<Seal[]> {
  const { rows } = await db.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM audit.seals s ORDER BY s.seal_no`);
  return rows.map(toSeal);
}

/** Seals recorded with this root hash (a digest given without its seal). */
export async function sealsWithRoot(db: SqlExecutor, rootHash: string): Promise<Seal[]> {
  const { rows } = await db.query<SealRow>(
    `SELECT ${SEAL_COLUMNS} FROM audit.seals s WHERE s.ledger_hash = $1 ORDER BY s.seal_no`,
    [rootHash],
  );
  return rows.map(toSeal);
}

/**
 * Seals the ledger's head inside `tx`: signs it and appends it to `audit.seals`. When the head is already sealed
 * (nothing folded since), answers that seal instead of a new one. Serialised by a transaction lock.
 */
export async function sealHead(tx: SqlExecutor, key: SealKey, reason: string, now: Date): Promise<Seal> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit.seals', 0))`);
  const head = await ledgerHead(tx);
  const last = await latestSeal(tx);
  if (last && last.eventCount === head.seq && last.rootHash === head.ledgerHash && last.keyId === key.keyId) {
    return last;
  }
  const content = {
    eventCount: head.seq,
    position: head.position,
    rootHash: head.ledgerHash,
    sealedAt: new Date(Math.floor(now.getTime())).toISOString(),
    keyId: key.keyId,
  };
  const signature = signSeal(content, key);
  const { rows } = await tx.query<SealRow>(
    `INSERT INTO audit.seals (event_count, position, ledger_hash, sealed_at, key_id, public_key, signature, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SEAL_COLUMNS}`,
    [
      content.eventCount,
      content.position,
      content.rootHash,
      content.sealedAt,
      key.keyId,
      key.publicKey,
      signature,
      reason,
    ],
  );
  return toSeal(rows[0] as SealRow);
}

export const sealNow = (db: Database, key: SealKey, reason: string, now: Date): Promise<Seal> =>
  db.withTransaction((tx) => sealHead(tx, key, reason, now));
