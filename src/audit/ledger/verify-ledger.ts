import { type SqlExecutor } from '../../infrastructure/database/database.js';
import { formatPosition, parsePosition } from '../../infrastructure/event-store/sql/position.js';
import { type Seal, signatureHolds } from '../seals/seal.js';
import { sealsWithRoot } from '../seals/seals.repository.js';
import {
  eventLedgerHash,
  LEDGER_EVENT_COLUMNS,
  LEDGER_GENESIS,
  type LedgerEventRow,
  nextLedgerHash,
} from './ledger-hash.js';

export type LedgerProblem = {
  kind: 'altered' | 'missing' | 'reordered' | 'inserted' | 'ledger_rewritten' | 'signature' | 'unknown_seal';
  streamId?: string;
  revision?: number;
  /** Rank in the ledger (1-based) of the entry concerned. */
  seq?: number;
  /** Organisation of the event concerned (to scope what a caller is told). */
  organisationId?: string;
  message: string;
};

export type SealCheck = {
  /** True when the store still gives the sealed root hash: nothing sealed was altered, removed or reordered. */
  consistent: boolean;
  seal: Partial<Seal> & { rootHash: string };
  /** null when only a digest was given (nothing to check a signature against). */
  signatureValid: boolean | null;
  /** Signed by the key this installation uses now (null: unknown here). */
  signedByThisInstallation: boolean | null;
  checkedEvents: number;
  problems: LedgerProblem[];
};

/** What a seal argument can be: a whole seal (JSON), or only its root hash (hex digest). */
export type SealReference = { seal: Omit<Seal, 'number'> & { number?: number } } | { digest: string };

/**
 * Reads a seal given as JSON (one object, or JSON lines: the last line), or a 64-hex digest. Throws a message
 * naming what is wrong.
 */
export function parseSealReference(text: string): SealReference {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { digest: trimmed.toLowerCase() };
  const lines = trimmed.split('\n').filter((line) => line.trim() !== '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines[lines.length - 1] ?? '');
  } catch {
    throw new Error('seal must be a seal as JSON (as exported) or its 64-hex-digit root hash');
  }
  const s = parsed as Record<string, unknown>;
  const fields = ['eventCount', 'rootHash', 'sealedAt', 'keyId', 'publicKey', 'signature'] as const;
  const missing = fields.filter((f) => s[f] === undefined);
  if (
    missing.length > 0 ||
    typeof s.rootHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(s.rootHash) ||
    typeof s.eventCount !== 'number' ||
    !Number.isSafeInteger(s.eventCount) ||
    s.eventCount < 0 ||
    (s.position !== null && typeof s.position !== 'string')
  ) {
    throw new Error(
      `seal is incomplete or malformed${missing.length ? ` (missing ${missing.join(', ')})` : ''}`,
    );
  }
  return { seal: s as unknown as Omit<Seal, 'number'> };
}

type Recomputed = {
  eventId: string;
  streamId: string;
  revision: number;
  organisationId: string;
  hash: string;
};
type StoredEntry = {
  seq: string;
  stream_id: string;
  revision: string;
  event_id: string;
  organisation_id: string;
  event_hash: string;
  ledger_hash: string;
};

const CHUNK = 5000;

const digestOf = (reference: SealReference): string =>
  'digest' in reference ? reference.digest : reference.seal.rootHash;

/**
 * Recomputes the ledger from the events themselves, in position order, up to `upTo` (every event when
 * undefined). Calls `onPrefix` with each prefix's ledger hash.
 */
async function recompute(
  db: SqlExecutor,
  upTo: string | null | undefined,
  onPrefix?: (count: number, hash: string) => void,
): Promise<{ events: Recomputed[]; hash: string }> {
  const events: Recomputed[] = [];
  let hash = LEDGER_GENESIS;
  if (upTo === null) return { events, hash };
  const bound = upTo ? parsePosition(upTo) : undefined;
  let after = { txid: 0n, gp: 0n };
  for (;;) {
    const { rows } = await db.query<LedgerEventRow & { txid: string; gp: string }>(
      `SELECT e.transaction_id::text AS txid, e.global_position::text AS gp, ${LEDGER_EVENT_COLUMNS}
         FROM es.events e
        WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
          AND ($3::text IS NULL OR (e.transaction_id, e.global_position) <= ($3::text::xid8, $4::bigint))
        ORDER BY e.transaction_id, e.global_position
        LIMIT ${CHUNK}`,
      [
        String(after.txid),
        String(after.gp),
        bound ? String(bound.txid) : null,
        bound ? String(bound.gp) : '0',
      ],
    );
    for (const row of rows) {
      const eventHash = eventLedgerHash(row);
      hash = nextLedgerHash(hash, eventHash);
      events.push({
        eventId: row.event_id,
        streamId: row.stream_id,
        revision: Number(row.revision),
        organisationId: (row.metadata as { organisationId?: string } | null)?.organisationId ?? 'default',
        hash: eventHash,
      });
      onPrefix?.(events.length, hash);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < CHUNK) break;
    after = { txid: BigInt(last.txid), gp: BigInt(last.gp) };
  }
  return { events, hash };
}

/**
 * A sealed position as the store numbers it now. A seal signs `<transaction id>:<global position>`; after a logical
 * restore the transaction ids were rewritten (`store:restore -- --after-logical-restore`), so the bound is the
 * event at the sealed global position, with its transaction id of now. The count and root hash still decide.
 */
async function asNumberedNow(db: SqlExecutor, position: string | null): Promise<string | null> {
  if (!position) return position;
  const { gp } = parsePosition(position);
  const { rows } = await db.query<{ txid: string }>(
    `SELECT e.transaction_id::text AS txid FROM es.events e WHERE e.global_position = $1`,
    [String(gp)],
  );
  return rows[0] ? formatPosition(rows[0].txid, gp) : position;
}

async function storedLedger(db: SqlExecutor, count: number): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  for (let from = 0; from < count; from += CHUNK) {
    const { rows } = await db.query<StoredEntry>(
      `SELECT l.seq::text AS seq, l.stream_id, l.revision::text AS revision, l.event_id::text AS event_id,
              l.organisation_id, l.event_hash, l.ledger_hash
         FROM audit.ledger l WHERE l.seq > $1 AND l.seq <= $2 ORDER BY l.seq`,
      [from, Math.min(count, from + CHUNK)],
    );
    entries.push(...rows);
    if (rows.length === 0) break;
  }
  return entries;
}

/** Names what differs between the ledger as stored (consistent with the seal) and as recomputed now. */
function compare(stored: StoredEntry[], now: Recomputed[]): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const index = new Map(now.map((event, i) => [event.eventId, i]));
  const storedIds = new Set(stored.map((entry) => entry.event_id));
  let lastIndex = -1;
  for (const entry of stored) {
    const at = {
      streamId: entry.stream_id,
      revision: Number(entry.revision),
      seq: Number(entry.seq),
      organisationId: entry.organisation_id,
    };
    const i = index.get(entry.event_id);
    if (i === undefined) {
      problems.push({
        ...at,
        kind: 'missing',
        message: 'a sealed event is no longer in the store (deleted)',
      });
      continue;
    }
    const current = now[i] as Recomputed;
    if (current.hash !== entry.event_hash) {
      const moved = current.streamId !== entry.stream_id || current.revision !== Number(entry.revision);
      problems.push({
        ...at,
        kind: 'altered',
        message: moved
          ? `a sealed event was moved (now ${current.streamId} revision ${current.revision})`
          : 'a sealed event was altered (its content, type, times, stream or organisation changed)',
      });
    } else if (i < lastIndex) {
      problems.push({ ...at, kind: 'reordered', message: 'a sealed event now comes before an earlier one' });
    }
    lastIndex = Math.max(lastIndex, i);
  }
  now.forEach((event, i) => {
    if (!storedIds.has(event.eventId)) {
      problems.push({
        streamId: event.streamId,
        revision: event.revision,
        seq: i + 1,
        organisationId: event.organisationId,
        kind: 'inserted',
        message: 'an event sits among sealed ones but was not there when they were sealed',
      });
    }
  });
  return problems;
}

/**
 * Is the store still consistent with this seal? Checks the seal's signature, recomputes the ledger from the
 * events (in position order, up to the sealed position) and compares the root hash. When it differs, names the
 * events concerned from the stored ledger, if that still agrees with the seal.
 */
export async function verifyAgainstSeal(
  db: SqlExecutor,
  reference: SealReference,
  installationPublicKey?: string,
): Promise<SealCheck> {
  const problems: LedgerProblem[] = [];
  let seal: SealCheck['seal'];
  let signatureValid: boolean | null = null;
  let target: { eventCount: number; position: string | null; rootHash: string } | undefined;

  if ('seal' in reference) {
    seal = reference.seal;
    signatureValid = signatureHolds(reference.seal);
    if (!signatureValid) {
      problems.push({
        kind: 'signature',
        message: "the seal's signature does not hold: it was not issued as is",
      });
    }
    target = reference.seal;
  } else {
    seal = { rootHash: reference.digest };
    const known = await sealsWithRoot(db, reference.digest);
    if (known[0]) {
      target = known[0];
      seal = known[0];
      signatureValid = signatureHolds(known[0]);
    } else {
      const { rows } = await db.query<{ seq: string; position: string }>(
        `SELECT l.seq::text AS seq, l.position FROM audit.ledger l WHERE l.ledger_hash = $1 ORDER BY l.seq LIMIT 1`,
        [reference.digest],
      );
      if (rows[0]) {
        target = { eventCount: Number(rows[0].seq), position: rows[0].position, rootHash: reference.digest };
      } else if (reference.digest === LEDGER_GENESIS) {
        target = { eventCount: 0, position: null, rootHash: LEDGER_GENESIS };
      }
    }
  }
  const signedByThisInstallation =
    installationPublicKey && seal.publicKey ? seal.publicKey === installationPublicKey : null;

  if (!target) {
    // A digest neither sealed nor in the ledger here: does any prefix of the history still give it?
    let found: number | undefined;
    const all = await recompute(db, undefined, (count, hash) => {
      if (found === undefined && hash === digestOf(reference)) found = count;
    });
    if (found === undefined) {
      problems.push({
        kind: 'unknown_seal',
        message:
          'no prefix of the recorded history gives this digest: it was never issued here, or what it covered was ' +
          'rewritten',
      });
    }
    return {
      consistent: found !== undefined,
      seal,
      signatureValid,
      signedByThisInstallation,
      checkedEvents: found ?? all.events.length,
      problems,
    };
  }

  const now = await recompute(db, await asNumberedNow(db, target.position));
  const consistent = now.events.length === target.eventCount && now.hash === target.rootHash;
  if (!consistent) {
    const stored = await storedLedger(db, target.eventCount);
    let storedHash = LEDGER_GENESIS;
    let storedChainHolds = stored.length === target.eventCount;
    for (const entry of stored) {
      storedHash = nextLedgerHash(storedHash, entry.event_hash);
      if (storedHash !== entry.ledger_hash) storedChainHolds = false;
    }
    if (storedChainHolds && storedHash === target.rootHash) {
      problems.push(...compare(stored, now.events));
    } else {
      problems.push({
        kind: 'ledger_rewritten',
        message:
          'the events up to the sealed position no longer give the sealed root hash, and the stored ledger was ' +
          'rewritten too: the events concerned cannot be named from it',
      });
    }
    if (problems.every((p) => p.kind === 'signature')) {
      problems.push({
        kind: 'ledger_rewritten',
        message: `the sealed history holds ${target.eventCount} events; ${now.events.length} are found now`,
      });
    }
  }
  return {
    consistent: consistent && signatureValid !== false,
    seal,
    signatureValid,
    signedByThisInstallation,
    checkedEvents: now.events.length,
    problems,
  };
}
