import { type SqlExecutor } from '../database/database.js';

/** What holding a key means for a request. */
export type KeyClaim =
  /** The key is this request's: run it. `takenOver`: a request that died left it unresolved. */
  | { kind: 'claimed'; takenOver: boolean }
  /** The key answered already: give that answer back. */
  | { kind: 'answered'; status: number; body: unknown }
  /** Same key, another body. */
  | { kind: 'mismatch' }
  /** A live request holds the key; it is presumed dead `retryAfterSeconds` from now. */
  | { kind: 'in_progress'; retryAfterSeconds: number };

export type IdempotencyKeyPolicy = {
  /** How long a key is remembered (its answer replayed, another body refused). */
  ttlHours: number;
  /** How long a request may hold its key unanswered before a retry takes it over. */
  inProgressLeaseSeconds: number;
};

/**
 * The `app.idempotency_keys` bookkeeping (migrations 002 and 013). A key is claimed in one statement: new, expired
 * (forgotten), or left unresolved by a request that died (its claim older than the lease) are all taken by the
 * caller, which then runs the request; the event ids derive from the key, so a request that had recorded its
 * events before dying is answered from what it recorded, and one that recorded nothing runs again.
 */
export class IdempotencyKeys {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: IdempotencyKeyPolicy,
  ) {}

  async claim(scope: string, key: string, requestHash: string): Promise<KeyClaim> {
    const { rows } = await this.db.query<{ taken_over: boolean }>(
      `INSERT INTO app.idempotency_keys AS k (scope, key, request_hash, claimed_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + make_interval(hours => $4::int))
       ON CONFLICT (scope, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = now(),
              claimed_at = now(), expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= now()
           OR (k.status IS NULL AND k.request_hash = EXCLUDED.request_hash
               AND k.claimed_at <= now() - make_interval(secs => $5::int))
       RETURNING (xmax::text <> '0') AS taken_over`,
      [scope, key, requestHash, this.policy.ttlHours, this.policy.inProgressLeaseSeconds],
      { prepareAs: 'idempotency_claim' },
    );
    const claimed = rows[0];
    if (claimed) return { kind: 'claimed', takenOver: claimed.taken_over };
    const existing = await this.db.query<{
      request_hash: string;
      status: number | null;
      body: unknown;
      wait: number | string;
    }>(
      `SELECT request_hash, status, body,
              ceil(greatest(0, extract(epoch FROM claimed_at + make_interval(secs => $3::int) - now()))) AS wait
         FROM app.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key, this.policy.inProgressLeaseSeconds],
    );
    const row = existing.rows[0];
    // Gone between the two statements (purged, or released by a failed request): try again.
    if (!row) return this.claim(scope, key, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === null) return { kind: 'in_progress', retryAfterSeconds: Math.max(1, Number(row.wait)) };
    return { kind: 'answered', status: row.status, body: row.body };
  }

  async answer(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE app.idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
      { prepareAs: 'idempotency_answer' },
    );
  }

  /** A failed request keeps nothing: the same key may be retried at once. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM app.idempotency_keys WHERE scope = $1 AND key = $2 AND status IS NULL`, [
      scope,
      key,
    ]);
  }

  /** Forgets expired keys (an expired key is already treated as new; this keeps the table small). */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM app.idempotency_keys WHERE expires_at <= now()`);
    return rowCount;
  }
}
