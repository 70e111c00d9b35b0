import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * ADR 0022: the access guard reuses what it read of an account (ACCESS_CACHE_MS, here a minute so that only the
 * forgetting can explain a refusal). Two instances of the application on one PostgreSQL: a change made through one
 * ends the account's access in the other as soon as the notification arrives, well before the cache would expire.
 */
const JWT_SECRET = 'access-cache-test-secret-0123456789abcdef';

describe('Access guard cache across instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ ACCESS_CACHE_MS: '60000', JWT_SECRET });
    b = await createTestApp({ ACCESS_CACHE_MS: '60000', JWT_SECRET }, a.database);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Requests the same route on instance b until it answers `status` (at most 2 s). */
  const untilB = async (token: string, status: number): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < 2_000) {
      const answer = await b.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      if (answer.status === status) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`instance b never answered ${status}`);
  };

  it('When an account is disabled on one instance, then the other refuses its token within moments', async () => {
    const officer = await a.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    // Both instances have read (and keep) the account.
    await a.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(200);
    await b.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(200);
    await a.http().post(`/api/admin/accounts/${officer.accountId}/disable`).expect(204);
    // The instance that made the change: at once.
    await a.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(401);
    expect(await untilB(officer.token, 401)).toBeLessThan(2_000);
  });

  it('When an account logs out on one instance, then its token ends on the other too', async () => {
    const officer = await a.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    await b.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(200);
    await a.http().post('/api/auth/logout').set('Authorization', `Bearer ${officer.token}`).expect(204);
    expect(await untilB(officer.token, 401)).toBeLessThan(2_000);
  });

  it('When nothing changes, then the account is read once and reused', async () => {
    const officer = await a.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    await b.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(200);
    // Changed behind the application's back (no notification): the cached account still answers, as configured.
    await a.database.db.query(`UPDATE app.accounts SET display_name = 'Renamed' WHERE account_id = $1`, [
      officer.accountId,
    ]);
    const me = await b.http().get('/api/auth/me').set('Authorization', `Bearer ${officer.token}`).expect(200);
    expect(me.body.displayName).not.toBe('Renamed');
  });
});
