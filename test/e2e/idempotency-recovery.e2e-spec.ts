import { createTestApp, type TestApp } from '../support/test-app.js';

// Issue 10, defect 3: a request that died (crash, SIGKILL) between claiming its Idempotency-Key and answering left
// the key without an answer, and every retry got 409 "in progress" forever. The state a crash leaves is made here
// directly in the database: a key row without status, claimed long ago.

const demand = (title: string) => ({
  antennaId: 'ant-bethune',
  title,
  category: 'hr',
  explicit: true,
  priority: 'high',
  addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
  level: 'local',
  occurredAt: '2024-02-23',
});

describe('Idempotency-Key after a crash', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const raise = (key: string, body: object) =>
    t.http().post('/api/demands').set('Idempotency-Key', key).send(body);
  const eventsOf = async (id: string) =>
    (
      await t.database.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM es.events WHERE stream_id = $1`,
        [`demand-${id}`],
      )
    ).rows[0]?.n;
  /** What a crash after the claim leaves: no answer, a claim `seconds` old. */
  const leaveUnanswered = (key: string, seconds: number) =>
    t.database.db.query(
      `UPDATE app.idempotency_keys SET status = NULL, body = NULL,
              claimed_at = now() - make_interval(secs => $2::int) WHERE key = $1`,
      [key, seconds],
    );

  it('a retry of a request that recorded its events and died answers as the first call would, once', async () => {
    const body = demand('Recruter un ASE');
    const first = await raise('crash-after-append', body);
    expect(first.status).toBe(201);
    await leaveUnanswered('crash-after-append', 60);

    const retry = await raise('crash-after-append', body);

    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventsOf(first.body.id)).toBe('1');
    const read = await t.http().get(`/api/demands/${first.body.id}`);
    expect(read.status).toBe(200);
    // The key is answered again: the next retry is a plain replay.
    const again = await raise('crash-after-append', body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('a retry of a request that died before recording anything runs it, once', async () => {
    const body = demand('Consulter les agents sur le déménagement');
    // The same body under another key gives the row a crash before the append would have left: claimed, no
    // answer, no event recorded under 'crash-before-append'.
    expect((await raise('sibling', body)).status).toBe(201);
    await t.database.db.query(
      `INSERT INTO app.idempotency_keys (scope, key, request_hash, claimed_at)
       SELECT scope, 'crash-before-append', request_hash, now() - interval '1 minute'
         FROM app.idempotency_keys WHERE key = 'sibling'`,
    );

    const retry = await raise('crash-before-append', body);

    expect(retry.status).toBe(201);
    expect(await eventsOf(retry.body.id)).toBe('1');
    expect((await t.http().get(`/api/demands/${retry.body.id}`)).body.title).toBe(body.title);
    expect((await raise('crash-before-append', body)).body).toEqual(retry.body);
  });

  it('while the first request may still be running, a retry gets 409 with Retry-After', async () => {
    const body = demand('Remplacer le poste vacant');
    await raise('still-running', body);
    await leaveUnanswered('still-running', 2);

    const retry = await raise('still-running', body);

    expect(retry.status).toBe(409);
    expect(retry.headers['content-type']).toContain('application/problem+json');
    expect(Number(retry.headers['retry-after'])).toBeGreaterThanOrEqual(12);
    expect(Number(retry.headers['retry-after'])).toBeLessThanOrEqual(13);
  });

  it('a key expires after its time to live (24 h): then the same key with another body is a new request', async () => {
    const first = await raise('expiring', demand('Enquête RPS'));
    await t.database.db.query(
      `UPDATE app.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'`,
    );
    const reused = await raise('expiring', demand('Enquête RPS, suites'));
    expect(first.status).toBe(201);
    expect(reused.status).toBe(201);
    expect(reused.body.id).not.toBe(first.body.id);
    expect((await t.http().get(`/api/demands/${reused.body.id}`)).body.title).toBe('Enquête RPS, suites');
  });
});
