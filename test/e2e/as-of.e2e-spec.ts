import { createTestApp, type TestApp } from '../support/test-app.js';

describe('The state of a demand at any date', () => {
  let t: TestApp;
  let id: string;
  let beforeResponseWasRecorded: string;

  beforeAll(async () => {
    t = await createTestApp();
    const http = () => t.http();
    const created = await http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
        level: 'local',
        occurredAt: '2024-02-23',
      })
      .expect(201);
    id = created.body.id;
    await http()
      .post(`/api/demands/${id}/submissions`)
      .send({
        channel: 'letter',
        addressee: { role: 'DFSPIP', organisation: 'spip-62' },
        submittedAt: '2024-02-23',
        responseDueAt: '2024-03-24',
      })
      .expect(201);
    const { rows } = await t.database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    beforeResponseWasRecorded = new Date(rows[0]?.now ?? 0).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Management answered on 15 March 2024, but the union records it only now (late).
    await http()
      .post(`/api/demands/${id}/responses`)
      .send({
        stance: 'accept',
        text: 'Un ASE sera affecté à la prochaine CAP.',
        authorRole: 'DFSPIP',
        channel: 'letter',
        respondedAt: '2024-03-15',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('When asked before and after the management response, then the two statuses differ', async () => {
    const before = await t.http().get(`/api/demands/${id}?asOf=2024-03-01`).expect(200);
    const after = await t.http().get(`/api/demands/${id}?asOf=2024-03-20`).expect(200);
    expect(before.body.status).toBe('SUBMITTED');
    expect(before.body.lastManagementPosition).toBeNull();
    expect(after.body.status).toBe('RESPONSE_RECEIVED');
    expect(after.body.lastManagementPosition.text).toBe('Un ASE sera affecté à la prochaine CAP.');
  });

  it('When asked with known=recorded, then a late-recorded response is not yet known', async () => {
    const occurred = await t
      .http()
      .get(`/api/demands/${id}?asOf=${encodeURIComponent(beforeResponseWasRecorded)}`)
      .expect(200);
    const known = await t
      .http()
      .get(`/api/demands/${id}?asOf=${encodeURIComponent(beforeResponseWasRecorded)}&known=recorded`)
      .expect(200);
    expect(occurred.body.status).toBe('RESPONSE_RECEIVED');
    expect(known.body.status).toBe('SUBMITTED');
  });

  it('When the history is asked as of a date, then it stops at that date', async () => {
    const history = await t.http().get(`/api/demands/${id}/history?asOf=2024-03-01`).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'DemandRaised',
      'DemandSubmitted',
    ]);
  });

  it('When asked before the demand existed, then 404; a malformed date gets 400 naming asOf', async () => {
    await t.http().get(`/api/demands/${id}?asOf=2020-01-01`).expect(404);
    const bad = await t.http().get(`/api/demands/${id}?asOf=yesterday`).expect(400);
    expect(bad.body.errors[0].field).toBe('asOf');
  });
});
