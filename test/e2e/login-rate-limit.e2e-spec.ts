import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Failed logins are counted in the database (app.rate_limit_hits), not in each instance's memory: attempts spread
 * over two instances of the application on one database are limited as if there were one.
 */
describe('Login rate limit shared by every instance', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp({ LOGIN_RATE_LIMIT: '10' });
    second = await createTestApp({ LOGIN_RATE_LIMIT: '10' }, first.database);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const failedLogin = (t: TestApp, i: number) =>
    request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'nobody@test.local', password: `wrong-${i}` });

  it('When an address fails 5 times on each of two instances, then its 11th attempt gets 429 on either', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await failedLogin(i % 2 === 0 ? first : second, i)).status);
    expect(statuses).toEqual(Array(10).fill(401));

    const limited = await failedLogin(first, 10);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect((await failedLogin(second, 11)).status).toBe(429);
  });

  it('When the window has passed, then the address may try again', async () => {
    await first.database.db.query(`UPDATE app.rate_limit_hits SET reset_at = now() - interval '1 second'`);
    expect((await failedLogin(second, 12)).status).toBe(401);
    const { rows } = await first.database.db.query<{ hits: number }>(`SELECT hits FROM app.rate_limit_hits`);
    expect(rows.map((r) => r.hits)).toEqual([1]);
  });

  it('When a login succeeds, then it does not count', async () => {
    await first.database.db.query(`DELETE FROM app.rate_limit_hits`);
    const account = await first.account({ role: 'officer', password: 'correct horse battery' });
    for (let i = 0; i < 12; i++) {
      await request(second.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: account.email, password: 'correct horse battery' })
        .expect(200);
    }
    expect((await failedLogin(first, 13)).status).toBe(401);
  });
});
