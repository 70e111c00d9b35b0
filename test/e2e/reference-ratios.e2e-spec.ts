import request from 'supertest';
import { SPIP62_UNITS } from '../support/builders/units.js';
import { createTestApp, type Account, type TestApp, type TestAgent } from '../support/test-app.js';

/**
 * Reference staffing ratios per organisation, set by its admin and recorded as events, through the HTTP API; and
 * the antenna dashboard (today and ?asOf=) and the CSA dossier measuring staffing against them.
 */

const DEFAULTS = { cpipPerPeople: 60, asePerPeople: 50 };
const SOURCE = 'Motion du congrès FO Justice, 14 février 2024';
const OTHER_ORGANISATION = 'other-union';

/** The chain down to Béthune. */
const HIERARCHY = SPIP62_UNITS.slice(0, 4);

/** staff-bethune-2024-01-25 of the visit report: 27 active CPIP at 85–90 people each, 2 ASE for 150 bracelets. */
const BETHUNE_SNAPSHOT = {
  snapshotId: 'staff-bethune-2024-01-25',
  asOf: '2024-01-25',
  lines: [
    { role: 'CPIP', headcount: 29, seconded: 1, onLongLeave: 1 },
    { role: 'ASE', headcount: 2, vacancies: 1 },
  ],
  caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
  occurredAt: '2024-02-23T09:00:00.000Z',
};

/** The same figures at another organisation's antenna. */
const OTHER_HIERARCHY = [
  { unitId: 'dap-other', kind: 'DAP', name: "Direction de l'administration pénitentiaire" },
  { unitId: 'disp-other', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap-other' },
  { unitId: 'spip-59', kind: 'SPIP', name: 'SPIP du Nord (59)', parentId: 'disp-other' },
  { unitId: 'ant-lille', kind: 'ANTENNA', name: 'ALIP de Lille', parentId: 'spip-59', milieu: 'MO' },
];

/** At the OR (1:60, 1:50): 38,3–40,5 CPIP ETP needed, 11 to 14 missing; 3 ASE needed, 1 missing. */
const AT_THE_OR = {
  cpip: { reference: 60, neededEtp: { min: 38.3, max: 40.5 }, gapEtp: { min: 11, max: 14 } },
  ase: { reference: 50, neededEtp: { min: 3, max: 3 }, gapEtp: { min: 1, max: 1 } },
};
/** At 1 CPIP for 50: 45,9–48,6 CPIP ETP needed, 18 to 22 missing (ASE unchanged). */
const AT_50 = {
  cpip: { reference: 50, neededEtp: { min: 45.9, max: 48.6 }, gapEtp: { min: 18, max: 22 } },
  ase: AT_THE_OR.ase,
};

type Staffing = {
  reference: {
    cpipPerPeople: number;
    asePerPeople: number;
    origin: string;
    source: string | null;
    description: string;
  };
  latest: { cpip: object; ase: object; assumptions: string[] };
  series: { cpip: { reference: number } }[];
};

describe('Reference ratios per organisation', () => {
  let t: TestApp;
  let officer: Account;
  let observer: Account;
  let otherAdmin: Account;
  let meetingId: string;
  /** The database's clock just before the change was recorded (the dossier's "arrêté au" before it). */
  let beforeChangeRecorded: string;

  const ratiosOf = async (agent: TestAgent = t.http()) => {
    const got = await agent.get('/api/reference-ratios');
    expect(got.status).toBe(200);
    return got.body;
  };
  const put = (body: object, agent: TestAgent = t.http(), headers: Record<string, string> = {}) =>
    agent.put('/api/reference-ratios').set(headers).send(body);
  const dashboard = async (query = '', agent: TestAgent = t.http(), antennaId = 'ant-bethune') => {
    const got = await agent.get(`/api/antennas/${antennaId}/dashboard${query}`);
    expect(got.status).toBe(200);
    return got.body.staffing as Staffing;
  };
  const expectProblem = (response: request.Response, status: number): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
  };
  const databaseNow = async (): Promise<string> => {
    const { rows } = await t.database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return new Date(rows[0]?.now ?? 0).toISOString();
  };

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.account({ role: 'officer' });
    observer = await t.account({ role: 'observer' });
    otherAdmin = await t.account({ role: 'admin', organisationId: OTHER_ORGANISATION });
    for (const unit of HIERARCHY) await t.http().post('/api/units').send(unit).expect(201);
    await t.http().post('/api/antennas/ant-bethune/staffing-snapshots').send(BETHUNE_SNAPSHOT).expect(201);
    for (const unit of OTHER_HIERARCHY) await otherAdmin.http().post('/api/units').send(unit).expect(201);
    await otherAdmin
      .http()
      .post('/api/antennas/ant-lille/staffing-snapshots')
      .send({ ...BETHUNE_SNAPSHOT, snapshotId: 'staff-lille-2024-01-25' })
      .expect(201);
    const meeting = await t
      .http()
      .post('/api/meetings')
      .send({
        instanceId: 'csa-spip62',
        instanceName: 'CSA SPIP local (SPIP 62)',
        instanceType: 'csa_spip_local',
        scheduledFor: '2024-03-28',
      })
      .expect(201);
    meetingId = meeting.body.id as string;
  });
  afterAll(() => t.close());

  it("When no ratio was ever set, then GET shows the DAP's OR, each marked as the default, no source and no history", async () => {
    const view = await ratiosOf(observer.http());
    expect(view).toEqual({
      organisationId: 'test-org',
      revision: null,
      values: DEFAULTS,
      source: null,
      ratios: [
        { name: 'cpipPerPeople', value: 60, default: 60, isDefault: true },
        { name: 'asePerPeople', value: 50, default: 50, isDefault: true },
      ],
      history: [],
    });
  });

  it("Then the dashboard measures against the DAP's OR and says so", async () => {
    const staffing = await dashboard();
    expect(staffing.reference).toEqual({
      ...DEFAULTS,
      origin: 'default',
      source: null,
      description: expect.stringContaining('Organigrammes de référence (OR) de la DAP'),
    });
    expect(staffing.latest).toMatchObject(AT_THE_OR);
    expect(staffing.latest.assumptions).toContain('Référence OR : 1 ETP CPIP pour 60 personnes suivies.');
  });

  it('When an officer or an observer tries to change them, then 403 and nothing is recorded; without credentials 401', async () => {
    const body = { cpipPerPeople: 50, asePerPeople: 50, source: SOURCE };
    expectProblem(await put(body, officer.http()), 403);
    expectProblem(await put(body, observer.http()), 403);
    expectProblem(await request(t.app.getHttpServer()).put('/api/reference-ratios').send(body), 401);
    expectProblem(await request(t.app.getHttpServer()).get('/api/reference-ratios'), 401);
    expect(await ratiosOf()).toMatchObject({ revision: null, values: DEFAULTS, history: [] });
  });

  it('When the body is bad, then 400 problem+json names each bad field and nothing is recorded', async () => {
    const answer = await put({ cpipPerPeople: 9, asePerPeople: 55.5, extra: true });
    expectProblem(answer, 400);
    const fields = (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['asePerPeople', 'cpipPerPeople', 'extra', 'source']);

    for (const bad of [
      { cpipPerPeople: 501, asePerPeople: 50, source: SOURCE },
      { cpipPerPeople: '50', asePerPeople: 50, source: SOURCE },
      { asePerPeople: 50, source: SOURCE },
    ]) {
      const refused = await put(bad);
      expectProblem(refused, 400);
      expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['cpipPerPeople']);
    }
    const blank = await put({ cpipPerPeople: 50, asePerPeople: 50, source: '' });
    expectProblem(blank, 400);
    expect((blank.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['source']);

    expect(await ratiosOf()).toMatchObject({ revision: null, values: DEFAULTS, history: [] });
  });

  it('When the set equals the defaults in force, then nothing is recorded', async () => {
    const answer = await put({ ...DEFAULTS, source: 'OR DAP' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'test-org', revision: -1, changed: false });
    expect((await ratiosOf()).history).toEqual([]);
  });

  it('When the admin sets 1 CPIP for 50 with its source, then GET shows it, not as the default, with who, when and why', async () => {
    beforeChangeRecorded = await databaseNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.clock.set('2024-03-05T09:00:00Z');
    const answer = await put({
      cpipPerPeople: 50,
      asePerPeople: 50,
      source: SOURCE,
      reason: 'Le congrès revendique 1 CPIP pour 50 personnes suivies',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'test-org', revision: 0, changed: true });

    const got = await t.http().get('/api/reference-ratios').expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toEqual({
      organisationId: 'test-org',
      revision: 0,
      values: { cpipPerPeople: 50, asePerPeople: 50 },
      source: SOURCE,
      ratios: [
        { name: 'cpipPerPeople', value: 50, default: 60, isDefault: false },
        { name: 'asePerPeople', value: 50, default: 50, isDefault: true },
      ],
      history: [
        {
          revision: 0,
          occurredAt: '2024-03-05T09:00:00.000Z',
          recordedAt: expect.any(String),
          actor: t.admin.accountId,
          actorName: expect.stringContaining('admin'),
          source: SOURCE,
          reason: 'Le congrès revendique 1 CPIP pour 50 personnes suivies',
          ratios: { cpipPerPeople: 50, asePerPeople: 50 },
          changes: [{ name: 'cpipPerPeople', from: 60, to: 50 }],
        },
      ],
    });
    // Any role of the organisation reads them.
    expect((await ratiosOf(officer.http())).values.cpipPerPeople).toBe(50);
  });

  it("Then the dashboard's needed ETP and gap follow 1:50, and the reference and assumptions name the organisation's source, not the OR", async () => {
    const staffing = await dashboard('', observer.http());
    expect(staffing.reference).toEqual({
      cpipPerPeople: 50,
      asePerPeople: 50,
      origin: 'organisation',
      source: SOURCE,
      description: expect.stringContaining(`fixés par l'organisation (source : ${SOURCE})`),
    });
    expect(staffing.reference.description).not.toContain('OR');
    expect(staffing.latest).toMatchObject(AT_50);
    expect(staffing.series.map((p) => p.cpip.reference)).toEqual([50]);
    expect(staffing.latest.assumptions).toEqual(
      expect.arrayContaining([
        `Référence fixée par l'organisation (source : ${SOURCE}) : 1 ETP CPIP pour 50 personnes suivies.`,
        `Référence fixée par l'organisation (source : ${SOURCE}) : 1 ASE pour 50 personnes sous surveillance électronique.`,
        'Besoin au ratio de référence : 45,9–48,6 ETP CPIP (arrondi au dixième).',
      ]),
    );
    expect(staffing.latest.assumptions.filter((a) => a.startsWith('Référence OR'))).toEqual([]);
  });

  it('When the query asks for other ratios, then they override the organisation’s for this request and the reference says so', async () => {
    const asked = await dashboard('?cpipPerPeople=60');
    expect(asked.latest).toMatchObject(AT_THE_OR);
    expect(asked.reference).toMatchObject({
      cpipPerPeople: 60,
      asePerPeople: 50,
      origin: 'request',
      source: SOURCE,
    });
    expect(asked.reference.description).toContain('choisis pour cette vue');
    expect(asked.reference.description).toContain(
      `l'organisation retient 1 pour 50 et 1 pour 50, source : ${SOURCE}`,
    );
    expect(asked.latest.assumptions).toEqual(
      expect.arrayContaining([
        'Référence choisie pour cette vue : 1 ETP CPIP pour 60 personnes suivies.',
        `Référence fixée par l'organisation (source : ${SOURCE}) : 1 ASE pour 50 personnes sous surveillance électronique.`,
      ]),
    );

    const ase = await dashboard('?asePerPeople=30');
    expect(ase.latest).toMatchObject({
      cpip: AT_50.cpip,
      ase: { reference: 30, neededEtp: { min: 5, max: 5 } },
    });
    expect(ase.reference).toMatchObject({ cpipPerPeople: 50, asePerPeople: 30, origin: 'request' });

    // Asking for the ratio in force overrides nothing.
    expect(await dashboard('?cpipPerPeople=50')).toEqual(await dashboard());
  });

  it('When the dashboard is asked as of a date before the change took effect, then it uses the ratios in force then', async () => {
    const before = await dashboard('?asOf=2024-03-01');
    expect(before.reference).toMatchObject({ ...DEFAULTS, origin: 'default', source: null });
    expect(before.reference.description).toContain('Organigrammes de référence (OR) de la DAP');
    expect(before.latest).toMatchObject(AT_THE_OR);

    const after = await dashboard('?asOf=2024-03-06');
    expect(after.reference).toMatchObject({ cpipPerPeople: 50, origin: 'organisation', source: SOURCE });
    expect(after.latest).toMatchObject(AT_50);

    // With known=recorded, by when the change was recorded (the database's clock, not the test clock).
    const at = (instant: string) => `?asOf=${encodeURIComponent(instant)}&known=recorded`;
    const knownBefore = await dashboard(at(beforeChangeRecorded));
    expect(knownBefore.reference).toMatchObject({ ...DEFAULTS, origin: 'default' });
    expect(knownBefore.latest).toMatchObject(AT_THE_OR);
    const knownNow = await dashboard(at(await databaseNow()));
    expect(knownNow.reference).toMatchObject({ cpipPerPeople: 50, origin: 'organisation', source: SOURCE });
    expect(knownNow.latest).toMatchObject(AT_50);

    // A query parameter still overrides, with asOf too.
    expect((await dashboard('?asOf=2024-03-01&cpipPerPeople=50')).latest).toMatchObject(AT_50);
  });

  it("When the CSA dossier is printed, then its staffing annex measures against the organisation's ratios and prints their source; arrêté before the change, the OR", async () => {
    const html = (await t.http().get(`/api/meetings/${meetingId}/dossier.html`).expect(200)).text;
    expect(html).toContain(
      `comparés aux ratios de référence fixés par l’organisation (source : ${SOURCE}) : ` +
        '1 CPIP (ETP) pour 50 personnes suivies, 1 ASE pour 50 personnes sous surveillance électronique',
    );
    expect(html).toContain('<tr><td>CPIP</td><td>29</td><td>27</td><td>85–90</td><td>1 pour 50</td>');
    expect(html).toContain('+18 à +22');
    expect(html).toContain(
      `Référence fixée par l'organisation (source : ${SOURCE}) : 1 ETP CPIP pour 50 personnes suivies.`,
    );
    expect(html).not.toContain('Référence OR');

    const before = (
      await t
        .http()
        .get(
          `/api/meetings/${meetingId}/dossier.html?arreteAu=${encodeURIComponent(beforeChangeRecorded)}&known=recorded`,
        )
        .expect(200)
    ).text;
    expect(before).toContain('comparés aux organigrammes de référence (OR) de la DAP : 1 CPIP (ETP) pour 60');
    expect(before).toContain('<td>1 pour 60</td>');
    expect(before).toContain('Référence OR : 1 ETP CPIP pour 60 personnes suivies.');
    expect(before).not.toContain(SOURCE);
  });

  it('When the same set is sent again, then nothing more is recorded; a stale If-Match is refused', async () => {
    const again = await put({ cpipPerPeople: 50, asePerPeople: 50, source: 'Autre source' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 0, changed: false });
    const stale = await put({ cpipPerPeople: 45, asePerPeople: 50, source: SOURCE }, t.http(), {
      'If-Match': '"3"',
    });
    expectProblem(stale, 412);
    expect((await ratiosOf()).history).toHaveLength(1);
  });

  it("When another organisation reads its ratios and its dashboard, then the DAP's OR still apply there", async () => {
    expect(await ratiosOf(otherAdmin.http())).toMatchObject({
      organisationId: OTHER_ORGANISATION,
      revision: null,
      values: DEFAULTS,
      source: null,
      history: [],
    });
    const theirs = await dashboard('', otherAdmin.http(), 'ant-lille');
    expect(theirs.reference).toMatchObject({ ...DEFAULTS, origin: 'default', source: null });
    expect(theirs.latest).toMatchObject(AT_THE_OR);
  });
});
