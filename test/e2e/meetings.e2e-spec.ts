import type request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** CSA / FS meetings through the HTTP API, on the real application and a fresh PostgreSQL database. */

type Deadline = {
  kind: 'avis_follow_up' | 'minutes' | 'redeliberation';
  itemId?: string;
  dueAt?: string;
  from?: string;
  to?: string;
  status: string;
  daysLeft: number;
  recorded: boolean;
};

/** The instance of the seed: the CSA SPIP local of Pas-de-Calais. */
const CSA_SPIP62 = {
  instanceId: 'csa-spip62',
  instanceName: 'CSA SPIP local (SPIP 62)',
  instanceType: 'csa_spip_local',
};

/** Demands of the seed (ids as in demo-data.jsonc): B4 associate colleagues, B5 offices, B8 one more ASE. */
const DEM_B4 = 'dem-B4';
const DEM_B5 = 'dem-B5';
const DEM_B8 = 'dem-B8';

const VERBATIM =
  'Les agents seront associés à la conception des futurs locaux ; aucun open-space de plus de 4 postes.';

describe('Meetings through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body: object = {}, headers: Record<string, string> = {}) =>
    t.http().post(`/api/meetings${path}`).set(headers).send(body);

  const created = async (path: string, body: object): Promise<string> => {
    const answer = await post(path, body);
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };

  const meeting = async (id: string) => {
    const got = await t.http().get(`/api/meetings/${id}`);
    expect(got.status).toBe(200);
    return got.body;
  };

  const list = async (query: string) => {
    const got = await t.http().get(`/api/meetings?${query}`);
    expect(got.status).toBe(200);
    return got.body.items as { id: string; mentions?: Record<string, unknown>[] }[];
  };

  const expectProblem = (response: request.Response, status: number): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
  };

  /** Scheduled for 2024-03-14, convened on time. */
  const scheduled = (overrides: object = {}) =>
    created('', { ...CSA_SPIP62, scheduledFor: '2024-03-14', ...overrides });

  describe('The CSA SPIP local of 13 October 2023, from the visit report', () => {
    let id: string;
    let itemId: string;

    it('When it is entered from the report, then it is HELD with the relocation project on the agenda and no vote', async () => {
      t.clock.set('2024-02-23T10:00:00Z');
      id = await created('', {
        ...CSA_SPIP62,
        scheduledFor: '2023-10-13',
        sourceRef: 'src-fo-cpip-spip62-2024-02-23',
      });
      itemId = await created(`/${id}/president-items`, {
        title: 'Présentation projet de déménagement ALIP Béthune (locaux non loin de la MA de Béthune)',
        nature: 'unknown',
        demandIds: [DEM_B4, DEM_B5],
      });
      // Held: the project "a été présenté le 13 octobre 2023". Quorum and attendance are not in the report.
      const held = await post(`/${id}/held`, { heldOn: '2023-10-13' });
      expect(held.status).toBe(201);

      const view = await meeting(id);
      expect(view).toMatchObject({
        id,
        revision: 2,
        status: 'HELD',
        instanceId: 'csa-spip62',
        level: 'local',
        kind: 'ordinary',
        scheduledFor: '2023-10-13',
        heldOn: '2023-10-13',
        quorum: null,
        sourceRef: 'src-fo-cpip-spip62-2024-02-23',
        convocation: null,
        votes: [],
        statements: [],
      });
      expect(view.items).toEqual([
        expect.objectContaining({
          itemId,
          kind: 'agenda_item',
          origin: 'president',
          status: 'ACCEPTED',
          nature: 'unknown',
          demandIds: [DEM_B4, DEM_B5],
          avis: null,
        }),
      ]);
    });

    it('When its minutes status is unknown at the report date, then the minutes show as awaited and overdue since 2023-11-13', async () => {
      const got = await t.http().get(`/api/meetings/${id}`);

      expect(got.headers.etag).toBe('"2"');
      expect(got.body.minutes).toMatchObject({ status: 'AWAITED', dueAt: '2023-11-13', receivedOn: null });
      expect(got.body.deadlines).toEqual([
        expect.objectContaining({ kind: 'minutes', dueAt: '2023-11-13', status: 'overdue', recorded: false }),
      ]);
      expect(got.body.overdue).toBe(true);
      expect(got.body.asOf).toBe('2024-02-23T10:00:00.000Z');
    });

    it('When meetings are listed for the instance or for dem-B4, then it is there, with how dem-B4 came up', async () => {
      expect((await list('instanceId=csa-spip62')).map((m) => m.id)).toContain(id);
      expect(await list('instanceId=csa-disp-lille')).toEqual([]);

      const forB4 = (await list(`demandId=${DEM_B4}`)).find((m) => m.id === id);
      expect(forB4?.mentions).toEqual([
        expect.objectContaining({
          kind: 'agenda_item',
          demandId: DEM_B4,
          itemId,
          title: 'Présentation projet de déménagement ALIP Béthune (locaux non loin de la MA de Béthune)',
          avis: null,
        }),
      ]);
    });
  });

  describe('A meeting where a demand is put to a vote', () => {
    let id: string;
    let itemId: string;
    let questionId: string;

    it('When the convocation arrives 8 days before, then it is 7 days late against the 15-day rule', async () => {
      t.clock.set('2024-03-06T10:00:00Z');
      id = await scheduled();

      expect((await post(`/${id}/convocation`, { receivedOn: '2024-03-06' })).status).toBe(201);
      expect(
        (await post(`/${id}/documents`, { receivedOn: '2024-03-06', title: 'Plans', urgent: true })).status,
      ).toBe(201);

      const view = await meeting(id);
      expect(view.convocation).toEqual({
        receivedOn: '2024-03-06',
        urgent: false,
        noticeDays: 15,
        dueBy: '2024-02-28',
        lateDays: 7,
      });
      expect(view.documents).toEqual([expect.objectContaining({ noticeDays: 8, lateDays: 0 })]);
      expect(view.compliance).toEqual({ convocationLateDays: 7, lateDocuments: 0, mandatoryItemsRefused: 0 });
    });

    it('When FO requests an agenda item linked to dem-B5 with half of the titular signatures, then it is mandatory; accepted, it can be voted', async () => {
      itemId = await created(`/${id}/agenda-items`, {
        title: 'Projet de déménagement de l’ALIP de Béthune : configuration des bureaux',
        nature: 'consultation',
        requestedBy: 'FO Justice',
        signatures: 3,
        titularRepsTotal: 6,
        demandIds: [DEM_B5],
      });
      questionId = await created(`/${id}/questions-diverses`, {
        text: 'Quand le poste d’ASE manquant à Béthune sera-t-il ouvert ?',
        submittedBy: 'FO Justice',
        demandIds: [DEM_B8],
      });
      expect((await post(`/${id}/items/${itemId}/demands`, { demandId: DEM_B4 })).status).toBe(201);

      const requested = (await meeting(id)).items[0];
      expect(requested).toMatchObject({
        itemId,
        status: 'REQUESTED',
        mandatory: true,
        demandIds: [DEM_B5, DEM_B4],
      });

      expect((await post(`/${id}/agenda-items/${itemId}/acceptance`)).status).toBe(201);
      expect((await meeting(id)).items[0]).toMatchObject({ status: 'ACCEPTED' });
    });

    it('When management speaks on the item and the unions vote unanimously against, then the exact words are kept and a re-deliberation window opens 8–30 days later', async () => {
      t.clock.set('2024-03-14T18:00:00Z');
      expect(
        (await post(`/${id}/held`, { heldOn: '2024-03-14', quorum: true, attendeeRoles: ['DFSPIP'] })).status,
      ).toBe(201);
      const statement = await post(`/${id}/statements`, {
        itemId,
        text: VERBATIM,
        authorRole: 'DFSPIP',
        demandIds: [DEM_B5],
      });
      expect(statement.status).toBe(201);
      const vote = await post(`/${id}/agenda-items/${itemId}/votes`, {
        votes: [
          { union: 'FO Justice', pour: 0, contre: 3, abstention: 0 },
          { union: 'CGT', pour: 0, contre: 3, abstention: 0 },
        ],
      });
      expect(vote.status).toBe(201);

      t.clock.set('2024-03-25T08:00:00Z');
      const view = await meeting(id);
      expect(view.statements).toEqual([
        expect.objectContaining({
          statementId: statement.body.id,
          itemId,
          text: VERBATIM,
          authorRole: 'DFSPIP',
        }),
      ]);
      expect(view.votes).toEqual([
        expect.objectContaining({
          itemId,
          votedOn: '2024-03-14',
          avis: 'defavourable',
          unanimousUnfavourable: true,
          redeliberation: false,
        }),
      ]);
      expect(view.items[0]).toMatchObject({ avis: 'defavourable', followUpReceivedOn: null });
      const deadlines = view.deadlines as Deadline[];
      expect(deadlines.map((d) => d.kind)).toEqual(['redeliberation', 'minutes', 'avis_follow_up']);
      expect(deadlines[0]).toMatchObject({
        itemId,
        from: '2024-03-22',
        to: '2024-04-13',
        status: 'open',
        daysLeft: 19,
      });
      expect(deadlines[1]).toMatchObject({ dueAt: '2024-04-14', status: 'pending' });
      expect(deadlines[2]).toMatchObject({ itemId, dueAt: '2024-05-14', status: 'pending' });
      expect(view.overdue).toBe(false);
    });

    it('When meetings are listed for dem-B5, then the agenda item and the statement about it come back, with the words', async () => {
      const [found] = (await list(`demandId=${DEM_B5}`)).filter((m) => m.id === id);

      expect(found?.mentions).toEqual([
        expect.objectContaining({ kind: 'agenda_item', refId: itemId, avis: 'defavourable', explicit: true }),
        expect.objectContaining({
          kind: 'statement',
          itemId,
          text: VERBATIM,
          authorRole: 'DFSPIP',
          explicit: true,
        }),
      ]);
      const forB4 = (await list(`demandId=${DEM_B4}`)).find((m) => m.id === id);
      expect(forB4?.mentions?.map((m) => [m.kind, m.explicit])).toEqual([
        ['agenda_item', true],
        ['statement', false],
      ]);
      expect((await list(`demandId=${DEM_B8}`)).find((m) => m.id === id)?.mentions).toEqual([
        expect.objectContaining({ kind: 'question_diverse', refId: questionId }),
      ]);
    });

    it('When another feature reads rm.meeting_demand_links for dem-B5, then every time it came up is there', async () => {
      const { rows } = await t.database.db.query<Record<string, unknown>>(
        `SELECT kind, item_id, instance_id, meeting_date, text, author_role, avis, explicit
           FROM rm.meeting_demand_links WHERE meeting_id = $1 AND demand_id = $2 ORDER BY kind`,
        [id, DEM_B5],
      );

      expect(rows).toEqual([
        expect.objectContaining({
          kind: 'agenda_item',
          item_id: itemId,
          instance_id: 'csa-spip62',
          avis: 'defavourable',
        }),
        expect.objectContaining({
          kind: 'statement',
          item_id: itemId,
          meeting_date: '2024-03-14',
          text: VERBATIM,
          author_role: 'DFSPIP',
          explicit: true,
        }),
      ]);
    });

    it('When the minutes have not come a month after the meeting, then they are overdue, and the check records it once', async () => {
      t.clock.set('2024-04-20T06:00:00Z');
      const before = await meeting(id);
      expect((before.deadlines as Deadline[]).find((d) => d.kind === 'minutes')).toMatchObject({
        dueAt: '2024-04-14',
        status: 'overdue',
        recorded: false,
      });
      expect(before.overdue).toBe(true);

      const check = await post('/deadline-check');
      expect(check.status).toBe(200);
      expect(check.body.recorded).toEqual(
        expect.arrayContaining([
          { meetingId: id, kind: 'minutes', dueAt: '2024-04-14' },
          { meetingId: id, kind: 'redeliberation', itemId, from: '2024-03-22', to: '2024-04-13' },
        ]),
      );
      const again = await post('/deadline-check');
      expect(again.body.recorded.filter((r: { meetingId: string }) => r.meetingId === id)).toEqual([]);

      const after = await meeting(id);
      expect(after.revision).toBe(before.revision + 2);
      expect((after.deadlines as Deadline[]).map((d) => [d.kind, d.status, d.recorded])).toEqual([
        ['redeliberation', 'overdue', true],
        ['minutes', 'overdue', true],
        ['avis_follow_up', 'pending', false],
      ]);
    });

    it('When the re-deliberation, the minutes and the follow-up arrive, then nothing is pending and the minutes are approved', async () => {
      const second = await post(`/${id}/agenda-items/${itemId}/votes`, {
        votedOn: '2024-04-22',
        votes: [
          { union: 'FO Justice', pour: 0, contre: 3, abstention: 0 },
          { union: 'CGT', pour: 1, contre: 2, abstention: 0 },
        ],
      });
      expect(second.status).toBe(201);
      expect((await post(`/${id}/minutes`, { receivedOn: '2024-04-25' })).status).toBe(201);
      expect(
        (
          await post(`/${id}/minutes/contestation`, {
            contestedOn: '2024-05-02',
            points: ['Avis mal retranscrit'],
          })
        ).status,
      ).toBe(201);
      expect((await post(`/${id}/minutes`, { receivedOn: '2024-05-10' })).status).toBe(201);
      expect((await post(`/${id}/minutes/approval`, { approvedOn: '2024-06-20' })).status).toBe(201);
      const followUp = await post(`/${id}/agenda-items/${itemId}/follow-up`, {
        receivedOn: '2024-06-10',
        text: 'Un groupe de travail associant les agents est constitué.',
      });
      expect(followUp.status).toBe(201);

      t.clock.set('2024-07-01T06:00:00Z');
      const view = await meeting(id);
      expect(view.votes.map((v: { redeliberation: boolean }) => v.redeliberation)).toEqual([false, true]);
      expect(view.minutes).toMatchObject({
        status: 'APPROVED',
        drafts: ['2024-04-25', '2024-05-10'],
        receivedOn: '2024-05-10',
        approvedOn: '2024-06-20',
        contestations: [{ contestedOn: '2024-05-02', points: ['Avis mal retranscrit'] }],
      });
      expect(view.items[0]).toMatchObject({ avis: 'defavourable', followUpReceivedOn: '2024-06-10' });
      expect(view.deadlines).toEqual([]);
      expect(view.overdue).toBe(false);
    });
  });

  describe('Refusals', () => {
    it('When a body is malformed, then it answers 400 naming each bad field, and records nothing', async () => {
      const answer = await post('', { ...CSA_SPIP62, scheduledFor: '13/10/2023', instanceType: 'chsct' });

      expectProblem(answer, 400);
      expect(answer.body.code).toBe('REQUEST.INVALID');
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'instanceType',
        'scheduledFor',
      ]);
      expect(answer.body.errors).toContainEqual({
        field: 'scheduledFor',
        messages: ['scheduledFor doit être une date AAAA-MM-JJ'],
      });
    });

    it('When a vote count is negative or a field is unknown, then it answers 400 naming the nested field', async () => {
      const id = await scheduled();
      const vote = await post(`/${id}/agenda-items/item-x/votes`, {
        votes: [{ union: 'FO Justice', pour: -1, contre: 0, abstention: 0 }],
      });
      expectProblem(vote, 400);
      expect(vote.body.errors.map((e: { field: string }) => e.field)).toEqual(['votes.0.pour']);

      const held = await post(`/${id}/held`, { heldOn: '2024-03-14', quorum: 'oui', secretary: 'x' });
      expectProblem(held, 400);
      expect(held.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['quorum', 'secretary']);

      const request = await post(`/${id}/agenda-items`, {
        title: 'x',
        requestedBy: 'FO',
        demandIds: ['a b'],
      });
      expectProblem(request, 400);
      expect(request.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'demandIds',
        'signatures',
        'titularRepsTotal',
      ]);
      expect((await meeting(id)).revision).toBe(0);
    });

    it('When the domain refuses the data (more signatures than titulars, level of an FS missing), then it answers 422 naming the rule', async () => {
      const fs = await post('', {
        instanceId: 'fs-spip62',
        instanceName: 'FS',
        instanceType: 'fs',
        scheduledFor: '2024-03-14',
      });
      expectProblem(fs, 422);
      expect(fs.body).toMatchObject({ code: 'MEETING.INVALID', rule: 'LEVEL_REQUIRED' });

      const id = await scheduled();
      const request = await post(`/${id}/agenda-items`, {
        title: 'x',
        requestedBy: 'FO',
        signatures: 7,
        titularRepsTotal: 6,
      });
      expectProblem(request, 422);
      expect(request.body.rule).toBe('SIGNATURES_EXCEED_TOTAL');
    });

    it('When a meeting or an item does not exist, then it answers 404 problem+json', async () => {
      const unknown = await t.http().get('/api/meetings/mtg-unknown');
      expectProblem(unknown, 404);
      expect(unknown.body.code).toBe('MEETING.NOT_FOUND');
      expect((await post('/mtg-unknown/held', { heldOn: '2024-03-14' })).status).toBe(404);
      expect((await post('/not%20an%20id/minutes', { receivedOn: '2024-03-14' })).status).toBe(404);

      const id = await scheduled();
      const item = await post(`/${id}/agenda-items/item-unknown/acceptance`);
      expectProblem(item, 404);
      expect(item.body).toMatchObject({ code: 'MEETING.ITEM_NOT_FOUND', itemId: 'item-unknown' });
      expect((await post(`/${id}/items/item-unknown/demands`, { demandId: DEM_B4 })).status).toBe(404);
    });

    it('When a step comes too early, then it answers 409 saying where it is allowed from, and records nothing', async () => {
      const id = await scheduled();
      const itemId = await created(`/${id}/agenda-items`, {
        title: 'Point RH Béthune',
        requestedBy: 'FO Justice',
        signatures: 1,
        titularRepsTotal: 6,
      });

      const statement = await post(`/${id}/statements`, { text: 'Rien à signaler.', authorRole: 'DFSPIP' });
      expectProblem(statement, 409);
      expect(statement.body).toMatchObject({
        code: 'MEETING.ILLEGAL_TRANSITION',
        detail:
          'Impossible d’enregistrer une déclaration de la direction tant que la séance est au statut SCHEDULED ; possible depuis : HELD',
        allowedFrom: ['HELD'],
      });

      expect((await post(`/${id}/held`, { heldOn: '2024-03-14', quorum: true })).status).toBe(201);
      const vote = await post(`/${id}/agenda-items/${itemId}/votes`, {
        votes: [{ union: 'FO Justice', pour: 3, contre: 0, abstention: 0 }],
      });
      expectProblem(vote, 409);
      expect(vote.body.detail).toBe(
        `Impossible d’enregistrer un vote tant que le point ${itemId} est au statut REQUESTED ; possible depuis : ACCEPTED`,
      );

      const approval = await post(`/${id}/minutes/approval`, { approvedOn: '2024-05-01' });
      expectProblem(approval, 409);
      expect(approval.body.detail).toBe(
        'Impossible d’approuver le procès-verbal tant que le procès-verbal est au statut AWAITED ; possible depuis : RECEIVED, CONTESTED',
      );

      const followUp = await post(`/${id}/agenda-items/${itemId}/follow-up`, {
        receivedOn: '2024-05-01',
        text: 'x',
      });
      expectProblem(followUp, 409);
      expect(followUp.body.rule).toBe('NO_AVIS');

      expect((await post(`/${id}/held`, { heldOn: '2024-03-15' })).status).toBe(409);
      expect((await meeting(id)).revision).toBe(2);
    });

    it('When If-Match names an old revision, then it answers 412 and records nothing', async () => {
      const id = await scheduled();
      const seen = await t.http().get(`/api/meetings/${id}`);
      expect((await post(`/${id}/convocation`, { receivedOn: '2024-02-20' })).status).toBe(201);

      const stale = await post(
        `/${id}/documents`,
        { receivedOn: '2024-02-21', title: 'Plans' },
        {
          'If-Match': seen.headers.etag as string,
        },
      );

      expectProblem(stale, 412);
      expect((await meeting(id)).documents).toEqual([]);
    });
  });
});
