import { createTestApp, type TestApp } from '../support/test-app.js';

/** Problem details speak French to people and keep a stable `code` for programs. */

const ENGLISH =
  /\b(must|should|does not|doesn't|exist|is required|allowed from|Cannot|Not Found|Bad Request)\b/;

const demandBody = {
  antennaId: 'ant-bethune',
  title: 'Recruter au moins 1 ASE',
  category: 'hr',
  explicit: true,
  priority: 'high',
  addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
  level: 'local',
  occurredAt: '2024-02-23',
};

describe('Problem details in French', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const expectFrench = (body: { title?: string; detail?: string; errors?: { messages: string[] }[] }) => {
    expect(body.title).toMatch(/\S/);
    expect(body.detail).toMatch(/\S/);
    expect(body.title).not.toMatch(ENGLISH);
    expect(body.detail).not.toMatch(ENGLISH);
    for (const error of body.errors ?? [])
      for (const message of error.messages) expect(message).not.toMatch(ENGLISH);
  };

  it('When a demand does not exist, then 404 with a French detail and the stable code', async () => {
    const answer = await t.http().get('/api/demands/nope').expect(404);
    expect(answer.body).toMatchObject({
      code: 'DEMAND.NOT_FOUND',
      detail: 'La revendication nope n’existe pas',
    });
    expectFrench(answer.body);
  });

  it('When fields are wrong, then 400 naming each field, with French messages', async () => {
    const answer = await t
      .http()
      .post('/api/demands')
      .send({ ...demandBody, title: 3, priority: 'urgentissime', unexpected: true })
      .expect(400);
    expect(answer.body.code).toBe('REQUEST.INVALID');
    const fields = (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['priority', 'title', 'unexpected']));
    expectFrench(answer.body);
    const title = (answer.body.errors as { field: string; messages: string[] }[]).find(
      (e) => e.field === 'title',
    );
    expect(title?.messages).toContain('title doit être un texte');
  });

  it('When a command is not allowed in the current status, then 409 in French with the code', async () => {
    const created = await t.http().post('/api/demands').send(demandBody).expect(201);
    const answer = await t
      .http()
      .post(`/api/demands/${created.body.id}/acknowledgements`)
      .send({ note: 'Accusé', occurredAt: '2024-02-24' });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('DEMAND.ILLEGAL_TRANSITION');
    expectFrench(answer.body);
  });

  it('When the route does not exist or the JSON is malformed, then French too', async () => {
    const missing = await t.http().get('/api/nulle-part').expect(404);
    expectFrench(missing.body);
    const malformed = await t
      .http()
      .post('/api/demands')
      .set('Content-Type', 'application/json')
      .send('{"title":')
      .expect(400);
    expectFrench(malformed.body);
  });
});
