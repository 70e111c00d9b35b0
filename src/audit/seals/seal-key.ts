import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The Ed25519 key that signs seals. It lives outside the database: an environment variable or a key file. */
export type SealKey = {
  privateKey: KeyObject;
  /** Raw public key, base64url (the `x` of its JWK): printed with every seal. */
  publicKey: string;
  /** First 16 hex digits of SHA-256 of the raw public key. */
  keyId: string;
  /** Where it comes from, for the log: `env`, a file path, or `ephemeral`. */
  source: string;
  /** True when this start made the key (its location must be told to the operator). */
  created: boolean;
};

export type SealKeySettings = {
  AUDIT_SEAL_KEY?: string;
  AUDIT_SEAL_KEY_FILE?: string;
  DATABASE_URL?: string;
  DATA_DIR: string;
};

export const publicKeyOf = (key: KeyObject): { publicKey: string; keyId: string } => {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const publicKey = String(jwk.x);
  const keyId = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
  return { publicKey, keyId };
};

export const publicKeyObject = (publicKey: string): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });

const fromPem = (pem: string, source: string, created: boolean): SealKey => {
  const privateKey = createPrivateKey(pem.includes('BEGIN') ? pem : Buffer.from(pem, 'base64').toString());
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `Invalid configuration:\n  AUDIT_SEAL_KEY: an Ed25519 private key is required (${source})`,
    );
  }
  return { privateKey, ...publicKeyOf(privateKey), source, created };
};

const generatePem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Default key file of the embedded store: beside its data directory (never inside it, nor in the database). */
export const defaultKeyFile = (dataDir: string): string => {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}-audit-seal.pem`);
};

/**
 * The seal key, in order: AUDIT_SEAL_KEY (PEM, or its base64), AUDIT_SEAL_KEY_FILE (made if missing), the file
 * beside the embedded store's data directory (made on its first start), else a key made for this process only
 * (PostgreSQL without configuration; the log says so). `generate: false` (command-line checks) never makes one.
 */
export function loadSealKey(
  settings: SealKeySettings,
  options: { generate?: boolean } = {},
): SealKey | undefined {
  const generate = options.generate ?? true;
  if (settings.AUDIT_SEAL_KEY) return fromPem(settings.AUDIT_SEAL_KEY, 'AUDIT_SEAL_KEY', false);
  const embeddedOnDisk = !settings.DATABASE_URL && !settings.DATA_DIR.startsWith('memory://');
  const file =
    settings.AUDIT_SEAL_KEY_FILE ?? (embeddedOnDisk ? defaultKeyFile(settings.DATA_DIR) : undefined);
  if (file) {
    if (existsSync(file)) return fromPem(readFileSync(file, 'utf8'), file, false);
    if (!generate) return undefined;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generatePem(), { mode: 0o600, flag: 'wx' });
    return fromPem(readFileSync(file, 'utf8'), file, true);
  }
  if (!generate) return undefined;
  return fromPem(generatePem(), 'ephemeral', true);
}
