import request from 'supertest';
import { MissedDeadlinesCheck } from '../../src/deadlines/missed-deadlines.check.js';
import { createTestApp, type Account, type TestApp, type TestAgent } from '../support/test-app.js';

/** Deadline rules per organisation, set by its admin and recorded as events, through the HTTP API. */

const DEFAULTS = {
  noticeDays: 15,
  urgentNoticeDays: 8,
  avisFollowUpMonths: 2,
  minutesMonths: 1,
  redeliberationMinDays: 8,
  redeliberationMaxDays: 30,
  responseWindowDays: 30,
};
const SOURCE = 'RI du CSA SPIP 62, art. 12';
const OTHER_ORGANISATION = 'other-union';

const CSA_SPIP62 = {
  instanceId: 'csa-spip62',
  instanceName: 'CSA SPIP local (SPIP 62)',
  instanceType: 'csa_spip_local',
};

type Deadline = { kind: string; status: string; dueAt?: string; recorded: boolean };

describe('Deadline rules per organisation', () => {
  let t: TestApp;
  let officer: Account;
  let observer: Account;
  let otherAdmin: Account;

  beforeAll(async () => {
    t = await createTestApp({ DEADLINE_CHECK_INTERVAL_MS: '0' });
    officer = await t.account({ role: 'officer' });
    observer = await t.account({ role: 'observer' });
    otherAdmin = await t.account({ role: 'admin', organisationId: OTHER_ORGANISATION });
  });
  afterAll(() => t.close());

  const rulesOf = async (agent: TestAgent = t.http()) => {
    const got = await agent.get('/api/deadline-rules');
    expect(got.status).toBe(200);
    return got.body;
  };
  const put = (body: object, agent: TestAgent = t.http(), headers: Record<string, string> = {}) =>
    agent.put('/api/deadline-rules').set(headers).send(body);

  const expectProblem = (response: request.Response, status: number): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
  };

  const scheduleMeeting = async (agent: TestAgent, scheduledFor: string): Promise<string> => {
    const answer = await agent.post('/api/meetings').send({ ...CSA_SPIP62, scheduledFor });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const meeting = async (agent: TestAgent, id: string) => {
    const got = await agent.get(`/api/meetings/${id}`);
    expect(got.status).toBe(200);
    return got.body;
  };

  it('When no rule was ever set, then GET shows the documented defaults, each marked as the default, and no history', async () => {
    const view = await rulesOf(observer.http());
    expect(view).toMatchObject({ organisationId: 'test-org', revision: null, values: DEFAULTS, history: [] });
    expect(view.rules).toEqual(
      Object.entries(DEFAULTS).map(([name, value]) => ({
        name,
        value,
        default: value,
        isDefault: true,
        unit: name.endsWith('Months') ? 'months' : 'days',
      })),
    );
  });

  it('When an officer or an observer tries to change them, then 403 and nothing is recorded; without credentials 401', async () => {
    const body = { ...DEFAULTS, noticeDays: 10, source: SOURCE };
    expectProblem(await put(body, officer.http()), 403);
    expectProblem(await put(body, observer.http()), 403);
    expectProblem(await request(t.app.getHttpServer()).put('/api/deadline-rules').send(body), 401);
    expectProblem(await request(t.app.getHttpServer()).get('/api/deadline-rules'), 401);
    expect((await rulesOf()).history).toEqual([]);
  });

  it('When the body is bad, then 400 problem+json names each bad field and nothing is recorded', async () => {
    const { responseWindowDays: _missing, ...withoutWindow } = DEFAULTS;
    const answer = await put({ ...withoutWindow, noticeDays: 0, minutesMonths: 1.5, extra: true });
    expectProblem(answer, 400);
    const fields = (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['extra', 'minutesMonths', 'noticeDays', 'responseWindowDays', 'source']);

    expectProblem(await put({ ...DEFAULTS, source: '' }), 400);
    const view = await rulesOf();
    expect(view.revision).toBeNull();
    expect(view.history).toEqual([]);
  });

  it('When two rules contradict each other, then 422 names the rule and nothing is recorded', async () => {
    const urgent = await put({ ...DEFAULTS, noticeDays: 8, urgentNoticeDays: 10, source: SOURCE });
    expectProblem(urgent, 422);
    expect(urgent.body).toMatchObject({ code: 'DEADLINE_RULES.INVALID', field: 'rules.urgentNoticeDays' });
    const window = await put({
      ...DEFAULTS,
      redeliberationMinDays: 20,
      redeliberationMaxDays: 10,
      source: SOURCE,
    });
    expectProblem(window, 422);
    expect(window.body).toMatchObject({ field: 'rules.redeliberationMaxDays' });
    expect((await rulesOf()).history).toEqual([]);
  });

  it('When the set equals the defaults in force, then nothing is recorded', async () => {
    const answer = await put({ ...DEFAULTS, source: SOURCE });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'test-org', revision: -1, changed: false });
    expect((await rulesOf()).history).toEqual([]);
  });

  describe('Convocation notice', () => {
    let before: string;

    it('When a convocation arrives 10 days before the meeting under the default rules, then it is 5 days late', async () => {
      t.clock.set('2024-03-04T10:00:00Z');
      before = await scheduleMeeting(t.http(), '2024-03-14');
      expect(
        (await t.http().post(`/api/meetings/${before}/convocation`).send({ receivedOn: '2024-03-04' }))
          .status,
      ).toBe(201);
      expect((await meeting(t.http(), before)).convocation).toMatchObject({ noticeDays: 15, lateDays: 5 });
    });

    it('When the admin sets an 8-day notice with its source, then GET shows it, not as the default, with who, when and why', async () => {
      t.clock.set('2024-03-05T09:00:00Z');
      const answer = await put({
        ...DEFAULTS,
        noticeDays: 8,
        urgentNoticeDays: 5,
        source: SOURCE,
        reason: 'RI adopté en séance du 1er mars 2024',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: 'test-org', revision: 0, changed: true });

      const got = await t.http().get('/api/deadline-rules').expect(200);
      expect(got.headers.etag).toBe('"0"');
      const view = got.body;
      expect(view.values).toEqual({ ...DEFAULTS, noticeDays: 8, urgentNoticeDays: 5 });
      expect(view.rules.find((r: { name: string }) => r.name === 'noticeDays')).toEqual({
        name: 'noticeDays',
        value: 8,
        default: 15,
        isDefault: false,
        unit: 'days',
      });
      expect(
        view.rules.filter((r: { isDefault: boolean }) => !r.isDefault).map((r: { name: string }) => r.name),
      ).toEqual(['noticeDays', 'urgentNoticeDays']);
      expect(view.history).toEqual([
        {
          revision: 0,
          occurredAt: '2024-03-05T09:00:00.000Z',
          recordedAt: expect.any(String),
          actor: t.admin.accountId,
          actorName: expect.stringContaining('admin'),
          source: SOURCE,
          reason: 'RI adopté en séance du 1er mars 2024',
          rules: { ...DEFAULTS, noticeDays: 8, urgentNoticeDays: 5 },
          changes: [
            { name: 'noticeDays', from: 15, to: 8 },
            { name: 'urgentNoticeDays', from: 8, to: 5 },
          ],
        },
      ]);
      // Any role of the organisation reads them.
      expect((await rulesOf(officer.http())).values.noticeDays).toBe(8);
    });

    it('When a convocation arrives 10 days before a meeting after the change, then it is on time; the earlier judgement stays as recorded', async () => {
      t.clock.set('2024-03-11T10:00:00Z');
      const after = await scheduleMeeting(t.http(), '2024-03-21');
      expect(
        (await t.http().post(`/api/meetings/${after}/convocation`).send({ receivedOn: '2024-03-11' })).status,
      ).toBe(201);
      expect((await meeting(t.http(), after)).convocation).toMatchObject({ noticeDays: 8, lateDays: 0 });
      expect((await meeting(t.http(), before)).convocation).toMatchObject({ noticeDays: 15, lateDays: 5 });
    });

    it('When the same set is sent again, then nothing more is recorded; a stale If-Match is refused', async () => {
      const again = await put({ ...DEFAULTS, noticeDays: 8, urgentNoticeDays: 5, source: 'Autre source' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ revision: 0, changed: false });
      const stale = await put({ ...DEFAULTS, noticeDays: 9, urgentNoticeDays: 5, source: SOURCE }, t.http(), {
        'If-Match': '"3"',
      });
      expectProblem(stale, 412);
      expect((await rulesOf()).history).toHaveLength(1);
    });
  });

  it('When the response window is set to 45 days, then a demand submitted without a due date is due 45 days later; in another organisation, 30', async () => {
    expect(
      (await put({ ...DEFAULTS, noticeDays: 8, urgentNoticeDays: 5, responseWindowDays: 45, source: SOURCE }))
        .status,
    ).toBe(200);
    const submit = async (agent: TestAgent): Promise<string> => {
      const raised = await agent
        .post('/api/demands')
        .send({
          antennaId: 'ant-bethune',
          title: 'Procédures de sécurité écrites',
          category: 'premises_security',
          explicit: false,
          priority: 'high',
          addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
          level: 'local',
          occurredAt: '2024-02-23',
        })
        .expect(201);
      const id = raised.body.id as string;
      await agent
        .post(`/api/demands/${id}/submissions`)
        .send({
          channel: 'letter',
          addressee: { role: 'DFSPIP', organisation: 'spip-62' },
          submittedAt: '2024-03-01T10:00:00.000Z',
        })
        .expect(201);
      const history = await agent.get(`/api/demands/${id}/history`).expect(200);
      const submitted = (history.body.items as { type: string; data: { responseDueAt: string } }[]).find(
        (e) => e.type === 'DemandSubmitted',
      );
      return submitted?.data.responseDueAt ?? '';
    };
    expect(await submit(t.http())).toBe('2024-04-15T10:00:00.000Z');
    expect(await submit(otherAdmin.http())).toBe('2024-03-31T10:00:00.000Z');
  });

  describe('The scheduled check of missed deadlines', () => {
    /** A meeting held on 2024-03-14 with a favourable avis on its one item, no minutes and no follow-up yet. */
    const heldWithAvis = async (agent: TestAgent): Promise<string> => {
      t.clock.set('2024-03-14T18:00:00Z');
      const id = await scheduleMeeting(agent, '2024-03-14');
      const item = await agent
        .post(`/api/meetings/${id}/president-items`)
        .send({ title: 'Organisation des permanences', nature: 'consultation' })
        .expect(201);
      await agent.post(`/api/meetings/${id}/held`).send({ heldOn: '2024-03-14', quorum: true }).expect(201);
      await agent
        .post(`/api/meetings/${id}/agenda-items/${item.body.id}/votes`)
        .send({ votes: [{ union: 'FO Justice', pour: 3, contre: 0, abstention: 0 }] })
        .expect(201);
      return id;
    };
    const recordedKinds = async (agent: TestAgent, id: string): Promise<string[]> =>
      ((await meeting(agent, id)).deadlines as Deadline[]).filter((d) => d.recorded).map((d) => d.kind);

    it("When follow-ups are due in 1 month and minutes in 3, then the check records the follow-up, not the minutes; the other organisation's defaults still apply to its meeting", async () => {
      const ours = await heldWithAvis(t.http());
      const theirs = await heldWithAvis(otherAdmin.http());
      t.clock.set('2024-03-20T09:00:00Z');
      expect(
        (await put({ ...DEFAULTS, avisFollowUpMonths: 1, minutesMonths: 3, source: 'RI, art. 14 et 15' }))
          .status,
      ).toBe(200);

      // Shown before any check: ours under the new rules, theirs under the defaults.
      const shown = (await meeting(t.http(), ours)).deadlines as Deadline[];
      expect(shown.map((d) => [d.kind, d.dueAt])).toEqual(
        expect.arrayContaining([
          ['minutes', '2024-06-14'],
          ['avis_follow_up', '2024-04-14'],
        ]),
      );
      const listed = await t.http().get('/api/meetings').expect(200);
      const ourListed = (listed.body.items as { id: string; minutes: { dueAt: string } }[]).find(
        (m) => m.id === ours,
      );
      expect(ourListed?.minutes.dueAt).toBe('2024-06-14');
      expect((await meeting(otherAdmin.http(), theirs)).minutes.dueAt).toBe('2024-04-14');

      t.clock.set('2024-05-01T06:00:00Z');
      // Two meeting deadlines, and the two answers awaited for the demands submitted above (due 15 and 31 March).
      expect(await t.app.get(MissedDeadlinesCheck).run()).toBe(4);
      expect(await recordedKinds(t.http(), ours)).toEqual(['avis_follow_up']);
      expect(await recordedKinds(otherAdmin.http(), theirs)).toEqual(['minutes']);
      expect(await t.app.get(MissedDeadlinesCheck).run()).toBe(0);

      // The CSA dossier judges by the same rules.
      const dossier = await t.http().get(`/api/meetings/${ours}/dossier.html`).expect(200);
      expect(dossier.text).toContain('PV transmis sous 3 mois ; suites données aux avis sous 1 mois');
      expect(dossier.text).toContain(
        'Règles appliquées (fixées par l’organisation, source : RI, art. 14 et 15)',
      );
      const other = await otherAdmin.http().get(`/api/meetings/${theirs}/dossier.html`).expect(200);
      expect(other.text).toContain('PV transmis sous 1 mois ; suites données aux avis sous 2 mois');
      expect(other.text).toContain('Règles appliquées (par défaut, à vérifier dans le règlement intérieur)');
    });

    it('When the other organisation reads its rules, then they are still the defaults, with no history', async () => {
      const view = await rulesOf(otherAdmin.http());
      expect(view).toMatchObject({
        organisationId: OTHER_ORGANISATION,
        revision: null,
        values: DEFAULTS,
        history: [],
      });
      expect((await rulesOf()).history.map((h: { source: string }) => h.source)).toEqual([
        SOURCE,
        SOURCE,
        'RI, art. 14 et 15',
      ]);
    });
  });
});
