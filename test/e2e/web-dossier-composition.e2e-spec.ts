import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 11, "composition is offered on the meeting page": the officer picks and orders the demands and the questions
 * diverses, edits the déclaration liminaire and issues the dossier through the web forms (CSRF token, idempotency
 * key per render, the revision seen); observers get no form; the instance's unit must be within the officer's
 * sections, through the page and through the API.
 */
describe('Web: preparing a meeting’s dossier', () => {
  let t: TestApp;
  let meetingId: string;
  let ase: string;
  let network: string;
  let officer: Account;
  let outsider: Account;
  let observer: Account;
  const PASSWORD = 'correct horse battery';
  const postForms = (html: string): number =>
    (html.match(/<form method="post" action="\/(?!deconnexion)/g) ?? []).length;
  const dossierEvents = async (): Promise<string[]> =>
    (await t.app.get<EventStore>(EVENT_STORE).readStream(`dossier-${meetingId}`)).map((e) => e.type);

  /** A browser-like session: logged in by the session cookie, keeping the CSRF cookie the pages set. */
  const session = async (account: Account) => {
    const agent = request.agent(t.app.getHttpServer());
    await agent.post('/api/auth/login').send({ email: account.email, password: PASSWORD }).expect(200);
    return agent;
  };
  const hidden = (html: string, name: string, action: string): string => {
    const form = html.slice(html.indexOf(`action="${action}"`));
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1];
    if (value === undefined) throw new Error(`no ${name} in the form posting to ${action}`);
    return value;
  };
  const composeAction = () => `/instances/${meetingId}/dossier/composition`;
  const issueAction = () => `/instances/${meetingId}/dossier/emission`;

  beforeAll(async () => {
    t = await createTestApp();
    for (const unit of [
      { unitId: 'dap', kind: 'DAP', name: 'DAP' },
      { unitId: 'disp-lille', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap' },
      { unitId: 'spip-62', kind: 'SPIP', name: 'SPIP 62', parentId: 'disp-lille' },
      { unitId: 'spip-59', kind: 'SPIP', name: 'SPIP 59', parentId: 'disp-lille' },
      { unitId: 'ant-bethune', kind: 'ANTENNA', name: 'ALIP de Béthune', parentId: 'spip-62', milieu: 'MO' },
      { unitId: 'ant-lille', kind: 'ANTENNA', name: 'ALIP de Lille', parentId: 'spip-59', milieu: 'MO' },
    ])
      await t.http().post('/api/units').send(unit).expect(201);
    const raise = async (title: string) =>
      (
        await t
          .http()
          .post('/api/demands')
          .send({
            antennaId: 'ant-bethune',
            title,
            category: 'staffing_recruitment',
            explicit: true,
            priority: 'high',
            addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
            level: 'local',
            occurredAt: '2024-02-23',
          })
          .expect(201)
      ).body.id as string;
    ase = await raise('Recruter au moins 1 ASE');
    network = await raise('Installer des prises réseau filaires');
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
    officer = await t.account({ role: 'officer', sectionUnitIds: ['spip-62'], password: PASSWORD });
    outsider = await t.account({ role: 'officer', sectionUnitIds: ['spip-59'], password: PASSWORD });
    observer = await t.account({ role: 'observer', password: PASSWORD });
  }, 60_000);
  afterAll(() => t.close());

  it('When an officer opens the meeting, then "Préparer le dossier" leads to the page, which lists the demands with their questions', async () => {
    const agent = await session(officer);
    const meeting = await agent.get(`/instances/${meetingId}`).expect(200);
    expect(meeting.text).toContain(`href="/instances/${meetingId}/dossier">Préparer le dossier</a>`);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    for (const text of [
      '<h1>Préparer le dossier</h1>',
      'Recruter au moins 1 ASE',
      'Installer des prises réseau filaires',
      `name="choisir-${ase}" value="oui" checked`,
      `name="rang-${network}"`,
      'La poser en question diverse',
      'Texte de la déclaration',
      'Projet généré : d’où vient chaque paragraphe',
      '3. Noms trouvés et masquage',
      'Aucune composition enregistrée',
    ])
      expect(page.text).toContain(text);
    expect(hidden(page.text, '_revision', composeAction())).toBe('-1');
    expect(hidden(page.text, '_idem', composeAction())).toMatch(/^[0-9a-f-]{36}$/);
    // Every sentence of the draft is traceable: its sources link to the demands' pages.
    expect(page.text).toMatch(/Sources enregistrées : <a href="\/revendications\/[^"]+">n° 1 — /);
  });

  it('When an observer opens the page, then it reads the proposal but gets no form', async () => {
    const agent = await session(observer);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    expect(postForms(page.text)).toBe(0);
    expect(page.text).toContain('Consultation seule');
    expect(page.text).toContain('Recruter au moins 1 ASE');
  });

  it('When the form comes without its CSRF token, then 403 and nothing is recorded', async () => {
    const agent = await session(officer);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    const answer = await agent
      .post(composeAction())
      .type('form')
      .send({
        _idem: hidden(page.text, '_idem', composeAction()),
        _revision: '-1',
        [`choisir-${ase}`]: 'oui',
        [`rang-${ase}`]: '1',
      });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('Formulaire refusé');
    expect(await dossierEvents()).toEqual([]);
  });

  it('When nothing is ticked or a rank is wrong, then 400 with French messages beside the fields, nothing recorded', async () => {
    const agent = await session(officer);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    const base = {
      _csrf: hidden(page.text, '_csrf', composeAction()),
      _idem: hidden(page.text, '_idem', composeAction()),
      _revision: '-1',
    };
    const none = await agent
      .post(composeAction())
      .type('form')
      .send({ ...base, liminaire: '' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Cochez au moins une revendication à mettre dans le dossier');
    const rank = await agent
      .post(composeAction())
      .type('form')
      .send({ ...base, [`choisir-${ase}`]: 'oui', [`rang-${ase}`]: 'premier' });
    expect(rank.status).toBe(400);
    expect(rank.text).toContain(`id="composer-rang-${ase}-error"`);
    expect(rank.text).toContain('indiquez un nombre entier de 1 à 999');
    expect(rank.text).toContain('value="premier"');
    expect(await dossierEvents()).toEqual([]);
  });

  it('When the officer composes then issues through the forms, then DossierComposed and DossierIssued are recorded, and the issued files are offered', async () => {
    const agent = await session(officer);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    const composed = await agent
      .post(composeAction())
      .type('form')
      .send({
        _csrf: hidden(page.text, '_csrf', composeAction()),
        _idem: hidden(page.text, '_idem', composeAction()),
        _revision: hidden(page.text, '_revision', composeAction()),
        [`choisir-${ase}`]: 'oui',
        [`rang-${ase}`]: '2',
        [`choisir-${network}`]: 'oui',
        [`rang-${network}`]: '1',
        [`question-${ase}`]: 'oui',
        liminaire: 'Nous demandons une réponse écrite.\n\nEt un calendrier.',
      });
    expect(composed.status).toBe(303);
    expect(composed.headers.location).toBe(`/instances/${meetingId}/dossier?ok=composee#emettre`);
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(`dossier-${meetingId}`);
    expect(stream.map((e) => e.type)).toEqual(['DossierComposed']);
    expect(stream[0]?.data).toMatchObject({
      demandIds: [network, ase],
      questionDemandIds: [ase],
      liminaire: ['Nous demandons une réponse écrite.', 'Et un calendrier.'],
      redaction: 'roles',
    });
    expect(stream[0]?.metadata.actorId).toBe(officer.accountId);

    const review = await agent.get(`/instances/${meetingId}/dossier?ok=composee`).expect(200);
    expect(review.text).toContain('Composition enregistrée. Relisez-la ci-dessous, puis émettez le dossier.');
    expect(review.text).toContain(
      '2 revendications, 1 question diverse, déclaration liminaire rédigée par l’OS',
    );
    expect(hidden(review.text, '_revision', issueAction())).toBe('0');
    const issued = await agent
      .post(issueAction())
      .type('form')
      .send({
        _csrf: hidden(review.text, '_csrf', issueAction()),
        _idem: hidden(review.text, '_idem', issueAction()),
        _revision: hidden(review.text, '_revision', issueAction()),
      });
    expect(issued.status).toBe(303);
    expect(await dossierEvents()).toEqual(['DossierComposed', 'DossierIssued']);

    const after = await agent.get(`/instances/${meetingId}/dossier?ok=emis`).expect(200);
    expect(after.text).toContain('Dossier n° 1, émis le');
    for (const format of ['pdf', 'html', 'docx', 'csv'])
      expect(after.text).toContain(`href="/api/meetings/${meetingId}/dossier/issues/1/dossier.${format}"`);
    const docx = await agent.get(`/api/meetings/${meetingId}/dossier/issues/1/dossier.docx`).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
  });

  it('When someone composed after the page was rendered, then 412 says so, keeps the choices, and resubmitting records', async () => {
    const agent = await session(officer);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    const form = {
      _csrf: hidden(page.text, '_csrf', composeAction()),
      _idem: hidden(page.text, '_idem', composeAction()),
      _revision: hidden(page.text, '_revision', composeAction()),
      [`choisir-${ase}`]: 'oui',
      [`rang-${ase}`]: '1',
      liminaire: '',
    };
    // Another officer composes meanwhile, through the API.
    await officer
      .http()
      .post(`/api/meetings/${meetingId}/dossier/composition`)
      .send({ demandIds: [network], questionDemandIds: [] })
      .expect(201);
    const before = await dossierEvents();
    const stale = await agent.post(composeAction()).type('form').send(form);
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Quelqu’un a composé ce dossier pendant que vous le prépariez');
    expect(stale.text).toContain(`name="choisir-${ase}" value="oui" checked`);
    expect(stale.text).not.toContain(`name="choisir-${network}" value="oui" checked`);
    expect(await dossierEvents()).toEqual(before);
    const again = await agent
      .post(composeAction())
      .type('form')
      .send({
        ...form,
        _csrf: hidden(stale.text, '_csrf', composeAction()),
        _idem: hidden(stale.text, '_idem', composeAction()),
        _revision: hidden(stale.text, '_revision', composeAction()),
      });
    expect(again.status).toBe(303);
    expect(await dossierEvents()).toEqual([...before, 'DossierComposed']);
  });

  it('When the instance’s unit is outside the officer’s sections, then no form, 403 through the page and the API, nothing recorded', async () => {
    const before = await dossierEvents();
    const agent = await session(outsider);
    const page = await agent.get(`/instances/${meetingId}/dossier`).expect(200);
    expect(postForms(page.text)).toBe(0);
    expect(page.text).toContain('hors de vos sections');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const posted = await agent
      .post(composeAction())
      .type('form')
      .send({ _csrf: csrf, _revision: '2', [`choisir-${ase}`]: 'oui', [`rang-${ase}`]: '1' });
    expect(posted.status).toBe(403);
    expect(posted.text).not.toContain('Formulaire refusé');
    const issued = await agent.post(issueAction()).type('form').send({ _csrf: csrf });
    expect(issued.status).toBe(403);
    expect(issued.text).not.toContain('Formulaire refusé');
    const api = await outsider
      .http()
      .post(`/api/meetings/${meetingId}/dossier/composition`)
      .send({ demandIds: [ase], questionDemandIds: [] });
    expect(api.status).toBe(403);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    expect(api.body).toMatchObject({ code: 'ACCESS.OUTSIDE_SECTION', unitId: 'spip-62' });
    const apiIssue = await outsider.http().post(`/api/meetings/${meetingId}/dossier/issues`).send({});
    expect(apiIssue.status).toBe(403);
    expect(apiIssue.body.code).toBe('ACCESS.OUTSIDE_SECTION');
    expect(await dossierEvents()).toEqual(before);
    const workspace = await outsider.http().get(`/api/meetings/${meetingId}/dossier/composition`).expect(200);
    expect(workspace.body).toMatchObject({ unitId: 'spip-62', withinSections: false });
  });
});
