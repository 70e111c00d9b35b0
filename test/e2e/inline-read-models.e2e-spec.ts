import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * ADR 0021: a demand command writes demand_status and demand_history in its own transaction. With no runner at all
 * in this instance (PROJECTIONS_ENABLED=false), the answer of every demand command still shows at once in the
 * demand, its history and the list; and the runners, started later, change nothing.
 */
describe('Demand read models written by the command itself', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PROJECTIONS_ENABLED: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '20000' });
  });
  afterAll(() => t.close());

  it('When no projection runner runs, then a raised, submitted and answered demand shows at once, and quickly', async () => {
    const started = Date.now();
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
    const id = created.body.id as string;
    const submitted = await t
      .http()
      .post(`/api/demands/${id}/submissions`)
      .set('If-Match', '"0"')
      .send({
        channel: 'letter',
        addressee: { role: 'DFSPIP', organisation: 'spip-62' },
        submittedAt: '2024-02-24',
      });
    expect(submitted.status).toBe(201);
    for (let i = 0; i < 9; i++) {
      const answered = await t
        .http()
        .post(`/api/demands/${id}/responses`)
        .set('If-Match', `"${i + 1}"`)
        .send({
          stance: 'defer',
          text: `À l’étude (réponse ${i + 1}).`,
          authorRole: 'DFSPIP',
          channel: 'letter',
          respondedAt: new Date(Date.UTC(2024, 2, 1 + i)).toISOString(),
          newDueAt: new Date(Date.UTC(2024, 5, 1 + i)).toISOString(),
        });
      expect(answered.status).toBe(201);
    }
    // Had a command waited for a runner that does not run, it would have waited READ_YOUR_WRITES_TIMEOUT_MS (20 s).
    expect(Date.now() - started).toBeLessThan(15_000);

    const demand = await t.http().get(`/api/demands/${id}`);
    expect(demand.status).toBe(200);
    expect(demand.headers.etag).toBe('"10"');
    expect(demand.body.status).toBe('RESPONSE_RECEIVED');
    const history = await t.http().get(`/api/demands/${id}/history`);
    expect(history.body.items.map((item: { revision: number }) => item.revision)).toEqual(
      Array.from({ length: 11 }, (_, i) => i),
    );
    const list = await t.http().get('/api/demands?antennaId=ant-bethune');
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);

    // Nothing was waited for: the checkpoints of the demand read models never moved.
    const { rows } = await t.database.db.query<{ subscription_id: string; position: string | null }>(
      `SELECT subscription_id, position FROM es.checkpoints WHERE subscription_id LIKE 'demand_%' ORDER BY 1`,
    );
    expect(rows.map((row) => row.position)).toEqual([null, null]);
  });
});
