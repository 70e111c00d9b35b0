import { sign, verify } from 'node:crypto';
import { publicKeyObject, type SealKey } from './seal-key.js';

/**
 * A seal: the ledger's head at an instant, signed with the installation's Ed25519 key. Exported as one JSON
 * object per line; `number` is its rank in `audit.seals` (not signed: it is assigned by the database).
 */
export type Seal = {
  number: number;
  /** Ledger entries (events) the seal covers. */
  eventCount: number;
  /** Position of the last event covered (null for an empty ledger). */
  position: string | null;
  /** Ledger hash after `eventCount` entries (SHA-256, hex). */
  rootHash: string;
  sealedAt: string;
  keyId: string;
  /** Raw Ed25519 public key, base64url. */
  publicKey: string;
  /** Ed25519 signature of `sealPayload`, base64. */
  signature: string;
};

export type SealContent = Pick<Seal, 'eventCount' | 'position' | 'rootHash' | 'sealedAt' | 'keyId'>;

/** The exact bytes signed (documented in docs/security.md). */
export const sealPayload = (s: SealContent): Buffer =>
  Buffer.from(
    `audit-seal:v1\ncount=${s.eventCount}\nposition=${s.position ?? ''}\nroot=${s.rootHash}\n` +
      `sealed_at=${s.sealedAt}\nkey=${s.keyId}\n`,
    'utf8',
  );

export const signSeal = (content: SealContent, key: SealKey): string =>
  sign(null, sealPayload(content), key.privateKey).toString('base64');

/** Does the signature hold for the public key the seal names? */
export const signatureHolds = (seal: Omit<Seal, 'number'>): boolean => {
  try {
    return verify(
      null,
      sealPayload(seal),
      publicKeyObject(seal.publicKey),
      Buffer.from(seal.signature, 'base64'),
    );
  } catch {
    return false;
  }
};

/** The short form printed on a dossier: number, first and last hex digits, date. */
export const shortSeal = (seal: Pick<Seal, 'number' | 'rootHash' | 'sealedAt'>): string =>
  `n° ${seal.number} · ${seal.rootHash.slice(0, 8)}…${seal.rootHash.slice(-8)} · ${seal.sealedAt.slice(0, 10)}`;
