import request from 'supertest';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

/**
 * Issue 10, defect 10: the login's attempt limit (LOGIN_RATE_LIMIT a minute, counted in the database) also applies
 * to the password change, on the API and on the web form: only wrong current passwords count, per account.
 */
describe('Password change attempt limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '10' });
  });
  afterAll(() => t.close());

  const stored = async (account: Account) =>
    (
      await t.database.db.query<{ password_hash: string; session_version: number }>(
        `SELECT password_hash, session_version FROM app.accounts WHERE account_id = $1`,
        [account.accountId],
      )
    ).rows[0];
  const change = (account: Account, currentPassword: string) =>
    account.http().post('/api/auth/password').send({ currentPassword, newPassword: NEW_PASSWORD });

  it('When the current password is wrong 10 times, then the 11th attempt gets 429 problem+json and nothing changes, even with the right one', async () => {
    const officer = await t.account({ role: 'officer', password: PASSWORD });
    const before = await stored(officer);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await change(officer, `wrong-${i}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));

    const limited = await change(officer, 'wrong-10');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, title: 'Trop de requêtes' });
    expect(limited.body.detail).toContain('réessayez dans une minute');
    // The right current password does not get through either while the account is limited.
    expect((await change(officer, PASSWORD)).status).toBe(429);
    expect(await stored(officer)).toEqual(before);
    await officer.http().get('/api/auth/me').expect(200);

    // Another account is not limited by this one's failures.
    const other = await t.account({ role: 'observer', password: PASSWORD });
    expect((await change(other, 'wrong')).status).toBe(401);

    // Once the window has passed, the right password changes it.
    await t.database.db.query(
      `UPDATE app.rate_limit_hits SET reset_at = now() - interval '1 second' WHERE key LIKE 'password:%'`,
    );
    expect((await change(officer, PASSWORD)).status).toBe(204);
    expect((await stored(officer))?.password_hash).not.toBe(before?.password_hash);
  });

  it('When a password change succeeds, then it does not count', async () => {
    const officer = await t.account({ role: 'officer', password: PASSWORD });
    for (let i = 0; i < 12; i++) {
      const current = i % 2 === 0 ? PASSWORD : NEW_PASSWORD;
      const next = i % 2 === 0 ? NEW_PASSWORD : PASSWORD;
      // Every success ends the account's sessions: each change uses a fresh token.
      const login = await request(t.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: officer.email, password: current })
        .expect(200);
      await request(t.app.getHttpServer())
        .post('/api/auth/password')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .send({ currentPassword: current, newPassword: next })
        .expect(204);
    }
    const { rows } = await t.database.db.query<{ hits: number }>(
      `SELECT hits FROM app.rate_limit_hits WHERE key = $1`,
      [`password:${officer.accountId}`],
    );
    expect(rows.map((r) => r.hits)).toEqual([0]);
  });

  it('When the web form and the API share the failures, then the 11th gets a French 429 page and nothing changes', async () => {
    const officer = await t.account({ role: 'officer', password: PASSWORD });
    const before = await stored(officer);
    const login = await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: officer.email, password: PASSWORD })
      .expect(200);
    const session = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const page = await request(t.app.getHttpServer()).get('/mot-de-passe').set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const csrfCookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    const form = (current: string) =>
      request(t.app.getHttpServer())
        .post('/mot-de-passe')
        .set('Cookie', `${session}; ${csrfCookie}`)
        .type('form')
        .send({ _csrf: token, current, next: NEW_PASSWORD, confirm: NEW_PASSWORD });

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await form(`wrong-${i}`)).status);
    for (let i = 5; i < 10; i++) statuses.push((await change(officer, `wrong-${i}`)).status);
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(5).fill(401)]);

    const limited = await form(PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Trop de tentatives : patientez une minute puis réessayez');
    expect(await stored(officer)).toEqual(before);
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Cookie', session).expect(200);
  });
});
