import request from 'supertest';
import { SPIP62_UNITS } from '../support/builders/units.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The antenna dashboard and the overdue follow-ups, through the HTTP API, with the test clock moved by hand. */

const OFFICER = { 'X-Actor': 'secretaire FO SPIP 62' };
const DFSPIP = { role: 'DFSPIP', organisation: 'spip-62' };

const HIERARCHY = SPIP62_UNITS;

/** staff-bethune-2024-01-25 of shared/docs/demo-data.jsonc, as the API takes it. */
const BETHUNE_SNAPSHOT = {
  snapshotId: 'staff-bethune-2024-01-25',
  asOf: '2024-01-25',
  lines: [
    { role: 'CHEF_ANTENNE', headcount: 1, note: 'Pallie l’absence de DPIP' },
    { role: 'DPIP', headcount: 1, vacancies: 1 },
    {
      role: 'CPIP',
      headcount: 29,
      seconded: 1,
      onLongLeave: 1,
      note: '1 détaché agent de prévention au siège, 1 en CLD/CLM',
    },
    { role: 'PA', headcount: 3 },
    { role: 'ASE', headcount: 2, vacancies: 1 },
    { role: 'ASS', headcount: 1, note: 'Arrivée en février 2024' },
    { role: 'PSYCHOLOGUE', headcount: 1, scope: 'toutes les antennes du Pas-de-Calais' },
  ],
  caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
  assumptions: ['Environ 150 bracelets le jour de la visite.'],
  occurredAt: '2024-02-23T09:00:00.000Z',
};

/** An earlier, illustrative snapshot: the ratio "was much higher in the past". */
const EARLIER_SNAPSHOT = {
  snapshotId: 'staff-bethune-2022',
  asOf: '2022-06-01',
  lines: [
    { role: 'CPIP', headcount: 20 },
    { role: 'ASE', headcount: 2 },
  ],
  caseload: { ppsmjPerCpipEtp: 105, peopleUnderElectronicMonitoring: 120 },
  illustrative: true,
};

const demand = (overrides: Record<string, unknown> = {}) => ({
  antennaId: 'ant-bethune',
  title: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)',
  category: 'hr',
  explicit: true,
  priority: 'high',
  addressees: [DFSPIP],
  level: 'local',
  occurredAt: '2024-02-23T09:00:00.000Z',
  ...overrides,
});

type FollowUp = {
  demandId: string;
  title: string;
  antennaId: string;
  antennaName: string | null;
  kind: string;
  label: string;
  dueAt: string;
  daysLate: number;
  commitment?: { commitmentId: string; deliverable: string; owner: string };
  deferCount?: number;
};

describe('Antenna dashboard and overdue follow-ups', () => {
  let t: TestApp;
  const api = () => t.http();
  const post = async (path: string, body?: object): Promise<request.Response> => {
    const answer = await api().post(path).set(OFFICER).send(body);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const raise = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (await post('/api/demands', demand(overrides))).body.id as string;
  const submit = (id: string, submittedAt = '2024-02-23T10:00:00.000Z') =>
    post(`/api/demands/${id}/submissions`, { channel: 'letter', addressee: DFSPIP, submittedAt });
  const respond = (id: string, stance: string, respondedAt: string, extra: Record<string, unknown> = {}) =>
    post(`/api/demands/${id}/responses`, {
      stance,
      text: stance === 'defer' ? 'À l’étude.' : 'Réponse de la direction.',
      authorRole: 'DFSPIP',
      channel: 'letter',
      respondedAt,
      ...extra,
    });
  const dashboard = async (antennaId = 'ant-bethune', query = '') => {
    const got = await api().get(`/api/antennas/${antennaId}/dashboard${query}`);
    expect(got.status).toBe(200);
    return got.body;
  };
  const followUps = async (query = ''): Promise<FollowUp[]> => {
    const got = await api().get(`/api/follow-ups/overdue${query}`);
    expect(got.status).toBe(200);
    return got.body.items as FollowUp[];
  };
  const expectProblem = (response: request.Response, status: number, code?: string): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (code) expect(response.body.code).toBe(code);
  };

  /** Ids of the demands the follow-up tests talk about. */
  const d = { awaiting: '', committed: '', deferredTwice: '', longuenesse: '', refused: '', draft: '' };

  beforeAll(async () => {
    t = await createTestApp();
    for (const unit of HIERARCHY) await post('/api/units', unit);
  });
  afterAll(() => t.close());

  describe('Staffing against the reference ratios', () => {
    it('When the Béthune snapshot of the visit report is recorded, then the dashboard shows 11–14 CPIP ETP and 1 ASE missing, with the assumptions', async () => {
      await post('/api/antennas/ant-bethune/staffing-snapshots', EARLIER_SNAPSHOT);
      await post('/api/antennas/ant-bethune/staffing-snapshots', BETHUNE_SNAPSHOT);

      const { staffing } = await dashboard();

      expect(staffing.reference).toEqual({
        cpipPerPeople: 60,
        asePerPeople: 50,
        origin: 'default',
        source: null,
        description: expect.stringContaining('Organigrammes de référence (OR) de la DAP'),
      });
      expect(staffing.latest).toMatchObject({
        snapshotId: 'staff-bethune-2024-01-25',
        asOf: '2024-01-25',
        illustrative: false,
        cpip: {
          headcount: 29,
          activeHeadcount: 27,
          peoplePerAgent: { min: 85, max: 90 },
          totalPeople: { min: 2295, max: 2430 },
          neededEtp: { min: 38.3, max: 40.5 },
          gapEtp: { min: 11, max: 14 },
        },
        ase: {
          headcount: 2,
          peoplePerAgent: { min: 75, max: 75 },
          neededEtp: { min: 3, max: 3 },
          gapEtp: { min: 1, max: 1 },
        },
        vacancies: [
          { role: 'DPIP', count: 1, scope: null },
          { role: 'ASE', count: 1, scope: null },
        ],
      });
      expect(staffing.latest.lines).toHaveLength(7);
      expect(staffing.latest.assumptions).toEqual(
        expect.arrayContaining([
          'Effectif CPIP actif : 29 − 1 détaché − 1 en congé de longue durée = 27.',
          "ETP supposé égal à l'effectif actif (temps plein).",
          'Référence OR : 1 ETP CPIP pour 60 personnes suivies.',
          'Besoin au ratio de référence : 38,3–40,5 ETP CPIP (arrondi au dixième).',
          'Référence OR : 1 ASE pour 50 personnes sous surveillance électronique.',
          "Hypothèse de l'instantané : Environ 150 bracelets le jour de la visite.",
        ]),
      );
      expect(staffing.latest.assumptions.join('\n')).toContain(': 11–14 ETP.');
    });

    it('Then the series of ratios runs across the snapshots, oldest first', async () => {
      const { staffing } = await dashboard();

      expect(
        staffing.series.map((p: { snapshotId: string; illustrative: boolean; cpip: { gapEtp: unknown } }) => [
          p.snapshotId,
          p.illustrative,
          p.cpip.gapEtp,
        ]),
      ).toEqual([
        ['staff-bethune-2022', true, { min: 15, max: 15 }],
        ['staff-bethune-2024-01-25', false, { min: 11, max: 14 }],
      ]);
      expect(staffing.series[0].ase.gapEtp).toEqual({ min: 0, max: 1 });
    });

    it('When another reference is asked for (the unions’ 1:50), then the gap grows and the reference says it is not the OR', async () => {
      const { staffing } = await dashboard('ant-bethune', '?cpipPerPeople=50');

      expect(staffing.latest.cpip.gapEtp).toEqual({ min: 18, max: 22 });
      expect(staffing.reference).toMatchObject({ cpipPerPeople: 50, asePerPeople: 50 });
      expect(staffing.reference.description).toContain('choisis pour cette vue');
    });

    it('When an antenna has no snapshot, then staffing is empty rather than invented', async () => {
      const { staffing } = await dashboard('ant-longuenesse');

      expect(staffing.latest).toBeNull();
      expect(staffing.series).toEqual([]);
    });
  });

  describe('Demands, visits and the fair picture', () => {
    beforeAll(async () => {
      d.awaiting = await raise();
      await submit(d.awaiting);

      d.committed = await raise({ title: 'Procédures de sécurité écrites', category: 'premises_security' });
      await submit(d.committed);
      await respond(d.committed, 'accept', '2024-03-01T10:00:00.000Z');
      await post(`/api/demands/${d.committed}/commitments`, {
        deliverable: 'Note de service sur les procédures d’alarme',
        owner: 'DFSPIP',
        dueAt: '2024-03-10T00:00:00.000Z',
        occurredAt: '2024-03-01T10:00:00.000Z',
      });

      d.deferredTwice = await raise({ title: 'Plan d’action RPS', category: 'difficulties' });
      await submit(d.deferredTwice);
      await respond(d.deferredTwice, 'defer', '2024-03-05T10:00:00.000Z', {
        newDueAt: '2024-05-01T00:00:00.000Z',
      });
      await respond(d.deferredTwice, 'defer', '2024-03-15T10:00:00.000Z', {
        newDueAt: '2024-06-01T00:00:00.000Z',
      });

      d.refused = await raise({ title: 'Bureau adapté pour ASE/PA', priority: 'medium' });
      await submit(d.refused);
      await respond(d.refused, 'refuse', '2024-03-02T10:00:00.000Z');
      await post(`/api/demands/${d.refused}/closure`, { outcome: 'refused', reason: 'Refus écrit' });

      d.draft = await raise({ title: 'Stationnement', draft: true, priority: 'low' });

      d.longuenesse = await raise({
        antennaId: 'ant-longuenesse',
        title: 'Délai suffisant pour préparer la CAP LSC',
        category: 'difficulties',
      });
      await submit(d.longuenesse, '2024-03-01T10:00:00.000Z');

      await post('/api/visits/visit-bethune-2024-01-25/conduct', {
        antennaId: 'ant-bethune',
        conductedOn: '2024-01-25',
        sourceRef: 'src-fo-cpip-spip62-2024-02-23',
      });
      await post('/api/visits', {
        visitId: 'revisite-bethune',
        antennaIds: ['ant-bethune'],
        plannedFor: '2024-09-12',
      });

      const observation = (id: string, extra: Record<string, unknown>) =>
        post('/api/observations', {
          observationId: id,
          antennaId: 'ant-bethune',
          category: 'hr',
          topic: 'CLIMATE',
          text: 'Observation',
          sentiment: 'negative',
          leadsToDemand: true,
          observedOn: '2024-01-25',
          ...extra,
        });
      await observation('obs-B-climat', {
        text: 'Bonne cohésion d’équipe.',
        sentiment: 'positive',
        leadsToDemand: false,
      });
      await observation('obs-B08', {
        category: 'premises_security',
        topic: 'OPEN_SPACES_NOISE',
        text: 'Le TT réduit la présence et améliore légèrement les conditions.',
        sentiment: 'neutral',
        leadsToDemand: false,
      });
      await observation('obs-B02', {
        category: 'difficulties',
        topic: 'PARKING',
        text: 'Parking insuffisant.',
      });
      await observation('obs-B-retire', {
        text: 'Ambiance excellente.',
        sentiment: 'positive',
        leadsToDemand: false,
      });
      await post('/api/observations/obs-B-retire/withdrawal', { reason: 'Propos non confirmés' });
    });

    it('When the antenna has demands in several states, then the open ones are counted by status and by category', async () => {
      t.clock.set('2024-03-01T08:00:00Z');

      const { demands, antenna } = await dashboard();

      expect(antenna).toMatchObject({
        id: 'ant-bethune',
        name: 'ALIP MO de Béthune',
        path: "Direction de l'administration pénitentiaire > DISP de Lille > SPIP du Pas-de-Calais (62)",
      });
      expect(demands).toEqual({
        open: 4,
        byStatus: {
          DRAFT: 1,
          RAISED: 0,
          SUBMITTED: 1,
          ACKNOWLEDGED: 0,
          RESPONSE_RECEIVED: 1,
          COMMITTED: 1,
          IN_PROGRESS: 0,
        },
        byCategory: {
          staffing_recruitment: 2,
          health_safety_rps: 2,
          premises: 0,
          it_equipment: 0,
          work_organisation: 0,
          partnership: 0,
          missions_procedures: 0,
        },
        overdue: 0,
        overdueByKind: { response: 0, commitment: 0 },
      });
    });

    it('When the clock passes the due dates, then the overdue count follows', async () => {
      t.clock.set('2024-04-01T10:00:00Z');

      const { demands } = await dashboard();

      expect(demands.overdue).toBe(2);
      expect(demands.overdueByKind).toEqual({ response: 1, commitment: 1 });
    });

    it('Then the last visit and the next planned visit are shown', async () => {
      expect((await dashboard()).visits).toEqual({
        visited: true,
        lastVisit: {
          visitId: 'visit-bethune-2024-01-25',
          conductedOn: '2024-01-25',
          sourceRef: 'src-fo-cpip-spip62-2024-02-23',
        },
        nextPlannedVisit: { visitId: 'revisite-bethune', plannedFor: '2024-09-12' },
      });
      expect((await dashboard('ant-longuenesse')).visits).toEqual({
        visited: false,
        lastVisit: null,
        nextPlannedVisit: null,
      });
    });

    it('Then only positive observations are positive; those leading to no demand are listed apart; never the withdrawn one', async () => {
      const { positiveObservations, observationsWithoutDemand } = await dashboard();

      expect(positiveObservations.map((o: { id: string }) => o.id)).toEqual(['obs-B-climat']);
      expect(observationsWithoutDemand.map((o: { id: string }) => o.id)).toEqual(['obs-B08']);
      expect(observationsWithoutDemand[0]).toMatchObject({ sentiment: 'neutral', leadsToDemand: false });
      expect(positiveObservations).toContainEqual(
        expect.objectContaining({
          id: 'obs-B-climat',
          text: 'Bonne cohésion d’équipe.',
          sentiment: 'positive',
          leadsToDemand: false,
        }),
      );
    });
  });

  describe('Overdue follow-ups', () => {
    it('When only the commitment date has passed and a demand was deferred twice, then those two are listed', async () => {
      t.clock.set('2024-03-20T10:00:00Z');

      const items = await followUps();

      expect(items.map((i) => [i.demandId, i.kind, i.daysLate])).toEqual([
        [d.committed, 'commitment_overdue', 10],
        [d.deferredTwice, 'repeated_deferral', 5],
      ]);
    });

    it('When the clock is moved past the due dates, then each overdue item is listed, most late first', async () => {
      t.clock.set('2024-04-01T10:00:00Z');

      const items = await followUps();

      expect(items.map((i) => [i.demandId, i.kind, i.dueAt, i.daysLate])).toEqual([
        [d.committed, 'commitment_overdue', '2024-03-10T00:00:00.000Z', 22],
        [d.deferredTwice, 'repeated_deferral', '2024-03-15T10:00:00.000Z', 17],
        [d.awaiting, 'response_overdue', '2024-03-24T10:00:00.000Z', 8],
        [d.longuenesse, 'response_overdue', '2024-03-31T10:00:00.000Z', 1],
      ]);
      expect(items[0]).toMatchObject({
        title: 'Procédures de sécurité écrites',
        antennaId: 'ant-bethune',
        antennaName: 'ALIP MO de Béthune',
        label: expect.stringContaining('Engagement'),
        commitment: { deliverable: 'Note de service sur les procédures d’alarme', owner: 'DFSPIP' },
      });
      expect(items[1]).toMatchObject({ deferCount: 2, label: expect.stringContaining('ordre du jour') });
      expect(items.map((i) => i.demandId)).not.toContain(d.refused);
      expect(items.map((i) => i.demandId)).not.toContain(d.draft);
    });

    it('When filtered by antenna, then only its demands are listed', async () => {
      const items = await followUps('?antennaId=ant-longuenesse');

      expect(items).toEqual([
        expect.objectContaining({
          demandId: d.longuenesse,
          antennaName: 'ALIP du CP de Longuenesse',
          kind: 'response_overdue',
        }),
      ]);
      expect(await followUps('?antennaId=ant-saint-omer')).toEqual([]);
    });

    it('When the deferred demand is finally answered, then its prompt leaves the list', async () => {
      await respond(d.deferredTwice, 'accept', '2024-04-01T09:00:00.000Z');

      expect((await followUps()).map((i) => i.kind)).not.toContain('repeated_deferral');
    });
  });

  describe('Organisations', () => {
    it("When another organisation asks for its follow-ups, then this organisation's demands are not in them", async () => {
      const guarded = (await request(t.app.getHttpServer()).get('/api/follow-ups/overdue')).status === 401;
      if (!guarded) return; // needs the access guard
      const other = await t.account({ role: 'admin', organisationId: 'other-union' });

      expect((await other.http().get('/api/follow-ups/overdue')).body.items).toEqual([]);
      expect((await other.http().get('/api/antennas/ant-bethune/dashboard')).status).toBe(404);
    });
  });

  describe('Unknown antennas and bad queries', () => {
    it('When the antenna is unknown or is not an antenna, then the dashboard answers 404', async () => {
      expectProblem(await api().get('/api/antennas/ant-nowhere/dashboard'), 404, 'UNIT.ANTENNA_NOT_FOUND');
      expectProblem(await api().get('/api/antennas/spip-62/dashboard'), 404, 'UNIT.ANTENNA_NOT_FOUND');
      expectProblem(await api().get('/api/antennas/not%20an%20id/dashboard'), 404);
    });

    it('When a reference ratio is not a positive whole number, then it answers 400 naming it', async () => {
      const answer = await api().get('/api/antennas/ant-bethune/dashboard?cpipPerPeople=0&asePerPeople=abc');

      expectProblem(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'asePerPeople',
        'cpipPerPeople',
      ]);
    });

    it('When the follow-ups filter is malformed, then it answers 400 naming it', async () => {
      const answer = await api().get(`/api/follow-ups/overdue?antennaId=${'x'.repeat(101)}`);

      expectProblem(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['antennaId']);
    });
  });
});
