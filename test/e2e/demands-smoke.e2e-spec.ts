import { createTestApp, type TestApp } from '../support/test-app.js';

describe('Demands API smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('raises a demand and reads it back', async () => {
    const created = await t
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'mobilité surveillants', organisation: 'dap' }],
        level: 'national',
        occurredAt: '2024-02-23',
      });
    expect(created.status).toBe(201);
    const got = await t.http().get(`/api/demands/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body.status).toBe('RAISED');
    const history = await t.http().get(`/api/demands/${created.body.id}/history`);
    expect(history.body.items).toHaveLength(1);
    const bad = await t.http().post('/api/demands').send({ title: 5, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['title', 'extra']),
    );
  });
});
