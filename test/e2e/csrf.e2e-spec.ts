import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 10 defect 5: a write authenticated by the session cookie needs a CSRF token or an Origin of this site;
 * the bearer-token API is unchanged; web forms need their token. A refused request records nothing.
 */
describe('CSRF and Origin on cookie-authenticated writes', () => {
  let t: TestApp;
  let demandId: string;
  let cookie: string;
  const server = () => request(t.app.getHttpServer());
  const title = async () => (await t.http().get(`/api/demands/${demandId}`)).body.title as string;
  const revision = async () => (await t.http().get(`/api/demands/${demandId}`)).body.revision as number;

  beforeAll(async () => {
    t = await createTestApp();
    const created = await t
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip' }],
        level: 'local',
        occurredAt: '2024-02-23',
      });
    expect(created.status).toBe(201);
    demandId = created.body.id;
    const officer = await t.account({
      role: 'officer',
      sectionUnitIds: ['ant-bethune'],
      password: 'correct horse battery',
    });
    const login = await server()
      .post('/api/auth/login')
      .send({ email: officer.email, password: 'correct horse battery' })
      .expect(200);
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookie).toMatch(/^session=/);
  });
  afterAll(() => t.close());

  it('Given the session cookie, when another site posts a urlencoded form to the API, then 403 and nothing changes', async () => {
    const before = await revision();
    const response = await server()
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('title=Titre%20pirat%C3%A9');
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(await title()).toBe('Recruter au moins 1 ASE');
    expect(await revision()).toBe(before);
  });

  it('Given the session cookie, when a browser says cross-site (Sec-Fetch-Site) without Origin, then 403', async () => {
    await server()
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ title: 'Titre piraté' })
      .expect(403);
    expect(await title()).toBe('Recruter au moins 1 ASE');
  });

  it('Given the session cookie, when neither a token nor an Origin comes with the write, then 403', async () => {
    await server()
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', cookie)
      .send({ title: 'Sans jeton ni origine' })
      .expect(403);
    expect(await title()).toBe('Recruter au moins 1 ASE');
  });

  it('Given the session cookie, when the Origin is this site, then the write goes through', async () => {
    const response = await server()
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', cookie)
      .set('Host', 'tracker.test')
      .set('Origin', 'http://tracker.test')
      .send({ title: 'Recruter au moins 1 ASE (même origine)' });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 201,
      body: expect.anything(),
    });
    expect(await title()).toBe('Recruter au moins 1 ASE (même origine)');
  });

  it('Given the session cookie, when a valid X-CSRF-Token comes with the write, then it goes through', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/mot-de-passe').set('Cookie', cookie).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    expect(token).toBeDefined();
    const csrfCookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    await agent
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', `${cookie}; ${csrfCookie}`)
      .set('X-CSRF-Token', token ?? '')
      .send({ title: 'Recruter au moins 1 ASE (jeton)' })
      .expect(201);
    // A token made for another session is refused.
    await server()
      .post(`/api/demands/${demandId}/rewording`)
      .set('Cookie', `session=autre; ${csrfCookie}`)
      .set('X-CSRF-Token', token ?? '')
      .send({ title: 'Autre session' })
      .expect(403);
    expect(await title()).toBe('Recruter au moins 1 ASE (jeton)');
  });

  it('Given a bearer token, when writing without Origin or CSRF token, then the API is unchanged (201)', async () => {
    await t
      .http()
      .post(`/api/demands/${demandId}/rewording`)
      .send({ title: 'Recruter au moins 1 ASE (jeton porteur)' })
      .expect(201);
  });

  it('Given a web form without its CSRF token, when posted with the cookie, then a French 403 page and the session still works', async () => {
    const response = await server()
      .post('/deconnexion')
      .set('Cookie', cookie)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('');
    expect(response.status).toBe(403);
    expect(response.text).toContain('Formulaire refusé');
    expect(response.text).toContain('rien n’a été enregistré');
    await server().get('/api/auth/me').set('Cookie', cookie).expect(200);
  });

  it('Given a web form with a valid token, when another site posts it, then 403 (Origin is checked too)', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/mot-de-passe').set('Cookie', cookie).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const csrfCookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    await server()
      .post('/deconnexion')
      .set('Cookie', `${cookie}; ${csrfCookie}`)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: token })
      .expect(403);
    await server().get('/api/auth/me').set('Cookie', cookie).expect(200);
  });
});
