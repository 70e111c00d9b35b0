import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Units, antennas, staffing snapshots and visits through the HTTP API, on the real application. */

const OFFICER = { 'X-Actor': 'secretaire FO SPIP 62' };

/** The hierarchy of the seed (demo-data.jsonc `org_units`), top first. */
const HIERARCHY = [
  { unitId: 'dap', kind: 'DAP', name: "Direction de l'administration pénitentiaire" },
  { unitId: 'disp-lille', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap' },
  { unitId: 'spip-62', kind: 'SPIP', name: 'SPIP du Pas-de-Calais (62)', parentId: 'disp-lille' },
  { unitId: 'spip-62-siege', kind: 'SIEGE', name: 'Siège du SPIP 62', parentId: 'spip-62' },
  {
    unitId: 'ant-longuenesse',
    kind: 'ANTENNA',
    name: 'ALIP du CP de Longuenesse',
    parentId: 'spip-62',
    milieu: 'MF',
    establishment: 'CP de Longuenesse',
  },
  { unitId: 'ant-bethune', kind: 'ANTENNA', name: 'ALIP MO de Béthune', parentId: 'spip-62', milieu: 'MO' },
  {
    unitId: 'ant-saint-omer',
    kind: 'ANTENNA',
    name: 'ALIP MO de Saint-Omer',
    parentId: 'spip-62',
    milieu: 'MO',
  },
];

const SNAPSHOT = {
  asOf: '2024-01-25',
  lines: [
    { role: 'CPIP', headcount: 29, seconded: 1, onLongLeave: 1 },
    { role: 'ASE', headcount: 2, vacancies: 1 },
  ],
  caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
};

type Node = { id: string; kind: string; name: string; children: Node[] };
type Antenna = {
  id: string;
  name: string;
  milieu: string | null;
  establishment: string | null;
  parents: { id: string; kind: string; name: string }[];
  path: string;
  visited: boolean;
  lastVisit: { visitId: string; conductedOn: string; sourceRef: string | null } | null;
  nextPlannedVisit: { visitId: string; plannedFor: string | null } | null;
  openDemands: number;
};

describe('Units, antennas and visits through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const post = (path: string, body?: object, headers: Record<string, string> = OFFICER) =>
    api().post(path).set(headers).send(body);
  const eventCount = async (): Promise<number> =>
    Number(
      (await t.database.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`)).rows[0]?.n,
    );
  const antennas = async (query = ''): Promise<{ items: Antenna[]; summary: Record<string, number> }> => {
    const got = await api().get(`/api/antennas${query}`);
    expect(got.status).toBe(200);
    return got.body;
  };
  const antenna = async (id: string): Promise<Antenna> => {
    const found = (await antennas()).items.find((a) => a.id === id);
    if (!found) throw new Error(`antenna ${id} not listed`);
    return found;
  };
  const expectProblem = (response: request.Response, status: number, code?: string): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
    if (code) expect(response.body.code).toBe(code);
  };

  describe('The hierarchy', () => {
    it('When DAP > DISP > SPIP > siège and three antennas are registered, then each answers 201 with its id', async () => {
      for (const unit of HIERARCHY) {
        const created = await post('/api/units', { ...unit, occurredAt: '2024-01-01T00:00:00.000Z' });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({ id: unit.unitId, revision: 0, position: expect.any(String) });
      }
    });

    it('Then GET /api/units shows the tree, the siège before the antennas', async () => {
      const got = await api().get('/api/units');

      expect(got.status).toBe(200);
      const [dap] = got.body.items as Node[];
      expect(got.body.items).toHaveLength(1);
      expect(dap).toMatchObject({
        id: 'dap',
        kind: 'DAP',
        parentId: null,
        registeredAt: '2024-01-01T00:00:00.000Z',
      });
      const spip = dap?.children[0]?.children[0];
      expect(spip).toMatchObject({ id: 'spip-62', kind: 'SPIP' });
      expect(spip?.children.map((c) => c.id)).toEqual([
        'spip-62-siege',
        'ant-longuenesse',
        'ant-bethune',
        'ant-saint-omer',
      ]);
      expect(spip?.children[1]).toMatchObject({
        milieu: 'MF',
        establishment: 'CP de Longuenesse',
        children: [],
      });
    });

    it('Then GET /api/antennas lists the three antennas with their chain SPIP > DISP > DAP, none visited yet', async () => {
      const list = await antennas();

      expect(list.items.map((a) => a.id)).toEqual(['ant-longuenesse', 'ant-bethune', 'ant-saint-omer']);
      expect(list.items[1]).toEqual({
        id: 'ant-bethune',
        name: 'ALIP MO de Béthune',
        milieu: 'MO',
        establishment: null,
        parents: [
          { id: 'spip-62', kind: 'SPIP', name: 'SPIP du Pas-de-Calais (62)' },
          { id: 'disp-lille', kind: 'DISP', name: 'DISP de Lille' },
          { id: 'dap', kind: 'DAP', name: "Direction de l'administration pénitentiaire" },
        ],
        path: "Direction de l'administration pénitentiaire > DISP de Lille > SPIP du Pas-de-Calais (62)",
        visited: false,
        lastVisit: null,
        nextPlannedVisit: null,
        openDemands: 0,
      });
      expect(list.summary).toEqual({ antennas: 3, visited: 0, notYetVisited: 3 });
      expect((await antennas('?within=disp-lille')).items).toHaveLength(3);
      expect((await antennas('?within=ant-bethune')).items).toHaveLength(0);
    });

    it('When a unit names a parent that is not registered, then it answers 422 and records nothing', async () => {
      const before = await eventCount();

      const answer = await post('/api/units', {
        unitId: 'ant-arras',
        kind: 'ANTENNA',
        name: "ALIP d'Arras",
        parentId: 'spip-99',
        milieu: 'MO',
      });

      expectProblem(answer, 422, 'UNIT.INVALID');
      expect(answer.body).toMatchObject({ rule: 'PARENT_NOT_FOUND' });
      expect(answer.body.detail).toContain('spip-99');
      expect(await eventCount()).toBe(before);
    });

    it('When an antenna is put directly under a DISP, then it answers 422 saying it belongs to a SPIP', async () => {
      const answer = await post('/api/units', {
        unitId: 'ant-arras',
        kind: 'ANTENNA',
        name: "ALIP d'Arras",
        parentId: 'disp-lille',
        milieu: 'MO',
      });

      expectProblem(answer, 422, 'UNIT.INVALID');
      expect(answer.body).toMatchObject({ rule: 'WRONG_PARENT_KIND' });
    });

    it('When a unit id is registered twice, then it answers 409', async () => {
      const answer = await post('/api/units', HIERARCHY[5]);

      expectProblem(answer, 409, 'UNIT.ALREADY_EXISTS');
    });

    it('When a registration is retried with its Idempotency-Key, then it gets the same answer and is recorded once', async () => {
      const body = {
        unitId: 'ant-arras',
        kind: 'ANTENNA',
        name: "ALIP d'Arras",
        parentId: 'spip-62',
        milieu: 'MO',
      };
      const headers = { ...OFFICER, 'Idempotency-Key': 'register-arras' };
      const before = await eventCount();

      const first = await post('/api/units', body, headers);
      const retry = await post('/api/units', body, headers);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount()).toBe(before + 1);
      expect((await antennas()).items.map((a) => a.id)).toContain('ant-arras');
    });
  });

  describe('Staffing snapshots', () => {
    it('When a snapshot is recorded on an antenna, then it answers 201 with the snapshot id', async () => {
      const answer = await post('/api/antennas/ant-bethune/staffing-snapshots', {
        ...SNAPSHOT,
        snapshotId: 'staff-bethune-2024-01-25',
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id: 'staff-bethune-2024-01-25', revision: 1 });
    });

    it('When the same snapshot id is recorded again on the antenna, then it answers 409', async () => {
      const answer = await post('/api/antennas/ant-bethune/staffing-snapshots', {
        ...SNAPSHOT,
        snapshotId: 'staff-bethune-2024-01-25',
      });

      expectProblem(answer, 409, 'UNIT.SNAPSHOT_ALREADY_RECORDED');
    });

    it('When the antenna is unknown, then it answers 404; when the unit is not an antenna, 409', async () => {
      expectProblem(
        await post('/api/antennas/ant-nowhere/staffing-snapshots', SNAPSHOT),
        404,
        'UNIT.NOT_FOUND',
      );
      expectProblem(await post('/api/antennas/not%20an%20id/staffing-snapshots', SNAPSHOT), 404);
      expectProblem(
        await post('/api/antennas/spip-62/staffing-snapshots', SNAPSHOT),
        409,
        'UNIT.NOT_AN_ANTENNA',
      );
    });

    it('When a snapshot without id is retried with its Idempotency-Key, then it names the same snapshot and is recorded once', async () => {
      const headers = { ...OFFICER, 'Idempotency-Key': 'snapshot-bethune-2024-02' };
      const body = { ...SNAPSHOT, asOf: '2024-02-15' };
      const before = await eventCount();

      const first = await post('/api/antennas/ant-bethune/staffing-snapshots', body, headers);
      const retry = await post('/api/antennas/ant-bethune/staffing-snapshots', body, headers);

      expect(first.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(first.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await eventCount()).toBe(before + 1);
      const dashboard = await api().get('/api/antennas/ant-bethune/dashboard');
      expect(dashboard.body.staffing.series.map((p: { snapshotId: string }) => p.snapshotId)).toEqual([
        'staff-bethune-2024-01-25',
        first.body.id,
      ]);
    });
  });

  describe('Visits', () => {
    it('When a visit of two antennas is planned, then both show it as their next planned visit', async () => {
      const answer = await post('/api/visits', {
        visitId: 'visit-fo-2024-01',
        antennaIds: ['ant-longuenesse', 'ant-bethune'],
        plannedFor: '2024-03-01',
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id: 'visit-fo-2024-01', revision: 0 });
      expect((await antenna('ant-bethune')).nextPlannedVisit).toEqual({
        visitId: 'visit-fo-2024-01',
        plannedFor: '2024-03-01',
      });
      expect((await antenna('ant-longuenesse')).visited).toBe(false);
    });

    it('When a visit is planned with no date and no id, then it gets an id and shows with plannedFor null', async () => {
      const answer = await post('/api/visits', { antennaIds: ['ant-saint-omer'] });

      expect(answer.status).toBe(201);
      expect((await antenna('ant-saint-omer')).nextPlannedVisit).toEqual({
        visitId: answer.body.id,
        plannedFor: null,
      });
    });

    it('When each antenna is recorded as visited, then it is visited, with its last visit, and no plan is pending', async () => {
      const longuenesse = await post('/api/visits/visit-fo-2024-01/conduct', {
        antennaId: 'ant-longuenesse',
        conductedOn: '2024-03-01',
      });
      const bethune = await post('/api/visits/visit-fo-2024-01/conduct', {
        antennaId: 'ant-bethune',
        conductedOn: '2024-03-02',
        sourceRef: 'cr-visite-2024-03',
      });

      expect(longuenesse.status).toBe(201);
      expect(bethune.body).toMatchObject({ id: 'visit-fo-2024-01', revision: 2 });
      expect(await antenna('ant-bethune')).toMatchObject({
        visited: true,
        lastVisit: { visitId: 'visit-fo-2024-01', conductedOn: '2024-03-02', sourceRef: 'cr-visite-2024-03' },
        nextPlannedVisit: null,
      });
      const notVisited = await antennas('?visited=false');
      expect(notVisited.items.map((a) => a.id)).toEqual(['ant-arras', 'ant-saint-omer']);
      expect((await antennas()).summary).toEqual({ antennas: 4, visited: 2, notYetVisited: 2 });
      expect((await antennas('?visited=true')).items.map((a) => a.id)).toEqual([
        'ant-longuenesse',
        'ant-bethune',
      ]);
    });

    it('When the same antenna and day are recorded again, then nothing new is recorded; another day answers 409', async () => {
      const again = await post('/api/visits/visit-fo-2024-01/conduct', {
        antennaId: 'ant-bethune',
        conductedOn: '2024-03-02',
      });
      expect(again.status).toBe(201);
      expect(again.body.revision).toBe(2);

      const otherDay = await post('/api/visits/visit-fo-2024-01/conduct', {
        antennaId: 'ant-bethune',
        conductedOn: '2024-03-09',
      });
      expectProblem(otherDay, 409, 'VISIT.ALREADY_CONDUCTED');
    });

    it('When a visit that was never planned is recorded under a new id, then it counts as the last visit', async () => {
      const answer = await post('/api/visits/visit-bethune-2024-06/conduct', {
        antennaId: 'ant-bethune',
        conductedOn: '2024-06-12',
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id: 'visit-bethune-2024-06', revision: 0 });
      expect((await antenna('ant-bethune')).lastVisit).toMatchObject({
        visitId: 'visit-bethune-2024-06',
        conductedOn: '2024-06-12',
      });
    });

    it('When visits are listed, then each comes with its antennas, latest first; one visit reads alone, an unknown id is 404', async () => {
      const list = await api().get('/api/visits');
      expect(list.status).toBe(200);
      const ids = (list.body as { items: { visitId: string }[] }).items.map((v) => v.visitId);
      expect(ids.indexOf('visit-bethune-2024-06')).toBeLessThan(ids.indexOf('visit-fo-2024-01'));
      const one = await api().get('/api/visits/visit-fo-2024-01');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        visitId: 'visit-fo-2024-01',
        status: 'CONDUCTED',
        day: '2024-03-01',
        stops: [
          { antennaId: 'ant-longuenesse', planned: true, conductedOn: '2024-03-01' },
          {
            antennaId: 'ant-bethune',
            planned: true,
            conductedOn: '2024-03-02',
            sourceRef: 'cr-visite-2024-03',
          },
        ],
      });
      expectProblem(await api().get('/api/visits/visit-nowhere'), 404, 'VISIT.NOT_FOUND');
    });

    it('When a visit id is planned twice, then it answers 409', async () => {
      expectProblem(
        await post('/api/visits', { visitId: 'visit-fo-2024-01', antennaIds: ['ant-bethune'] }),
        409,
      );
    });

    it('When a plan is retried with its Idempotency-Key, then it names the same visit and is recorded once', async () => {
      const headers = { ...OFFICER, 'Idempotency-Key': 'plan-arras' };
      const before = await eventCount();

      const first = await post(
        '/api/visits',
        { antennaIds: ['ant-arras'], plannedFor: '2024-09-10' },
        headers,
      );
      const retry = await post(
        '/api/visits',
        { antennaIds: ['ant-arras'], plannedFor: '2024-09-10' },
        headers,
      );

      expect(first.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(before + 1);
    });
  });

  describe('Open demands per antenna', () => {
    it('When a demand is raised for an antenna, then the antenna counts one open demand', async () => {
      const raised = await post('/api/demands', {
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
        level: 'local',
      });
      expect(raised.status).toBe(201);

      expect((await antenna('ant-bethune')).openDemands).toBe(1);
      expect((await antenna('ant-longuenesse')).openDemands).toBe(0);
    });
  });

  describe('Access: roles, sections, organisations', () => {
    // These need the access guard; until it is registered for every test run, they check that it is off and stop.
    let guarded = false;
    beforeAll(async () => {
      guarded = (await request(t.app.getHttpServer()).get('/api/units')).status === 401;
    });

    it('When an officer registers a unit, then 403: the hierarchy is for admins', async () => {
      if (!guarded) return;
      const officer = await t.account({ role: 'officer', sectionUnitIds: ['spip-62'] });

      const answer = await officer.http().post('/api/units').send({
        unitId: 'ant-lens',
        kind: 'ANTENNA',
        name: 'ALIP de Lens',
        parentId: 'spip-62',
        milieu: 'MO',
      });

      expectProblem(answer, 403);
    });

    it('When an officer of Béthune records staffing or a visit at Longuenesse, then 403; at Béthune, 201', async () => {
      if (!guarded) return;
      const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
      const before = await eventCount();

      expectProblem(
        await officer.http().post('/api/antennas/ant-longuenesse/staffing-snapshots').send(SNAPSHOT),
        403,
        'ACCESS.OUTSIDE_SECTION',
      );
      expectProblem(
        await officer
          .http()
          .post('/api/visits/visit-longuenesse-2024-09/conduct')
          .send({ antennaId: 'ant-longuenesse', conductedOn: '2024-09-02' }),
        403,
      );
      expect(await eventCount()).toBe(before);
      const own = await officer
        .http()
        .post('/api/antennas/ant-bethune/staffing-snapshots')
        .send({ ...SNAPSHOT, asOf: '2024-09-01' });
      expect(own.status).toBe(201);
    });

    it('When an observer reads, then 200; when it writes, 403', async () => {
      if (!guarded) return;
      const observer = await t.account({ role: 'observer', sectionUnitIds: ['ant-bethune'] });

      expect((await observer.http().get('/api/antennas')).status).toBe(200);
      expect((await observer.http().get('/api/antennas/ant-bethune/dashboard')).status).toBe(200);
      expectProblem(
        await observer
          .http()
          .post('/api/visits')
          .send({ antennaIds: ['ant-bethune'] }),
        403,
      );
    });

    it("When another organisation reads or writes this organisation's units, then they do not exist for it", async () => {
      if (!guarded) return;
      const other = await t.account({ role: 'admin', organisationId: 'other-union' });

      expect((await other.http().get('/api/units')).body.items).toEqual([]);
      expect((await other.http().get('/api/antennas')).body.items).toEqual([]);
      expectProblem(await other.http().get('/api/antennas/ant-bethune/dashboard'), 404);
      expectProblem(
        await other.http().post('/api/antennas/ant-bethune/staffing-snapshots').send(SNAPSHOT),
        404,
      );
      const child = await other.http().post('/api/units').send({
        unitId: 'ant-lens',
        kind: 'ANTENNA',
        name: 'ALIP de Lens',
        parentId: 'spip-62',
        milieu: 'MO',
      });
      expectProblem(child, 422, 'UNIT.INVALID');
      expect(child.body.rule).toBe('PARENT_NOT_FOUND');
    });
  });

  describe('Bad bodies', () => {
    /** [path, body, the fields the answer must name] */
    const badBodies: [string, object, string[]][] = [
      [
        '/api/units',
        { unitId: 'Not a slug!', kind: 'ALIP', name: 3, extra: 1 },
        ['unitId', 'kind', 'name', 'parentId', 'extra'],
      ],
      [
        '/api/units',
        { unitId: 'ant-lens', kind: 'ANTENNA', name: 'ALIP de Lens', parentId: 'spip-62' },
        ['milieu'],
      ],
      ['/api/units', { unitId: 'spip-59', kind: 'SPIP', name: 'SPIP du Nord' }, ['parentId']],
      [
        '/api/units',
        {
          unitId: 'ant-lens',
          kind: 'ANTENNA',
          name: 'ALIP',
          parentId: 'spip-62',
          milieu: 'MO',
          establishment: null,
        },
        ['establishment'],
      ],
      [
        '/api/antennas/ant-bethune/staffing-snapshots',
        {
          asOf: '25/01/2024',
          lines: [{ role: 'CPIP', headcount: -1, extra: 1 }],
          caseload: { ppsmjPerCpipEtp: [90, 85] },
        },
        ['asOf', 'lines.0.headcount', 'lines.0.extra', 'caseload.ppsmjPerCpipEtp'],
      ],
      ['/api/antennas/ant-bethune/staffing-snapshots', { asOf: '2024-01-25', lines: [] }, ['lines']],
      [
        '/api/antennas/ant-bethune/staffing-snapshots',
        {
          asOf: '2024-01-25T10:00:00Z',
          lines: [{ role: 'ASE', headcount: 2.5 }],
          caseload: { ppsmjPerCpipEtp: '85' },
        },
        ['asOf', 'lines.0.headcount', 'caseload.ppsmjPerCpipEtp'],
      ],
      [
        '/api/visits',
        { antennaIds: [], plannedFor: '2024-02-30', extra: 1 },
        ['antennaIds', 'plannedFor', 'extra'],
      ],
      ['/api/visits', { antennaIds: ['ant bethune'], visitId: null }, ['antennaIds', 'visitId']],
      [
        '/api/visits/visit-fo-2024-01/conduct',
        { antennaId: 5, conductedOn: '2024-01-25T10:00:00Z' },
        ['antennaId', 'conductedOn'],
      ],
    ];

    it.each(badBodies)(
      'When POST %s gets %j, then it answers 400 problem+json naming the fields, and records nothing',
      async (path, body, fields) => {
        const before = await eventCount();

        const answer = await post(path, body);

        expectProblem(answer, 400, 'REQUEST.INVALID');
        expect(answer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
          [...fields].sort(),
        );
        expect(await eventCount()).toBe(before);
      },
    );

    it('When GET /api/antennas gets a bad filter, then it answers 400 naming it', async () => {
      const answer = await api().get('/api/antennas?visited=maybe');

      expectProblem(answer, 400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['visited']);
    });
  });
});
