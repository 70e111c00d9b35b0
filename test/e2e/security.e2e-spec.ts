import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const demandBody = (antennaId: string) => ({
  antennaId,
  title: 'Recruter au moins 1 ASE',
  category: 'hr',
  explicit: true,
  priority: 'high',
  addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
  level: 'local',
  occurredAt: '2024-02-23',
});

/** Every route of the Express router, as "METHOD /path". */
const routesOf = (t: TestApp): { method: string; path: string }[] => {
  const instance = t.app.getHttpAdapter().getInstance();
  const stack = (instance.router ?? instance._router).stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => ({ method, path: layer.route?.path ?? '' }))
      : [],
  );
};

const PUBLIC = [
  /^\/health$/,
  /^\/assets\//,
  /^\/connexion$/,
  /^\/api\/auth\/login$/,
  /^\/api\/docs(-json|-yaml)?(\/.*)?$/,
];

describe('Security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '10' });
  });
  afterAll(() => t.close());

  it('When any non-public route is called without credentials, then it answers 401 problem+json', async () => {
    const routes = routesOf(t).filter((r) => !PUBLIC.some((p) => p.test(r.path)));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x1');
      const response = await request(t.app.getHttpServer())[route.method as 'get' | 'post'](path).send({});
      if (!route.path.startsWith('/api/')) {
        // A web page: sent to the login page or refused (a form without its CSRF token, an unknown page), never served.
        const refused = response.status >= 400;
        const toLogin = response.status === 303 && String(response.headers.location).startsWith('/connexion');
        expect({ route: `${route.method} ${route.path}`, refused: refused || toLogin }).toEqual({
          route: `${route.method} ${route.path}`,
          refused: true,
        });
        continue;
      }
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('When the token is forged, expired-looking or garbage, then 401', async () => {
    const forged = t.admin.token.slice(0, -4) + 'AAAA';
    for (const token of [forged, 'garbage', 'a.b.c']) {
      await request(t.app.getHttpServer())
        .get('/api/demands')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
    }
  });

  it('When an observer writes, then 403; reading is allowed', async () => {
    const observer = await t.account({ role: 'observer', sectionUnitIds: ['ant-bethune'] });
    await observer.http().get('/api/demands').expect(200);
    const refused = await observer.http().post('/api/demands').send(demandBody('ant-bethune')).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('When an officer of section A writes to section B, then 403; within A, 201', async () => {
    const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    await officer.http().post('/api/demands').send(demandBody('ant-longuenesse')).expect(403);
    const created = await officer.http().post('/api/demands').send(demandBody('ant-bethune')).expect(201);
    const other = await t.http().post('/api/demands').send(demandBody('ant-longuenesse')).expect(201);
    await officer.http().post(`/api/demands/${other.body.id}/priority`).send({ priority: 'low' }).expect(403);
    await officer
      .http()
      .post(`/api/demands/${created.body.id}/priority`)
      .send({ priority: 'low' })
      .expect(201);
  });

  it("When someone reads or writes another organisation's data, then 404", async () => {
    const mine = await t.http().post('/api/demands').send(demandBody('ant-bethune')).expect(201);
    const stranger = await t.account({ role: 'admin', organisationId: 'other-union' });
    await stranger.http().get(`/api/demands/${mine.body.id}`).expect(404);
    await stranger.http().get(`/api/demands/${mine.body.id}/history`).expect(404);
    await stranger.http().post(`/api/demands/${mine.body.id}/priority`).send({ priority: 'low' }).expect(404);
    const list = await stranger.http().get('/api/demands').expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(mine.body.id);
  });

  it("When someone lists or reads another organisation's visits, then they are not there (404)", async () => {
    await t
      .http()
      .post('/api/visits/visit-iso-1/conduct')
      .send({ antennaId: 'ant-bethune', conductedOn: '2024-03-02' })
      .expect(201);
    const stranger = await t.account({ role: 'admin', organisationId: 'other-union' });
    await stranger.http().get('/api/visits/visit-iso-1').expect(404);
    const list = await stranger.http().get('/api/visits').expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('When an account is disabled, then its token stops working at once', async () => {
    const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    await officer.http().get('/api/demands').expect(200);
    await t.http().post(`/api/admin/accounts/${officer.accountId}/disable`).expect(204);
    await officer.http().get('/api/demands').expect(401);
  });

  it('When logging in, then a token and an httpOnly SameSite=Strict cookie; logout ends both', async () => {
    const account = await t.account({ role: 'officer', password: 'correct horse battery' });
    const login = await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: account.email, password: 'correct horse battery' })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const sessionCookie = cookie.split(';')[0] ?? '';
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Cookie', sessionCookie).expect(200);
    await request(t.app.getHttpServer())
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(204);
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Cookie', sessionCookie).expect(401);
  });

  it('When the same address fails to log in 11 times within a minute, then the 11th gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await request(t.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'nobody@test.local', password: `wrong-${i}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('Then logins, failed logins and account changes are in the security log', async () => {
    // A failed login is in the log of the organisation whose account it aimed at (an unknown address: in none).
    await t.database.db.query(`DELETE FROM app.rate_limit_hits`);
    const member = await t.account({ role: 'observer' });
    await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: member.email, password: 'wrong' })
      .expect(401);
    const log = await t.http().get('/api/admin/security-log').expect(200);
    const kinds = new Set(log.body.items.map((e: { kind: string }) => e.kind));
    for (const kind of ['login_succeeded', 'login_failed', 'logout', 'account_disabled'])
      expect(kinds).toContain(kind);
  });

  it('Then helmet headers are set and CORS is closed', async () => {
    const response = await request(t.app.getHttpServer())
      .get('/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('When the actor is named in the body, then it is refused; the actor comes from the account', async () => {
    await t
      .http()
      .post('/api/demands')
      .send({ ...demandBody('ant-bethune'), actorId: 'someone-else' })
      .expect(400);
    const created = await t.http().post('/api/demands').send(demandBody('ant-bethune')).expect(201);
    const history = await t.http().get(`/api/demands/${created.body.id}/history`).expect(200);
    expect(history.body.items[0].actorId).toBe(t.admin.accountId);
    expect(history.body.items[0].actor).toMatchObject({ id: t.admin.accountId, role: 'admin' });
  });
});
