import { DemoLoader } from '../../src/demo/demo-loader.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('Demo dataset (the SPIP 62 visit report)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('When loaded, then the 19 demands are there, explicit and implied kept apart, and overdue after 2024-03-24', async () => {
    const { recorded } = await t.app.get(DemoLoader).load();
    expect(recorded).toBeGreaterThan(60);
    t.clock.set('2024-04-01T08:00:00Z');
    // The demo belongs to the union FO Justice CPIP: the test organisation sees none of it.
    expect((await t.http().get('/api/demands').expect(200)).body.total).toBe(0);
    const reader = await t.account({ role: 'observer', organisationId: 'fo-justice-cpip' });
    const http = reader.http;
    const all = await http().get('/api/demands?limit=200');
    expect(all.body.total).toBe(19);
    const explicit = await http().get('/api/demands?explicit=true&limit=200');
    const implied = await http().get('/api/demands?explicit=false&limit=200');
    expect(explicit.body.total).toBe(8);
    expect(implied.body.total).toBe(11);
    const overdue = await http().get('/api/demands?overdue=true&limit=200');
    expect(overdue.body.total).toBe(19);
    const meetings = await http().get('/api/meetings?instanceId=csa-spip62').expect(200);
    expect(meetings.body.items.map((m: { id?: string; meetingId?: string }) => m.id ?? m.meetingId)).toEqual([
      'mtg-csa-spip62-2023-10-13',
      'mtg-csa-spip62-next',
    ]);
    const b8 = await http().get('/api/demands/dem-B8');
    expect(b8.body).toMatchObject({ status: 'SUBMITTED', antennaId: 'ant-bethune', explicit: true });
  });

  it('When loaded twice, then nothing new is recorded', async () => {
    const { recorded } = await t.app.get(DemoLoader).load();
    expect(recorded).toBe(0);
  });

  it("Then the cheffe d'antenne appears by role, never by name", async () => {
    const { rows } = await t.database.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM es.events WHERE data::text ILIKE '%neel%' OR metadata::text ILIKE '%neel%'`,
    );
    expect(rows[0]?.n).toBe('0');
  });
});
