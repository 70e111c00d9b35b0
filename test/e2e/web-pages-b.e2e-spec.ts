import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Visite, Instances, Intégrité and Administration pages over HTTP: another organisation's ids answer the same 404
 * page as unknown ones, an observer gets no form to write with, an officer gets forms only for its sections, and
 * Administration is for admins only.
 */
describe('Web pages B: isolation, roles and sections', () => {
  let t: TestApp;
  let meetingId: string;
  const postForms = (html: string): number =>
    (html.match(/<form method="post" action="\/(?!deconnexion)/g) ?? []).length;

  beforeAll(async () => {
    t = await createTestApp();
    for (const unit of [
      { unitId: 'dap', kind: 'DAP', name: 'DAP' },
      { unitId: 'disp-lille', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap' },
      { unitId: 'spip-62', kind: 'SPIP', name: 'SPIP 62', parentId: 'disp-lille' },
      {
        unitId: 'ant-bethune',
        kind: 'ANTENNA',
        name: 'ALIP MO de Béthune',
        parentId: 'spip-62',
        milieu: 'MO',
      },
      {
        unitId: 'ant-longuenesse',
        kind: 'ANTENNA',
        name: 'ALIP de Longuenesse',
        parentId: 'spip-62',
        milieu: 'MF',
      },
    ])
      await t.http().post('/api/units').send(unit).expect(201);
    for (const visit of [
      { id: 'visite-b-bethune', antennaId: 'ant-bethune' },
      { id: 'visite-b-longuenesse', antennaId: 'ant-longuenesse' },
    ])
      await t
        .http()
        .post(`/api/visits/${visit.id}/conduct`)
        .send({ antennaId: visit.antennaId, conductedOn: '2024-03-02' })
        .expect(201);
    const meeting = await t
      .http()
      .post('/api/meetings')
      .send({
        instanceId: 'csa-spip62',
        instanceName: 'CSA SPIP 62',
        instanceType: 'csa_spip_local',
        scheduledFor: '2024-03-28',
      })
      .expect(201);
    meetingId = meeting.body.id;
  });
  afterAll(() => t.close());

  it('When another organisation opens a visit or a meeting by its id, then the 404 page, as for an unknown id', async () => {
    const stranger = await t.account({ role: 'admin', organisationId: 'other-union' });
    for (const path of ['/visite/visite-b-bethune', `/instances/${meetingId}`]) {
      const answer = await stranger.http().get(path);
      expect(answer.status).toBe(404);
      expect(answer.text).toContain('Page introuvable');
      expect(answer.text).not.toContain('visite-b-bethune');
      const unknown = await stranger.http().get(`${path}-inconnu`);
      expect(unknown.status).toBe(404);
    }
    const list = await stranger.http().get('/visite').expect(200);
    expect(list.text).not.toContain('visite-b-bethune');
    const meetings = await stranger.http().get('/instances').expect(200);
    expect(meetings.text).not.toContain(meetingId);
  });

  it('When an observer opens the pages, then there is no form to write with, and its posts are refused', async () => {
    const observer = await t.account({ role: 'observer' });
    for (const path of [
      '/visite',
      '/visite/visite-b-bethune',
      '/instances',
      `/instances/${meetingId}`,
      '/integrite',
    ]) {
      const page = await observer.http().get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect({ path, forms: postForms(page.text) }).toEqual({ path, forms: 0 });
    }
    expect((await observer.http().get('/administration')).status).toBe(403);
  });

  it('When an officer of Longuenesse only opens a Béthune visit, then no observation form; its own antenna has one', async () => {
    const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-longuenesse'] });
    const bethune = await officer.http().get('/visite/visite-b-bethune').expect(200);
    expect(bethune.text).not.toContain('Enregistrer l’observation');
    const longuenesse = await officer.http().get('/visite/visite-b-longuenesse').expect(200);
    expect(longuenesse.text).toContain('Enregistrer l’observation');
    const home = await officer.http().get('/visite').expect(200);
    expect(home.text).toContain('value="ant-longuenesse"');
    expect(home.text).not.toContain('value="ant-bethune"');
    expect((await officer.http().get('/administration')).status).toBe(403);
  });

  it('When an admin opens Administration, then accounts, sections, deadline rules and ratios with their forms', async () => {
    const page = await t.http().get('/administration').expect(200);
    for (const text of ['Comptes et rôles', 'Créer un compte', 'Modifier les délais', 'Modifier les ratios'])
      expect(page.text).toContain(text);
  });
});
