import type request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The demand lifecycle through the HTTP API, on the real application and a fresh PostgreSQL database. */

type HistoryItem = {
  revision: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  actorId: string | null;
  actor: { id: string; name: string; role: string; roleLabel: string } | null;
  data: Record<string, unknown>;
  managementWords: string | null;
};

/** Two officers of the Béthune section; their headers carry their tokens (set once the app is up). */
const OFFICER: Record<string, string> = {};
const DELEGATE: Record<string, string> = {};
const ACTOR = { officer: '', delegate: '' };
const DFSPIP = { role: 'DFSPIP', organisation: 'spip-62' };

/** dem-B8 of the 2024-02-23 visit report. */
const ASE_DEMAND = {
  antennaId: 'ant-bethune',
  title: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)',
  category: 'hr',
  explicit: true,
  quote: 'Il manque au moins un ASE pour respecter le ratio de 1 pour 50.',
  priority: 'high',
  addressees: [DFSPIP],
  level: 'local',
  observationIds: ['obs-B07'],
  legalRefs: ['OR ratio ASE 1:50'],
  sourceRef: 'src-fo-cpip-spip62-2024-02-23',
  occurredAt: '2024-02-23T09:00:00.000Z',
};

describe('Demand lifecycle through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    const delegate = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });
    OFFICER.Authorization = `Bearer ${officer.token}`;
    DELEGATE.Authorization = `Bearer ${delegate.token}`;
    ACTOR.officer = officer.accountId;
    ACTOR.delegate = delegate.accountId;
  });
  afterAll(() => t.close());

  const api = () => t.http();

  const raise = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const created = await api()
      .post('/api/demands')
      .set(OFFICER)
      .send({ ...ASE_DEMAND, ...overrides });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  const post = (demandId: string, path: string, body?: object, headers: Record<string, string> = OFFICER) =>
    api().post(`/api/demands/${demandId}/${path}`).set(headers).send(body);

  const demand = async (demandId: string) => {
    const got = await api().get(`/api/demands/${demandId}`);
    expect(got.status).toBe(200);
    return got.body;
  };

  const history = async (demandId: string): Promise<HistoryItem[]> => {
    const got = await api().get(`/api/demands/${demandId}/history`);
    expect(got.status).toBe(200);
    return got.body.items as HistoryItem[];
  };

  const lastOf = async (demandId: string): Promise<HistoryItem> => {
    const items = await history(demandId);
    const last = items[items.length - 1];
    if (!last) throw new Error(`No history for ${demandId}`);
    return last;
  };

  /** A demand submitted to the DFSPIP on 2024-02-23. */
  const submitted = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const id = await raise(overrides);
    const answer = await post(id, 'submissions', {
      channel: 'letter',
      addressee: DFSPIP,
      submittedAt: '2024-02-23T10:00:00.000Z',
    });
    expect(answer.status).toBe(201);
    return id;
  };

  /** A demand whose management accepted it on 2024-03-20. */
  const accepted = async (): Promise<string> => {
    const id = await submitted();
    const answer = await post(id, 'responses', {
      stance: 'accept',
      text: 'Un ASE sera recruté.',
      authorRole: 'DFSPIP',
      channel: 'letter',
      respondedAt: '2024-03-20T10:00:00.000Z',
    });
    expect(answer.status).toBe(201);
    return id;
  };

  const expectProblem = (response: request.Response, status: number): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
  };

  describe("The report's story: raised, submitted, deferred, accepted, committed, done, verified, satisfied", () => {
    let id: string;
    let commitmentId: string;

    it('When the union raises the ASE demand from the visit report, then it is RAISED and its history names who and when', async () => {
      id = await raise();

      const view = await demand(id);
      expect(view).toMatchObject({
        id,
        revision: 0,
        status: 'RAISED',
        title: ASE_DEMAND.title,
        level: 'local',
      });
      const items = await history(id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        revision: 0,
        type: 'DemandRaised',
        actorId: ACTOR.officer,
        occurredAt: '2024-02-23T09:00:00.000Z',
        managementWords: null,
      });
      // Recorded now (the database clock), long after it happened.
      expect(Date.parse(items[0]?.recordedAt ?? '')).toBeGreaterThan(Date.parse('2024-02-23T09:00:00.000Z'));
    });

    it('When it is submitted by letter without a due date, then it is SUBMITTED and an answer is due 30 days later', async () => {
      const answer = await post(
        id,
        'submissions',
        { channel: 'letter', addressee: DFSPIP, submittedAt: '2024-02-23T10:00:00.000Z' },
        DELEGATE,
      );

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id, revision: 1 });
      const view = await demand(id);
      expect(view).toMatchObject({
        status: 'SUBMITTED',
        timesAsked: 1,
        nextDueAt: '2024-03-24T10:00:00.000Z',
      });
      const last = await lastOf(id);
      expect(last).toMatchObject({
        revision: 1,
        type: 'DemandSubmitted',
        actorId: ACTOR.delegate,
        occurredAt: '2024-02-23T10:00:00.000Z',
        data: { channel: 'letter', addressee: DFSPIP, responseDueAt: '2024-03-24T10:00:00.000Z' },
      });
    });

    it('When management defers its answer, then the answer is RESPONSE_RECEIVED with its exact words and a new due date', async () => {
      const words = 'Le recrutement d’un ASE est à l’étude ; une réponse vous sera apportée d’ici fin juin.';
      const answer = await post(id, 'responses', {
        stance: 'defer',
        text: words,
        authorRole: 'DFSPIP',
        channel: 'letter',
        respondedAt: '2024-03-20T10:00:00.000Z',
        documentRef: 'Courrier DFSPIP 2024-03-20',
        newDueAt: '2024-06-30T00:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view).toMatchObject({
        status: 'RESPONSE_RECEIVED',
        nextDueAt: '2024-06-30T00:00:00.000Z',
        lastManagementPosition: { stance: 'defer', text: words, authorRole: 'DFSPIP' },
      });
      expect(await lastOf(id)).toMatchObject({
        type: 'ManagementResponseReceived',
        occurredAt: '2024-03-20T10:00:00.000Z',
        actorId: ACTOR.officer,
        managementWords: words,
      });
    });

    it('When management then accepts, then its latest words are shown and no answer is awaited any more', async () => {
      const words = 'Un poste d’ASE sera ouvert à Béthune à la prochaine campagne.';
      const answer = await post(id, 'responses', {
        stance: 'accept',
        text: words,
        authorRole: 'DFSPIP',
        channel: 'audience',
        respondedAt: '2024-05-15T14:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view).toMatchObject({
        status: 'RESPONSE_RECEIVED',
        nextDueAt: null,
        lastManagementPosition: { stance: 'accept', text: words },
      });
      expect(await lastOf(id)).toMatchObject({ type: 'ManagementResponseReceived', managementWords: words });
    });

    it('When management commits to a deliverable and a date, then it is COMMITTED and the answer names the commitment', async () => {
      const answer = await post(id, 'commitments', {
        deliverable: 'Recrutement d’un ASE à l’antenne de Béthune',
        owner: 'DFSPIP',
        dueAt: '2024-09-01T00:00:00.000Z',
        acceptanceCriterion: 'ASE en poste',
        occurredAt: '2024-05-15T14:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      commitmentId = answer.body.id as string;
      expect(commitmentId).not.toBe(id);
      const view = await demand(id);
      expect(view.status).toBe('COMMITTED');
      expect(view.nextDueAt).toBe('2024-09-01T00:00:00.000Z');
      expect(view.details.commitments).toEqual([
        expect.objectContaining({ commitmentId, owner: 'DFSPIP', status: 'open' }),
      ]);
      expect(await lastOf(id)).toMatchObject({
        type: 'CommitmentMade',
        occurredAt: '2024-05-15T14:00:00.000Z',
        data: { commitmentId, dueAt: '2024-09-01T00:00:00.000Z' },
      });
    });

    it('When progress is reported halfway, then it is IN_PROGRESS at 50 %', async () => {
      t.clock.set('2024-07-01T08:00:00Z');
      const answer = await post(id, 'progress', {
        percent: 50,
        note: 'Fiche de poste publiée',
        commitmentId,
      });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view.status).toBe('IN_PROGRESS');
      expect(view.details.progressPercent).toBe(50);
      // Without occurredAt, the fact is dated by the application clock.
      expect(await lastOf(id)).toMatchObject({
        type: 'ProgressReported',
        occurredAt: '2024-07-01T08:00:00.000Z',
      });
    });

    it('When progress reaches 100 %, then the commitment is done and nothing is due any more', async () => {
      const answer = await post(id, 'progress', {
        percent: 100,
        note: 'ASE recruté, prise de poste le 2 septembre',
        commitmentId,
        occurredAt: '2024-09-02T08:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view).toMatchObject({ status: 'IN_PROGRESS', nextDueAt: null });
      expect(view.details.commitments[0]).toMatchObject({
        commitmentId,
        status: 'done',
        progressPercent: 100,
      });
    });

    it('When the union verifies on the ground that it is met, then the verification and its evidence are recorded', async () => {
      const evidence = {
        kind: 'observation',
        reference: 'Visite FO antenne de Béthune 2024-10-03',
        description: 'ASE en poste constaté',
      };
      const answer = await post(
        id,
        'verifications',
        { evidence, finding: 'met', verifiedAt: '2024-10-03T15:00:00.000Z' },
        DELEGATE,
      );

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view.status).toBe('IN_PROGRESS');
      expect(view.details.verification).toMatchObject({ evidence, finding: 'met' });
      expect(await lastOf(id)).toMatchObject({
        type: 'DemandVerified',
        actorId: ACTOR.delegate,
        occurredAt: '2024-10-03T15:00:00.000Z',
      });
    });

    it('When it is closed as satisfied, then it is SATISFIED and the history tells the whole story in order', async () => {
      const answer = await post(id, 'closure', {
        outcome: 'satisfied',
        note: 'Ratio ASE respecté',
        occurredAt: '2024-10-10T10:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view).toMatchObject({ status: 'SATISFIED', revision: 8, nextDueAt: null });
      expect(view.details).toMatchObject({
        closedAt: '2024-10-10T10:00:00.000Z',
        closeNote: 'Ratio ASE respecté',
      });
      const items = await history(id);
      expect(items.map((item) => item.type)).toEqual([
        'DemandRaised',
        'DemandSubmitted',
        'ManagementResponseReceived',
        'ManagementResponseReceived',
        'CommitmentMade',
        'ProgressReported',
        'ProgressReported',
        'DemandVerified',
        'DemandSatisfied',
      ]);
      expect(items.map((item) => item.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      for (const item of items) {
        expect([ACTOR.officer, ACTOR.delegate]).toContain(item.actorId);
        // Shown by name and role, never as a bare account id.
        expect(item.actor?.id).toBe(item.actorId);
        expect(item.actor?.name).toMatch(/\S/);
        expect(item.actor?.name).not.toBe(item.actorId);
        expect(item.actor?.role).toBe('officer');
        expect(item.actor?.roleLabel).toBe('délégué·e');
        expect(item.occurredAt).toMatch(/^2024-/);
        expect(Number.isNaN(Date.parse(item.recordedAt))).toBe(false);
      }
      expect(items.filter((item) => item.managementWords !== null)).toHaveLength(2);
    });
  });

  describe('Every other command', () => {
    it('When a draft is raised, then it becomes RAISED with the details it was drafted with', async () => {
      const id = await raise({ draft: true, occurredAt: '2024-02-20T09:00:00.000Z' });
      expect((await demand(id)).status).toBe('DRAFT');

      const answer = await post(id, 'raise', { occurredAt: '2024-02-23T09:00:00.000Z' });

      expect(answer.status).toBe(201);
      const view = await demand(id);
      expect(view).toMatchObject({ status: 'RAISED', title: ASE_DEMAND.title, priority: 'high' });
      expect(view.details).toMatchObject({
        quote: ASE_DEMAND.quote,
        addressees: [DFSPIP],
        observationIds: ['obs-B07'],
        legalRefs: ASE_DEMAND.legalRefs,
        sourceRef: ASE_DEMAND.sourceRef,
        draftedAt: '2024-02-20T09:00:00.000Z',
        raisedAt: '2024-02-23T09:00:00.000Z',
      });
      expect((await history(id)).map((item) => item.type)).toEqual(['DemandDrafted', 'DemandRaised']);
    });

    it('When a draft is raised without a body, then it is raised now', async () => {
      const id = await raise({ draft: true });
      t.clock.set('2024-02-24T12:00:00Z');

      const answer = await api().post(`/api/demands/${id}/raise`).set(OFFICER);

      expect(answer.status).toBe(201);
      expect(await lastOf(id)).toMatchObject({
        type: 'DemandRaised',
        occurredAt: '2024-02-24T12:00:00.000Z',
      });
    });

    it('When a demand that is not a draft is raised again, then it answers 409 saying it must be a DRAFT', async () => {
      const id = await raise();

      const answer = await post(id, 'raise', {});

      expectProblem(answer, 409);
      expect(answer.body.detail).toContain('possible depuis : DRAFT');
      expect(await history(id)).toHaveLength(1);
    });

    it('When a demand is reworked before submission, then each change is recorded and shown', async () => {
      const id = await raise();

      expect((await post(id, 'observation-links', { observationId: 'obs-B08' })).status).toBe(201);
      expect(
        (await post(id, 'observation-unlinks', { observationId: 'obs-B07', reason: 'Doublon' })).status,
      ).toBe(201);
      expect(
        (await post(id, 'rewording', { title: 'Recruter un ASE à Béthune', description: 'Ratio 1:50' }))
          .status,
      ).toBe(201);
      expect((await post(id, 'priority', { priority: 'medium' })).status).toBe(201);
      const addressees = [DFSPIP, { role: 'immobilier', organisation: 'disp-lille' }];
      expect((await post(id, 'addressees', { addressees })).status).toBe(201);

      const view = await demand(id);
      expect(view).toMatchObject({
        status: 'RAISED',
        title: 'Recruter un ASE à Béthune',
        priority: 'medium',
      });
      expect(view.details).toMatchObject({
        observationIds: ['obs-B08'],
        description: 'Ratio 1:50',
        addressees,
      });
      expect((await history(id)).map((item) => item.type)).toEqual([
        'DemandRaised',
        'DemandLinkedToObservation',
        'DemandUnlinkedFromObservation',
        'DemandReworded',
        'DemandPrioritySet',
        'DemandAddresseesChanged',
      ]);
    });

    it('When a change repeats the current value, then it answers 201 and records nothing', async () => {
      const id = await raise();

      const answer = await post(id, 'observation-links', { observationId: 'obs-B07' });

      expect(answer.status).toBe(201);
      expect(answer.body.revision).toBe(0);
      expect(await history(id)).toHaveLength(1);
    });

    it('When a submission gives its own due date, then that date is kept', async () => {
      const id = await raise();

      const answer = await post(id, 'submissions', {
        channel: 'csa_agenda_item',
        addressee: DFSPIP,
        meetingId: 'csa-spip62-2024-03-14',
        submittedAt: '2024-03-14T09:00:00.000Z',
        responseDueAt: '2024-05-14T00:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      expect(await demand(id)).toMatchObject({ status: 'SUBMITTED', nextDueAt: '2024-05-14T00:00:00.000Z' });
      expect((await lastOf(id)).data).toMatchObject({ meetingId: 'csa-spip62-2024-03-14' });
    });

    it('When management acknowledges, is reminded, refuses, and the demand is closed as refused then reopened, then each step shows', async () => {
      const id = await submitted();
      t.clock.set('2024-03-01T08:30:00Z');

      expect((await post(id, 'acknowledgements', { note: 'Accusé de réception' })).status).toBe(201);
      expect(await lastOf(id)).toMatchObject({
        type: 'ManagementAcknowledged',
        occurredAt: '2024-03-01T08:30:00.000Z',
      });
      expect((await demand(id)).status).toBe('ACKNOWLEDGED');

      const reminder = await post(id, 'reminders', {
        channel: 'email',
        sentAt: '2024-03-25T09:00:00.000Z',
        responseDueAt: '2024-04-15T00:00:00.000Z',
      });
      expect(reminder.status).toBe(201);
      expect(await demand(id)).toMatchObject({ timesAsked: 2, nextDueAt: '2024-04-15T00:00:00.000Z' });

      const refusal = await post(id, 'responses', {
        stance: 'refuse',
        text: 'Aucun poste d’ASE n’est prévu.',
        authorRole: 'DFSPIP',
        channel: 'letter',
        respondedAt: '2024-04-10T10:00:00.000Z',
      });
      expect(refusal.status).toBe(201);
      const closed = await post(id, 'closure', { outcome: 'refused', reason: 'Refus écrit du DFSPIP' });
      expect(closed.status).toBe(201);
      expect((await demand(id)).details).toMatchObject({ closeReason: 'Refus écrit du DFSPIP' });
      expect((await demand(id)).status).toBe('REFUSED');

      expect((await post(id, 'reopening', { reason: 'Nouvelle campagne de recrutement' })).status).toBe(201);
      expect(await demand(id)).toMatchObject({ status: 'RAISED', details: { reopenCount: 1 } });
      expect((await post(id, 'abandonment', { reason: 'priority_change', note: 'Reporté' })).status).toBe(
        201,
      );
      expect(await demand(id)).toMatchObject({
        status: 'ABANDONED',
        details: { closeReason: 'priority_change' },
      });
    });

    it('When a commitment is rescheduled and the demand found partly met, then it closes as partially satisfied', async () => {
      const id = await accepted();
      const made = await post(id, 'commitments', {
        deliverable: 'Recrutement d’un ASE',
        owner: 'DFSPIP',
        dueAt: '2024-06-01T00:00:00.000Z',
        occurredAt: '2024-03-20T10:00:00.000Z',
      });
      expect(made.status).toBe(201);
      const commitmentId = made.body.id as string;

      const moved = await post(id, `commitments/${commitmentId}/rescheduling`, {
        newDueAt: '2024-09-01T00:00:00.000Z',
        reason: 'Jury de recrutement reporté',
        occurredAt: '2024-05-20T10:00:00.000Z',
      });
      expect(moved.status).toBe(201);
      expect((await demand(id)).details.commitments[0]).toMatchObject({
        dueAt: '2024-09-01T00:00:00.000Z',
        rescheduleCount: 1,
      });

      const verified = await post(id, 'verifications', {
        evidence: { kind: 'document', reference: 'Note DFSPIP 2024-09-05', description: 'ASE à mi-temps' },
        finding: 'partly_met',
      });
      expect(verified.status).toBe(201);
      const closed = await post(id, 'closure', {
        outcome: 'partially_satisfied',
        note: 'Mi-temps seulement',
      });
      expect(closed.status).toBe(201);
      expect(await demand(id)).toMatchObject({
        status: 'PARTIALLY_SATISFIED',
        details: { closeNote: 'Mi-temps seulement' },
      });
    });

    it('When a commitment that does not exist is rescheduled, then it answers 409 and records nothing', async () => {
      const id = await accepted();
      const made = await post(id, 'commitments', {
        deliverable: 'Recrutement',
        owner: 'DFSPIP',
        dueAt: '2024-09-01',
      });
      expect(made.status).toBe(201);
      const before = (await history(id)).length;

      const answer = await post(id, 'commitments/no-such-commitment/rescheduling', {
        newDueAt: '2024-09-01T00:00:00.000Z',
        reason: 'Report',
      });

      expectProblem(answer, 409);
      expect(answer.body).toMatchObject({ code: 'DEMAND.PRECONDITION_FAILED', rule: 'COMMITMENT_NOT_FOUND' });
      expect(await history(id)).toHaveLength(before);
    });

    it('When a demand is merged into another, then it is MERGED and points to it', async () => {
      const into = await raise();
      const id = await raise({ title: 'Un ASE de plus à Béthune' });

      const answer = await post(id, 'merge', { intoDemandId: into });

      expect(answer.status).toBe(201);
      expect(await demand(id)).toMatchObject({ status: 'MERGED', details: { mergedInto: into } });
    });

    it('When a submitted demand is escalated to the DISP, then it goes back to RAISED at the new level and addressees', async () => {
      const id = await submitted();
      const disp = [{ role: 'DISP', organisation: 'disp-lille' }];

      const answer = await post(id, 'escalations', {
        toLevel: 'disp',
        reason: 'Pas de réponse locale',
        addressees: disp,
      });

      expect(answer.status).toBe(201);
      expect(await demand(id)).toMatchObject({
        status: 'RAISED',
        level: 'disp',
        nextDueAt: null,
        details: { addressees: disp },
      });
      expect(await lastOf(id)).toMatchObject({
        type: 'DemandEscalated',
        data: { fromLevel: 'local', toLevel: 'disp' },
      });
    });
  });

  describe('Refusals', () => {
    it('When a step skips the lifecycle, then it answers 409 problem+json saying where it is allowed from, and records nothing', async () => {
      const id = await raise();

      const answer = await post(id, 'acknowledgements', { note: 'Accusé de réception' });

      expectProblem(answer, 409);
      expect(answer.body.code).toBe('DEMAND.ILLEGAL_TRANSITION');
      expect(answer.body.detail).toBe(
        'Impossible d’enregistrer un accusé de réception tant que la revendication est au statut RAISED ; possible depuis : SUBMITTED',
      );
      expect(answer.body.allowedFrom).toEqual(['SUBMITTED']);
      expect(await history(id)).toHaveLength(1);
    });

    it('When a demand is closed as satisfied before any answer, then the 409 lists the statuses that allow it', async () => {
      const id = await raise();

      const answer = await post(id, 'closure', { outcome: 'satisfied' });

      expectProblem(answer, 409);
      expect(answer.body.detail).toContain('possible depuis : RESPONSE_RECEIVED, COMMITTED, IN_PROGRESS');
    });

    it('When a command names a demand that does not exist, then it answers 404 problem+json', async () => {
      const answer = await post('dem-unknown', 'submissions', { channel: 'letter', addressee: DFSPIP });

      expectProblem(answer, 404);
      expect(answer.body.code).toBe('DEMAND.NOT_FOUND');
      expect((await post('dem-unknown', 'raise', {})).status).toBe(404);
      expect(
        (await post('dem-unknown', 'commitments/c-1/rescheduling', { newDueAt: '2024-09-01', reason: 'x' }))
          .status,
      ).toBe(404);
      expect((await post('not%20an%20id', 'reopening', { reason: 'x' })).status).toBe(404);
    });
  });

  describe('Concurrency and retries', () => {
    const response = (text: string) => ({
      stance: 'accept',
      text,
      authorRole: 'DFSPIP',
      channel: 'letter',
      respondedAt: '2024-03-20T10:00:00.000Z',
    });

    it('When two responses are sent at once with the same If-Match, then one is recorded (201) and the other answers 412', async () => {
      const id = await submitted();
      const seen = await api().get(`/api/demands/${id}`);
      const before = (await history(id)).length;

      const answers = await Promise.all(
        ['Accord du DFSPIP', 'Accord du DFSPIP (bis)'].map((text) =>
          post(id, 'responses', response(text), { ...OFFICER, 'If-Match': seen.headers.etag as string }),
        ),
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 412]);
      const refused = answers.find((answer) => answer.status === 412);
      expect(refused?.headers['content-type']).toContain('application/problem+json');
      expect(await history(id)).toHaveLength(before + 1);
    });

    it('When If-Match names an old revision, then it answers 412 and records nothing', async () => {
      const id = await submitted();

      const answer = await post(id, 'responses', response('Accord'), { ...OFFICER, 'If-Match': '"0"' });

      expectProblem(answer, 412);
      expect(answer.body).toMatchObject({
        code: 'STREAM.STALE_REVISION',
        expectedRevision: 0,
        currentRevision: 1,
      });
      expect(await history(id)).toHaveLength(2);
    });

    it('When If-Match names the current revision, then the command is recorded', async () => {
      const id = await submitted();

      const answer = await post(id, 'responses', response('Accord'), { ...OFFICER, 'If-Match': '"1"' });

      expect(answer.status).toBe(201);
      expect(answer.body.revision).toBe(2);
    });

    it('When the same request is retried with its Idempotency-Key, then it gets the same answer and is recorded once', async () => {
      const id = await submitted();
      const reminder = { channel: 'email', sentAt: '2024-03-25T09:00:00.000Z' };
      const headers = { ...OFFICER, 'Idempotency-Key': 'reminder-2024-03-25' };

      const first = await post(id, 'reminders', reminder, headers);
      const retry = await post(id, 'reminders', reminder, headers);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect((await history(id)).map((item) => item.type)).toEqual([
        'DemandRaised',
        'DemandSubmitted',
        'ReminderSent',
      ]);
      expect((await demand(id)).timesAsked).toBe(2);
    });

    it('When a commitment is retried with its Idempotency-Key, then it names the same commitment', async () => {
      const id = await accepted();
      const commitment = {
        deliverable: 'Recrutement',
        owner: 'DFSPIP',
        dueAt: '2024-09-01',
        occurredAt: '2024-03-20',
      };
      const headers = { ...OFFICER, 'Idempotency-Key': 'commitment-1' };

      const first = await post(id, 'commitments', commitment, headers);
      const retry = await post(id, 'commitments', commitment, headers);

      expect(first.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      expect((await demand(id)).details.commitments).toHaveLength(1);
    });

    it('When an Idempotency-Key is reused with another body, then it answers 422 and records nothing', async () => {
      const id = await submitted();
      const headers = { ...OFFICER, 'Idempotency-Key': 'reminder-once' };
      expect((await post(id, 'reminders', { channel: 'email' }, headers)).status).toBe(201);

      const reused = await post(id, 'reminders', { channel: 'letter' }, headers);

      expectProblem(reused, 422);
      expect(await history(id)).toHaveLength(3);
    });
  });

  describe('Bad bodies', () => {
    /** [sub-resource, body with a wrong type and an unknown property, the fields the answer must name] */
    const badBodies: [string, object, string[]][] = [
      ['raise', { occurredAt: 20240223, extra: 1 }, ['occurredAt', 'extra']],
      ['observation-links', { observationId: 5, extra: 1 }, ['observationId', 'extra']],
      [
        'observation-unlinks',
        { observationId: ['obs-B07'], reason: 3, extra: 1 },
        ['observationId', 'reason', 'extra'],
      ],
      ['rewording', { title: 42, extra: 1 }, ['title', 'extra']],
      ['priority', { priority: 'urgent', extra: 1 }, ['priority', 'extra']],
      [
        'addressees',
        { addressees: [{ role: 1, organisation: 'spip-62' }], extra: 1 },
        ['addressees.0.role', 'extra'],
      ],
      [
        'submissions',
        { channel: 'letter', addressee: { role: 'DFSPIP' }, submittedAt: '23/02/2024', extra: 1 },
        ['addressee.organisation', 'submittedAt', 'extra'],
      ],
      ['submissions', { channel: 'letter', addressee: 'DFSPIP' }, ['addressee']],
      [
        'reminders',
        { channel: 'pigeon', responseDueAt: '2024-02-30', extra: 1 },
        ['channel', 'responseDueAt', 'extra'],
      ],
      ['acknowledgements', { note: 7, extra: 1 }, ['note', 'extra']],
      [
        'responses',
        {
          stance: 'maybe',
          text: 'Non',
          authorRole: 'DFSPIP',
          channel: 'letter',
          respondedAt: true,
          extra: 1,
        },
        ['stance', 'respondedAt', 'extra'],
      ],
      [
        'commitments',
        { deliverable: 'ASE', owner: 'DFSPIP', dueAt: 'next week', extra: 1 },
        ['dueAt', 'extra'],
      ],
      [
        'commitments/c-1/rescheduling',
        { newDueAt: '2024-13-45', reason: 'Report', extra: 1 },
        ['newDueAt', 'extra'],
      ],
      ['progress', { percent: 50.5, note: 'Moitié', extra: 1 }, ['percent', 'extra']],
      ['progress', { percent: '50', note: 'Moitié' }, ['percent']],
      ['progress', { percent: 101, note: '' }, ['percent', 'note']],
      [
        'verifications',
        { evidence: { kind: 'rumour', reference: 'x', description: 'y', extra: 1 }, finding: 'met' },
        ['evidence.kind', 'evidence.extra'],
      ],
      ['closure', { outcome: 'satisfied', reason: 'Refus', extra: 1 }, ['reason', 'extra']],
      ['closure', { outcome: 'refused', note: 'Note' }, ['note']],
      ['closure', { outcome: 'won' }, ['outcome']],
      ['abandonment', { reason: 'bored', extra: 1 }, ['reason', 'extra']],
      ['merge', { intoDemandId: 'not an id!', extra: 1 }, ['intoDemandId', 'extra']],
      ['reopening', { reason: 12, extra: 1 }, ['reason', 'extra']],
      [
        'escalations',
        { toLevel: 'regional', reason: 'x', addressees: [], extra: 1 },
        ['toLevel', 'addressees', 'extra'],
      ],
    ];

    let id: string;
    let revision: number;
    let length: number;
    beforeAll(async () => {
      id = await submitted();
      revision = (await demand(id)).revision as number;
      length = (await history(id)).length;
    });

    it.each(badBodies)(
      'When POST /api/demands/:id/%s gets %j, then it answers 400 problem+json naming the fields, and records nothing',
      async (path, body, fields) => {
        const answer = await post(id, path, body);

        expectProblem(answer, 400);
        expect(answer.body.code).toBe('REQUEST.INVALID');
        expect(answer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
          [...fields].sort(),
        );
        expect(await history(id)).toHaveLength(length);
        expect((await demand(id)).revision).toBe(revision);
      },
    );

    it('When a body is not JSON, then it answers 400 problem+json and records nothing', async () => {
      const answer = await api()
        .post(`/api/demands/${id}/acknowledgements`)
        .set(OFFICER)
        .set('Content-Type', 'application/json')
        .send('{"note":');

      expectProblem(answer, 400);
      expect(await history(id)).toHaveLength(length);
    });
  });
});
