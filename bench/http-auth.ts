import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '#src/accounts/passwords.js';

/**
 * Authentication for the HTTP benchmark: an officer account in the benchmark's own database (plain SQL on the
 * tables of migration 005, so that a change of the accounts module's TypeScript API cannot break the build), whose
 * section covers the antennas the benchmark writes to, then a login through the API. Without the accounts tables
 * (older schema) the requests go unauthenticated.
 */

export type BenchAccount = { email: string; password: string; accountId: string; organisationId: string };

export const JWT_SECRET = randomBytes(32).toString('hex');

export async function createBenchAccount(
  client: pg.Client,
  antennaIds: readonly string[],
): Promise<BenchAccount | undefined> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT to_regclass('app.accounts') IS NOT NULL AND to_regclass('app.sections') IS NOT NULL AS ok`,
  );
  if (!rows[0]?.ok) return undefined;
  const account: BenchAccount = {
    email: 'bench.officer@bench.invalid',
    password: randomBytes(18).toString('base64url'),
    accountId: randomUUID(),
    organisationId: 'bench-org',
  };
  const hash = await hashPassword(account.password);
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO app.organisations (organisation_id, name) VALUES ($1, 'Benchmark')`, [
      account.organisationId,
    ]);
    await client.query(
      `INSERT INTO app.sections (section_id, organisation_id, name, unit_ids) VALUES ('bench-section', $1, 'Benchmark', $2)`,
      [account.organisationId, antennaIds],
    );
    await client.query(
      `INSERT INTO app.accounts (account_id, organisation_id, email, display_name, role, section_ids, password_hash)
       VALUES ($1, $2, $3, 'Benchmark officer', 'officer', ARRAY['bench-section'], $4)`,
      [account.accountId, account.organisationId, account.email, hash],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return account;
}

/**
 * Logs in and returns the headers every request carries (`Authorization: Bearer …`). No account, or no login route
 * (404: the running build has no authentication yet): no header.
 */
export async function loginHeaders(
  baseUrl: string,
  account: BenchAccount | undefined,
): Promise<{ headers: Record<string, string>; mode: string }> {
  if (!account) return { headers: {}, mode: 'none (no accounts schema)' };
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const text = await response.text();
  if (response.status === 404) return { headers: {}, mode: 'none (no login route in this build)' };
  if (!response.ok) throw new Error(`login failed: ${response.status} ${text.slice(0, 300)}`);
  const token = (JSON.parse(text) as { accessToken?: string }).accessToken;
  if (!token) throw new Error(`login answered without accessToken: ${text.slice(0, 300)}`);
  // Is the token checked? An unauthenticated command answers 401 when the access guard is on, 400 (validation of
  // the empty body) when this build does not enforce it.
  const probe = await fetch(`${baseUrl}/api/demands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await probe.arrayBuffer();
  const enforced = probe.status === 401 || probe.status === 403;
  return {
    headers: { authorization: `Bearer ${token}` },
    mode: enforced
      ? 'officer, Bearer token, access guard enforced'
      : `officer, Bearer token sent, but NOT checked by this build (unauthenticated command got ${probe.status})`,
  };
}

/** An admin of the benchmark's organisation (registers the units the dashboard reads); its login headers. */
export async function benchAdminHeaders(client: pg.Client, baseUrl: string): Promise<Record<string, string>> {
  const admin: BenchAccount = {
    email: 'bench.admin@bench.invalid',
    password: randomBytes(18).toString('base64url'),
    accountId: randomUUID(),
    organisationId: 'bench-org',
  };
  await client.query(
    `INSERT INTO app.accounts (account_id, organisation_id, email, display_name, role, section_ids, password_hash)
     VALUES ($1, $2, $3, 'Benchmark admin', 'admin', ARRAY[]::text[], $4)`,
    [admin.accountId, admin.organisationId, admin.email, await hashPassword(admin.password)],
  );
  return (await loginHeaders(baseUrl, admin)).headers;
}
