import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9, fiche revendication: each form carries an idempotency key made when the page was rendered (`_idem`) and
 * the revision it showed (`_revision`). The same form sent twice (a double click, a resend after a lost answer)
 * records once, and the second answer is the same redirect as the first, not "someone recorded before you".
 */
describe('A web form sent twice with the same render key records once', () => {
  let t: TestApp;
  let cookies: string;
  const server = () => request(t.app.getHttpServer());

  const history = async (id: string): Promise<{ type: string }[]> =>
    (await t.http().get(`/api/demands/${id}/history`).expect(200)).body.items;

  /** A demand of Béthune submitted to the DFSPIP: management's response may be recorded on it. */
  const submittedDemand = async (): Promise<string> => {
    const created = await t
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)',
        category: 'staffing_recruitment',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
        level: 'local',
        occurredAt: '2024-02-23',
      })
      .expect(201);
    const id = created.body.id as string;
    await t
      .http()
      .post(`/api/demands/${id}/submissions`)
      .send({
        channel: 'letter',
        addressee: { role: 'DFSPIP', organisation: 'spip-62' },
        submittedAt: '2024-02-23T10:00:00.000Z',
      })
      .expect(201);
    return id;
  };

  /** The fiche as the officer's browser gets it: the response form's hidden fields and the CSRF cookie. */
  const responseForm = async (id: string): Promise<{ fields: Record<string, string>; cookie: string }> => {
    const page = await server().get(`/revendications/${id}`).set('Cookie', cookies).expect(200);
    const form = new RegExp(
      `<form method="post" action="/revendications/${id}/reponse"[\\s\\S]*?</form>`,
    ).exec(page.text)?.[0];
    expect(form).toBeDefined();
    const hidden = (name: string): string =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(form ?? '')?.[1] ?? '';
    const csrfCookie = String(page.headers['set-cookie'] ?? '')
      .split(/,(?=[^ ])/)
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('csrf='));
    return {
      fields: { _csrf: hidden('_csrf'), _idem: hidden('_idem'), _revision: hidden('_revision') },
      cookie: [cookies, csrfCookie].filter(Boolean).join('; '),
    };
  };

  const answer = (words: string) => ({
    stance: 'refuse',
    text: words,
    authorRole: 'DFSPIP',
    channel: 'letter',
    respondedAt: '2024-03-20',
  });

  const send = (id: string, form: { fields: Record<string, string>; cookie: string }, body: object) =>
    server()
      .post(`/revendications/${id}/reponse`)
      .set('Cookie', form.cookie)
      .type('form')
      .send({ ...form.fields, ...body });

  beforeAll(async () => {
    t = await createTestApp();
    const officer = await t.account({
      role: 'officer',
      sectionUnitIds: ['ant-bethune'],
      password: 'correct horse battery',
    });
    const login = await server()
      .post('/api/auth/login')
      .send({ email: officer.email, password: 'correct horse battery' })
      .expect(200);
    cookies = String(login.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookies).toMatch(/^session=/);
  });
  afterAll(() => t.close());

  it('Given the response form, when it is posted twice one after the other, then both answers redirect and one response is recorded', async () => {
    const id = await submittedDemand();
    const form = await responseForm(id);
    expect(form.fields._idem).toMatch(/^[0-9a-f-]{36}$/);
    const before = (await history(id)).length;
    const first = await send(id, form, answer('Pas de poste d’ASE cette année.'));
    const second = await send(id, form, answer('Pas de poste d’ASE cette année.'));
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    const after = await history(id);
    expect(after).toHaveLength(before + 1);
    expect(after.filter((e) => e.type === 'ManagementResponseReceived')).toHaveLength(1);
  });

  it('Given the response form, when a double click sends it twice at once, then one response is recorded and neither answer is a 412', async () => {
    const id = await submittedDemand();
    const form = await responseForm(id);
    const before = (await history(id)).length;
    const answers = await Promise.all([
      send(id, form, answer('Refus : la DAP décide des postes.')),
      send(id, form, answer('Refus : la DAP décide des postes.')),
    ]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(await history(id)).toHaveLength(before + 1);
  });

  it('Given a fresh render, when the form is sent again, then it is a new key: recorded a second time', async () => {
    const id = await submittedDemand();
    await send(id, await responseForm(id), answer('Première réponse.')).expect(303);
    const before = (await history(id)).length;
    await send(id, await responseForm(id), answer('Seconde réponse, après relance.')).expect(303);
    expect(await history(id)).toHaveLength(before + 1);
  });
});
