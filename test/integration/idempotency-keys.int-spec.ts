import { IdempotencyKeys } from '../../src/infrastructure/http/idempotency-keys.js';
import { backends, type TestDatabase } from '../support/databases.js';

// The bookkeeping of Idempotency-Key (issue 10, defect 3): a key left without an answer by a request that died is
// taken over by the next retry once the in-progress lease has passed; a key expires after its time to live.

describe.each(backends)('Idempotency keys on %s', (_name, create) => {
  let t: TestDatabase;
  let keys: IdempotencyKeys;
  const scope = 'actor-1 POST /api/demands /api/demands';
  beforeAll(async () => {
    t = await create();
    keys = new IdempotencyKeys(t.db, { ttlHours: 24, inProgressLeaseSeconds: 15 });
  });
  afterAll(() => t.drop());

  /** Moves a key's clocks back, as if it had been claimed `seconds` ago. */
  const age = (key: string, seconds: number) =>
    t.db.query(
      `UPDATE app.idempotency_keys SET claimed_at = claimed_at - make_interval(secs => $2::int),
              created_at = created_at - make_interval(secs => $2::int),
              expires_at = expires_at - make_interval(secs => $2::int)
        WHERE key = $1`,
      [key, seconds],
    );

  it('claims a new key, then replays its answer and refuses another body', async () => {
    expect(await keys.claim(scope, 'k-new', 'h1')).toEqual({ kind: 'claimed', takenOver: false });
    await keys.answer(scope, 'k-new', 201, { id: 'd-1' });
    expect(await keys.claim(scope, 'k-new', 'h1')).toEqual({
      kind: 'answered',
      status: 201,
      body: { id: 'd-1' },
    });
    expect(await keys.claim(scope, 'k-new', 'h2')).toEqual({ kind: 'mismatch' });
  });

  it('answers "in progress" with the time left while the holder may still be working', async () => {
    await keys.claim(scope, 'k-live', 'h1');
    await age('k-live', 5);
    expect(await keys.claim(scope, 'k-live', 'h1')).toEqual({ kind: 'in_progress', retryAfterSeconds: 10 });
  });

  it('lets a retry take over a key left unanswered by a request that died, and only once', async () => {
    await keys.claim(scope, 'k-dead', 'h1');
    await age('k-dead', 16);
    expect(await keys.claim(scope, 'k-dead', 'h2')).toEqual({ kind: 'mismatch' });
    expect(await keys.claim(scope, 'k-dead', 'h1')).toEqual({ kind: 'claimed', takenOver: true });
    // The retry now holds it: a third call waits for it.
    expect(await keys.claim(scope, 'k-dead', 'h1')).toMatchObject({ kind: 'in_progress' });
    await keys.answer(scope, 'k-dead', 201, { id: 'd-2' });
    expect(await keys.claim(scope, 'k-dead', 'h1')).toMatchObject({ kind: 'answered', status: 201 });
  });

  it('forgets a key after its time to live: the same key with another body is a new request', async () => {
    await keys.claim(scope, 'k-old', 'h1');
    await keys.answer(scope, 'k-old', 201, { id: 'd-3' });
    await age('k-old', 23 * 3600);
    expect(await keys.claim(scope, 'k-old', 'h2')).toEqual({ kind: 'mismatch' });
    await age('k-old', 3600);
    expect(await keys.claim(scope, 'k-old', 'h2')).toEqual({ kind: 'claimed', takenOver: true });
    await keys.answer(scope, 'k-old', 201, { id: 'd-4' });
    await keys.claim(scope, 'k-gone', 'h1');
    await keys.answer(scope, 'k-gone', 201, {});
    await age('k-gone', 25 * 3600);
    expect(await keys.purgeExpired()).toBe(1);
    const { rows } = await t.db.query(`SELECT key FROM app.idempotency_keys WHERE key = 'k-gone'`);
    expect(rows).toEqual([]);
  });

  it('a failed request releases its key at once; an answered key is never released', async () => {
    await keys.claim(scope, 'k-fail', 'h1');
    await keys.release(scope, 'k-fail');
    expect(await keys.claim(scope, 'k-fail', 'h2')).toEqual({ kind: 'claimed', takenOver: false });
    await keys.answer(scope, 'k-fail', 201, {});
    await keys.release(scope, 'k-fail');
    expect(await keys.claim(scope, 'k-fail', 'h2')).toMatchObject({ kind: 'answered' });
  });
});
