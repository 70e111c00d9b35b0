import request from 'supertest';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION } from '../../src/accounts/demo-accounts.js';
import { DemoAccounts } from '../../src/accounts/demo-accounts.js';
import { DemoLoader } from '../../src/demo/demo-loader.js';
import { DEMO_MEETING_NEXT } from '../../src/demo/meetings-demo.js';
import { type Account, createTestApp, type TestApp, type TestAgent } from '../support/test-app.js';

const csa = (instanceId: string, instanceType: string, extra: object = {}) => ({
  instanceId,
  instanceName: `Instance ${instanceId}`,
  instanceType,
  scheduledFor: '2024-04-15',
  occurredAt: '2024-03-01T09:00:00.000Z',
  ...extra,
});

/**
 * Issue 10, defect 11: meetings and agenda items that name demands are checked against the officer's sections like
 * direct writes. The demo officer (delegue@demo.local) holds the section of SPIP 62 only.
 */
describe('Section check on meetings and their agenda', () => {
  let t: TestApp;
  let demoAdmin: Account;
  let delegue: () => TestAgent;
  let lilleDemand: string;
  const eventCount = async () =>
    (await t.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM es.events`)).rows[0]?.n;
  const expectOutsideSection = (response: request.Response) => {
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('ACCESS.OUTSIDE_SECTION');
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2024-03-01T09:00:00Z');
    await t.app.get(DemoLoader).load();
    await t.app.get(DemoAccounts).ensure();
    const officer = DEMO_ACCOUNTS.find((a) => a.role === 'officer');
    expect(officer?.sectionIds).toEqual(['section-spip-62']);
    const login = await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: officer?.email, password: 'demo' })
      .expect(200);
    const token = login.body.accessToken as string;
    delegue = () => request.agent(t.app.getHttpServer()).set('Authorization', `Bearer ${token}`);

    // Another SPIP of the same DISP, with an antenna and a demand there: outside the demo officer's section.
    demoAdmin = await t.account({ role: 'admin', organisationId: DEMO_ORGANISATION.id });
    const units = [
      { unitId: 'spip-59', kind: 'SPIP', name: 'SPIP du Nord (59)', parentId: 'disp-lille' },
      { unitId: 'ant-lille', kind: 'ANTENNA', name: 'ALIP de Lille', parentId: 'spip-59', milieu: 'MO' },
    ];
    for (const unit of units) await demoAdmin.http().post('/api/units').send(unit).expect(201);
    const raised = await demoAdmin
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-lille',
        title: 'Remplacer les postes informatiques de Lille',
        category: 'it_equipment',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-59' }],
        level: 'local',
        occurredAt: '2024-02-23',
      })
      .expect(201);
    lilleDemand = raised.body.id;
  });
  afterAll(() => t.close());

  it('When the SPIP 62 officer schedules a CSA of the DISP above its section, then 403 ACCESS.OUTSIDE_SECTION and nothing is recorded', async () => {
    const before = await eventCount();
    expectOutsideSection(await delegue().post('/api/meetings').send(csa('csa-disp-lille', 'csa_disp')));
    expectOutsideSection(await delegue().post('/api/meetings').send(csa('csa-spip59', 'csa_spip_local')));
    // An instance no unit matches concerns the whole organisation.
    expectOutsideSection(
      await delegue()
        .post('/api/meetings')
        .send(csa('fs-competente', 'fs', { level: 'local' })),
    );
    expect(await eventCount()).toBe(before);
    // Its own SPIP's CSA is within its section; the admin may schedule any.
    await delegue().post('/api/meetings').send(csa('csa-spip62', 'csa_spip_local')).expect(201);
    await demoAdmin.http().post('/api/meetings').send(csa('csa-disp-lille', 'csa_disp')).expect(201);
  });

  it('When the SPIP 62 officer puts another SPIP’s demand on its CSA’s agenda, then 403 and nothing is recorded; its own demands go through', async () => {
    const own = await delegue()
      .post(`/api/meetings/${DEMO_MEETING_NEXT}/president-items`)
      .send({ title: 'Recrutement d’un ASE', demandIds: ['dem-B8'] })
      .expect(201);
    const itemId = own.body.id as string;
    const before = await eventCount();
    const attempts = [
      delegue()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/president-items`)
        .send({ title: 'Postes de Lille', demandIds: ['dem-B8', lilleDemand] }),
      delegue()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/agenda-items`)
        .send({
          title: 'Postes de Lille',
          requestedBy: 'FO',
          signatures: 2,
          titularRepsTotal: 6,
          demandIds: [lilleDemand],
        }),
      delegue()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/questions-diverses`)
        .send({ text: 'Où en sont les postes de Lille ?', demandIds: [lilleDemand] }),
      delegue()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/items/${itemId}/demands`)
        .send({ demandId: lilleDemand }),
      // A demand the organisation does not have cannot be placed within a section either.
      delegue()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/items/${itemId}/demands`)
        .send({ demandId: 'dem-inconnue' }),
    ];
    for (const attempt of attempts) expectOutsideSection(await attempt);
    expect(await eventCount()).toBe(before);
    const refused = await delegue()
      .post(`/api/meetings/${DEMO_MEETING_NEXT}/items/${itemId}/demands`)
      .send({ demandId: lilleDemand });
    expect(refused.body).toMatchObject({ demandId: lilleDemand, antennaId: 'ant-lille' });
  });

  it('When an officer of one antenna schedules its SPIP’s CSA or writes on its agenda, then 403: the CSA reaches the whole SPIP', async () => {
    const bethune = await t.account({
      role: 'officer',
      organisationId: DEMO_ORGANISATION.id,
      sectionUnitIds: ['ant-bethune'],
    });
    const before = await eventCount();
    expectOutsideSection(
      await bethune.http().post('/api/meetings').send(csa('csa-spip62', 'csa_spip_local')),
    );
    expectOutsideSection(
      await bethune
        .http()
        .post(`/api/meetings/${DEMO_MEETING_NEXT}/president-items`)
        .send({ title: 'Déménagement de Béthune', demandIds: ['dem-B4'] }),
    );
    expect(await eventCount()).toBe(before);
  });

  it('When the SPIP 62 officer opens the page of a CSA outside its section, then it reads it without any form and is told why; its own CSA shows the forms', async () => {
    const scheduled = await demoAdmin
      .http()
      .post('/api/meetings')
      .send(csa('csa-spip59-page', 'csa_spip_local'))
      .expect(201);
    const outside = await delegue().get(`/instances/${scheduled.body.id}`).expect(200);
    expect(outside.text).toContain('Cette instance est hors de vos sections');
    expect(outside.text).not.toMatch(/<form[^>]*action="\/instances\//);
    expect(outside.text).not.toContain('Préparer le dossier');
    const own = await delegue().get(`/instances/${DEMO_MEETING_NEXT}`).expect(200);
    expect(own.text).not.toContain('hors de vos sections');
    expect(own.text).toMatch(/<form[^>]*action="\/instances\//);
    expect(own.text).toContain('Préparer le dossier');
  });
});
