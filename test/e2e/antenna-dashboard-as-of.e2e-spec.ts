import type request from 'supertest';
import { SPIP62_UNITS } from '../support/builders/units.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The antenna dashboard at a past date (`?asOf=`), folded from the events: what had happened by then, and with
 * `known=recorded` what the union knew by then. Through the HTTP API, against PostgreSQL.
 */

const DFSPIP = { role: 'DFSPIP', organisation: 'spip-62' };

const HIERARCHY = SPIP62_UNITS;

const EARLIER_SNAPSHOT = {
  snapshotId: 'staff-bethune-2022',
  asOf: '2022-06-01',
  lines: [
    { role: 'CPIP', headcount: 20 },
    { role: 'ASE', headcount: 2 },
  ],
  caseload: { ppsmjPerCpipEtp: 105, peopleUnderElectronicMonitoring: 120 },
  illustrative: true,
  occurredAt: '2022-06-15T09:00:00.000Z',
};

const VISIT_SNAPSHOT = {
  snapshotId: 'staff-bethune-2024-01-25',
  asOf: '2024-01-25',
  lines: [
    { role: 'CPIP', headcount: 29, seconded: 1, onLongLeave: 1 },
    { role: 'ASE', headcount: 2, vacancies: 1 },
  ],
  caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
  occurredAt: '2024-02-23T09:00:00.000Z',
};

type Demands = {
  open: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  overdue: number;
  overdueByKind: { response: number; commitment: number };
};

describe('The antenna dashboard at any date', () => {
  let t: TestApp;
  const api = () => t.http();
  /** Before the late management response was recorded (database time, as recordedAt is). */
  let beforeResponseWasRecorded: string;
  /** After every event was recorded. */
  let afterEverything: string;

  const post = async (path: string, body?: object): Promise<request.Response> => {
    const answer = await api().post(path).send(body);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const raise = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (
      await post('/api/demands', {
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [DFSPIP],
        level: 'local',
        occurredAt: '2024-02-23T09:00:00.000Z',
        ...overrides,
      })
    ).body.id as string;
  const submit = (id: string) =>
    post(`/api/demands/${id}/submissions`, {
      channel: 'letter',
      addressee: DFSPIP,
      submittedAt: '2024-02-23T10:00:00.000Z',
      responseDueAt: '2024-03-24T10:00:00.000Z',
    });
  const respond = (id: string, stance: string, respondedAt: string) =>
    post(`/api/demands/${id}/responses`, {
      stance,
      text: stance === 'accept' ? 'Un ASE sera affecté à la prochaine CAP.' : 'Pas de moyens.',
      authorRole: 'DFSPIP',
      channel: 'letter',
      respondedAt,
    });
  const observe = (observationId: string, extra: Record<string, unknown> = {}) =>
    post('/api/observations', {
      observationId,
      antennaId: 'ant-bethune',
      category: 'hr',
      topic: 'CLIMATE',
      text: 'Bonne cohésion d’équipe.',
      sentiment: 'positive',
      leadsToDemand: false,
      observedOn: '2024-01-25',
      occurredAt: '2024-01-26T09:00:00.000Z',
      ...extra,
    });
  const dashboard = async (query = '', antennaId = 'ant-bethune') => {
    const got = await api().get(`/api/antennas/${antennaId}/dashboard${query}`);
    expect(got.status).toBe(200);
    return got.body;
  };
  const demandsAt = async (query: string): Promise<Demands> => (await dashboard(query)).demands as Demands;
  const databaseNow = async (): Promise<string> => {
    const { rows } = await t.database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return new Date(rows[0]?.now ?? 0).toISOString();
  };
  const at = (instant: string) => `?asOf=${encodeURIComponent(instant)}`;

  beforeAll(async () => {
    t = await createTestApp();
    for (const unit of HIERARCHY) await post('/api/units', unit);
    await post('/api/antennas/ant-bethune/staffing-snapshots', EARLIER_SNAPSHOT);
    await post('/api/antennas/ant-bethune/staffing-snapshots', VISIT_SNAPSHOT);

    // Committed on 1 March, due 10 March: overdue from then on.
    const committed = await raise({ title: 'Procédures de sécurité écrites', category: 'premises_security' });
    await submit(committed);
    await respond(committed, 'accept', '2024-03-01T10:00:00.000Z');
    await post(`/api/demands/${committed}/commitments`, {
      deliverable: 'Note de service sur les procédures d’alarme',
      owner: 'DFSPIP',
      dueAt: '2024-03-10T00:00:00.000Z',
      occurredAt: '2024-03-01T10:00:00.000Z',
    });
    // Never answered: the answer is awaited until 24 March 2024, 10:00.
    const unanswered = await raise({ title: 'Plan d’action RPS', category: 'difficulties' });
    await submit(unanswered);
    // Refused on 2 March, closed on 18 March.
    const refused = await raise({ title: 'Bureau adapté pour ASE/PA' });
    await submit(refused);
    await respond(refused, 'refuse', '2024-03-02T10:00:00.000Z');
    await post(`/api/demands/${refused}/closure`, {
      outcome: 'refused',
      reason: 'Refus écrit',
      occurredAt: '2024-03-18T10:00:00.000Z',
    });
    // Another antenna's demand never counts here.
    await submit(await raise({ antennaId: 'ant-longuenesse', title: 'Délai CAP LSC' }));

    await post('/api/visits/visit-bethune-2024-01-25/conduct', {
      antennaId: 'ant-bethune',
      conductedOn: '2024-01-25',
      sourceRef: 'src-fo-cpip-spip62-2024-02-23',
      occurredAt: '2024-01-26T09:00:00.000Z',
    });
    await post('/api/visits', {
      visitId: 'revisite-bethune',
      antennaIds: ['ant-bethune'],
      plannedFor: '2024-09-12',
      occurredAt: '2024-03-05T09:00:00.000Z',
    });

    await observe('obs-B-climat');
    await observe('obs-B-retire', { text: 'Ambiance excellente.' });
    await post('/api/observations/obs-B-retire/withdrawal', {
      reason: 'Propos non confirmés',
      occurredAt: '2024-03-10T09:00:00.000Z',
    });
    await observe('obs-B-tardive', { observedOn: '2024-04-02', occurredAt: '2024-04-02T09:00:00.000Z' });
    await observe('obs-B-parking', {
      category: 'difficulties',
      topic: 'PARKING',
      text: 'Parking insuffisant.',
      sentiment: 'negative',
      leadsToDemand: true,
    });

    // The answer to the first demand came on 15 March 2024, but the union records it only now (late), last.
    const answeredLate = await raise();
    await submit(answeredLate);
    beforeResponseWasRecorded = await databaseNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await respond(answeredLate, 'accept', '2024-03-15T10:00:00.000Z');
    afterEverything = await databaseNow();
    // Far from every date asked below: the past dashboards must not depend on the clock.
    t.clock.set('2024-02-24T00:00:00Z');
  });
  afterAll(() => t.close());

  describe('Demands', () => {
    it('When asked before and after the management response, then the counts by status differ', async () => {
      const before = await demandsAt('?asOf=2024-03-01');
      const after = await demandsAt('?asOf=2024-03-20');

      expect(before).toEqual({
        open: 4,
        byStatus: {
          DRAFT: 0,
          RAISED: 0,
          SUBMITTED: 3,
          ACKNOWLEDGED: 0,
          RESPONSE_RECEIVED: 0,
          COMMITTED: 1,
          IN_PROGRESS: 0,
        },
        byCategory: {
          staffing_recruitment: 1,
          health_safety_rps: 2,
          premises: 1,
          it_equipment: 0,
          work_organisation: 0,
          partnership: 0,
          missions_procedures: 0,
        },
        overdue: 0,
        overdueByKind: { response: 0, commitment: 0 },
      });
      // The late-recorded answer (15 March) counts by when it happened; the refused one was closed on 18 March.
      expect(after).toMatchObject({
        open: 3,
        byStatus: { SUBMITTED: 1, RESPONSE_RECEIVED: 1, COMMITTED: 1 },
        byCategory: {
          staffing_recruitment: 1,
          health_safety_rps: 2,
          premises: 0,
          it_equipment: 0,
          work_organisation: 0,
          partnership: 0,
          missions_procedures: 0,
        },
      });
    });

    it('When asked before any demand was raised, then nothing is open', async () => {
      expect((await demandsAt('?asOf=2024-02-22')).open).toBe(0);
    });

    it('When asked just before and just after a due instant, then overdue is judged at the asked instant', async () => {
      const justBefore = await demandsAt(at('2024-03-24T09:59:00.000Z'));
      const justAfter = await demandsAt(at('2024-03-24T10:01:00.000Z'));
      const beforeCommitmentDue = await demandsAt(at('2024-03-09T12:00:00.000Z'));

      expect(justBefore.overdueByKind).toEqual({ response: 0, commitment: 1 });
      expect(justBefore.overdue).toBe(1);
      expect(justAfter.overdueByKind).toEqual({ response: 1, commitment: 1 });
      expect(justAfter.overdue).toBe(2);
      expect(beforeCommitmentDue.overdue).toBe(0);
    });

    it('When asked with known=recorded, then a late-recorded response is not yet known', async () => {
      const occurred = await demandsAt(at(beforeResponseWasRecorded));
      const known = await demandsAt(`${at(beforeResponseWasRecorded)}&known=recorded`);

      expect(occurred.byStatus).toMatchObject({ SUBMITTED: 1, RESPONSE_RECEIVED: 1, COMMITTED: 1 });
      expect(known.byStatus).toMatchObject({ SUBMITTED: 2, RESPONSE_RECEIVED: 0, COMMITTED: 1 });
      // Known or not, the answer was awaited until 24 March 2024: without it, one more response is overdue.
      expect(occurred.overdueByKind).toEqual({ response: 1, commitment: 1 });
      expect(known.overdueByKind).toEqual({ response: 2, commitment: 1 });
    });

    it('When asked with known=recorded at a 2024 date, then nothing had been recorded yet', async () => {
      const body = await dashboard('?asOf=2024-03-20&known=recorded');

      expect(body.demands.open).toBe(0);
      expect(body.staffing).toMatchObject({ latest: null, series: [] });
      expect(body.visits).toEqual({ visited: false, lastVisit: null, nextPlannedVisit: null });
      expect(body.positiveObservations).toEqual([]);
    });
  });

  describe('Staffing', () => {
    it('When asked before the second snapshot, then the latest is the first one and the series stops there', async () => {
      const { staffing } = await dashboard('?asOf=2024-02-01');

      expect(staffing.latest).toMatchObject({
        snapshotId: 'staff-bethune-2022',
        asOf: '2022-06-01',
        illustrative: true,
        cpip: { gapEtp: { min: 15, max: 15 } },
      });
      expect(staffing.series.map((p: { snapshotId: string }) => p.snapshotId)).toEqual([
        'staff-bethune-2022',
      ]);
    });

    it('When asked after it, then the latest is the second one and the series has both, oldest first', async () => {
      const { staffing } = await dashboard('?asOf=2024-03-01');

      expect(staffing.latest).toMatchObject({
        snapshotId: 'staff-bethune-2024-01-25',
        cpip: { activeHeadcount: 27, gapEtp: { min: 11, max: 14 } },
        vacancies: [{ role: 'ASE', count: 1, scope: null }],
      });
      expect(staffing.series.map((p: { snapshotId: string }) => p.snapshotId)).toEqual([
        'staff-bethune-2022',
        'staff-bethune-2024-01-25',
      ]);
    });

    it('When a reference ratio is given with asOf, then both apply', async () => {
      const { staffing } = await dashboard('?asOf=2024-02-01&cpipPerPeople=50');

      expect(staffing.reference).toMatchObject({ cpipPerPeople: 50, asePerPeople: 50 });
      expect(staffing.latest.cpip.gapEtp).toEqual({ min: 22, max: 22 });
    });

    it('When asked before any snapshot, then staffing is empty', async () => {
      expect((await dashboard('?asOf=2022-01-01')).staffing).toMatchObject({ latest: null, series: [] });
    });
  });

  describe('Visits and the fair picture', () => {
    it('When asked before the visit, after it, and after the next one was planned, then visits follow', async () => {
      expect((await dashboard('?asOf=2024-01-20')).visits).toEqual({
        visited: false,
        lastVisit: null,
        nextPlannedVisit: null,
      });
      const lastVisit = {
        visitId: 'visit-bethune-2024-01-25',
        conductedOn: '2024-01-25',
        sourceRef: 'src-fo-cpip-spip62-2024-02-23',
      };
      expect((await dashboard('?asOf=2024-03-01')).visits).toEqual({
        visited: true,
        lastVisit,
        nextPlannedVisit: null,
      });
      expect((await dashboard('?asOf=2024-03-20')).visits).toEqual({
        visited: true,
        lastVisit,
        nextPlannedVisit: { visitId: 'revisite-bethune', plannedFor: '2024-09-12' },
      });
    });

    it('When asked before the withdrawal and after it, then the withdrawn observation shows only before', async () => {
      const ids = async (query: string) =>
        ((await dashboard(query)).positiveObservations as { id: string }[]).map((o) => o.id);

      expect(await ids('?asOf=2024-03-01')).toEqual(['obs-B-climat', 'obs-B-retire']);
      expect(await ids('?asOf=2024-03-20')).toEqual(['obs-B-climat']);
      expect(await ids('')).toEqual(['obs-B-tardive', 'obs-B-climat']);
    });
  });

  describe('The response', () => {
    it('When asOf is given, then the asOf field is the asked instant (a date alone is the end of that day)', async () => {
      expect((await dashboard('?asOf=2024-03-01')).asOf).toBe('2024-03-01T23:59:59.999Z');
      expect((await dashboard(at('2024-03-24T09:59:00+01:00'))).asOf).toBe('2024-03-24T08:59:00.000Z');
    });

    it('When no asOf is given, then it is today’s dashboard at the clock', async () => {
      const today = await dashboard();

      expect(today.asOf).toBe('2024-02-24T00:00:00.000Z');
      // Today's read models hold every event, whatever the clock says; overdue is judged at the clock.
      expect(today.demands).toMatchObject({ open: 3, overdue: 0 });
      expect(today.staffing.latest.snapshotId).toBe('staff-bethune-2024-01-25');
    });

    it('When asked at the clock’s instant after everything, then the events give the same body as the read models', async () => {
      t.clock.set(afterEverything);
      try {
        const fromReadModels = await dashboard();
        const fromEvents = await dashboard(at(afterEverything));
        const recorded = await dashboard(`${at(afterEverything)}&known=recorded&cpipPerPeople=60`);

        expect(fromEvents).toEqual(fromReadModels);
        expect(recorded).toEqual(fromReadModels);
        expect(fromReadModels.demands.open).toBe(3);
      } finally {
        t.clock.set('2024-02-24T00:00:00Z');
      }
    });
  });

  describe('Bad queries and other organisations', () => {
    it('When asOf is not a date, then it answers 400 problem+json naming asOf', async () => {
      const bad = await api().get('/api/antennas/ant-bethune/dashboard?asOf=yesterday');

      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.code).toBe('REQUEST.INVALID');
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    });

    it('When known is neither occurred nor recorded, then it answers 400 naming known (and the other bad field)', async () => {
      const bad = await api().get(
        '/api/antennas/ant-bethune/dashboard?asOf=2024-03-01&known=sometimes&cpipPerPeople=0',
      );

      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'cpipPerPeople',
        'known',
      ]);
    });

    it('When another organisation asks, then the antenna does not exist for it, at any date', async () => {
      const other = await t.account({ role: 'admin', organisationId: 'other-union' });

      expect((await other.http().get('/api/antennas/ant-bethune/dashboard?asOf=2024-03-01')).status).toBe(
        404,
      );
      expect(
        (await other.http().get('/api/antennas/ant-bethune/dashboard?asOf=2024-03-01&known=recorded')).status,
      ).toBe(404);
      expect((await other.http().get('/api/antennas/ant-bethune/dashboard')).status).toBe(404);
    });

    it('When the antenna is unknown, then 404 with asOf too', async () => {
      expect((await api().get('/api/antennas/ant-nowhere/dashboard?asOf=2024-03-01')).status).toBe(404);
    });
  });
});
