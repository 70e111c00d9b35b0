import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 10, defect 1, what was left of it: a number cast to text and sorted under the same name sorts as text
 * (10 before 9). The security log and a demand's history are read past ten entries and must stay in numeric order.
 */
describe('Numeric order past ten entries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '100' });
  });
  afterAll(() => t.close());

  it('When the security log holds more than ten entries, then it reads newest first by number', async () => {
    const member = await t.account({ role: 'observer' });
    for (let i = 0; i < 12; i++) {
      await request(t.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: member.email, password: `wrong-${i}` })
        .expect(401);
    }
    const items = (await t.http().get('/api/admin/security-log').expect(200)).body.items as { id: number }[];
    const ids = items.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(Math.max(...ids)).toBeGreaterThanOrEqual(10);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('When a demand has more than ten events, then its history reads in revision order', async () => {
    const raised = await t
      .http()
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
    const id = raised.body.id as string;
    for (let i = 1; i <= 11; i++) {
      await t
        .http()
        .post(`/api/demands/${id}/rewording`)
        .send({ title: `Recruter au moins 1 ASE (version ${i})` })
        .expect(201);
    }
    const items = (await t.http().get(`/api/demands/${id}/history`).expect(200)).body.items as {
      revision: number;
    }[];
    expect(items.map((e) => e.revision)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
