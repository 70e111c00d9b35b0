import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Observations through the HTTP API: recorded, corrected and withdrawn, never erased. */

const OFFICER = { 'X-Actor': 'secretaire FO SPIP 62' };
const DELEGATE = { 'X-Actor': 'delegue FO Longuenesse' };

/** obs-L02 of the seed: the CAP LSC docket leaves 2 days to prepare the reports. */
const CAP_LSC = {
  observationId: 'obs-L02',
  antennaId: 'ant-longuenesse',
  visitId: 'visit-longuenesse-2024-01-24',
  category: 'difficulties',
  topic: 'CAP_LSC_TIMING',
  text: 'Rôle de la CAP LSC reçu 10 jours avant; rapports au JAP dus 8 jours avant → 2 jours pour préparer.',
  facts: [
    { key: 'role_notice_days', value: 10 },
    { key: 'report_deadline_days_before_cap', value: 8 },
    { key: 'prep_window_days', value: 2 },
  ],
  sentiment: 'negative',
  legalRefs: ['CPP art. D147-21 (en temps utile)'],
  leadsToDemand: true,
  observedOn: '2024-01-24',
  occurredAt: '2024-02-23T09:00:00.000Z',
};

/** obs-L11: good team spirit, no demand. */
const TEAM_SPIRIT = {
  observationId: 'obs-L11',
  antennaId: 'ant-longuenesse',
  category: 'hr',
  topic: 'CLIMATE',
  text: 'Bon esprit d’équipe; bonnes relations avec la hiérarchie du SPIP et l’établissement.',
  sentiment: 'positive',
  leadsToDemand: false,
  observedOn: '2024-01-24',
};

/** obs-B02 at Béthune. */
const PARKING = {
  observationId: 'obs-B02',
  antennaId: 'ant-bethune',
  category: 'difficulties',
  topic: 'PARKING',
  text: 'Parking insuffisant pour toute l’équipe.',
  sentiment: 'negative',
  leadsToDemand: true,
  observedOn: '2024-01-25',
  facts: [{ key: 'small_offices_capacity', value: [3, 4] }],
};

type HistoryEntry = {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  data: Record<string, unknown>;
};

describe('Observations through the API', () => {
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
  const observation = async (id: string) => {
    const got = await api().get(`/api/observations/${id}`);
    expect(got.status).toBe(200);
    return got;
  };
  const ids = async (query = ''): Promise<string[]> => {
    const got = await api().get(`/api/observations${query}`);
    expect(got.status).toBe(200);
    return (got.body.items as { id: string }[]).map((item) => item.id);
  };
  const expectProblem = (response: request.Response, status: number, code?: string): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.status).toBe(status);
    if (code) expect(response.body.code).toBe(code);
  };

  describe('Record, correct, withdraw', () => {
    it('When the CAP LSC observation is recorded, then it reads back as recorded, with its facts and an ETag', async () => {
      const created = await post('/api/observations', CAP_LSC);

      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: 'obs-L02', revision: 0, position: expect.any(String) });
      const got = await observation('obs-L02');
      expect(got.headers.etag).toBe('"0"');
      const { observationId: _id, occurredAt: _at, ...fields } = CAP_LSC;
      expect(got.body).toMatchObject({
        ...fields,
        id: 'obs-L02',
        revision: 0,
        status: 'RECORDED',
        illustrative: false,
        recordedAt: '2024-02-23T09:00:00.000Z',
        correctionCount: 0,
        withdrawnAt: null,
      });
      expect(got.body.history).toEqual([
        expect.objectContaining({
          revision: 0,
          type: 'ObservationRecorded',
          occurredAt: '2024-02-23T09:00:00.000Z',
          // Who acted: the authenticated account (the header is ignored without authentication).
          actor: expect.any(String),
        }),
      ]);
    });

    it('When it is corrected with If-Match on the current revision, then it shows the new text and its history keeps the old one', async () => {
      t.clock.set('2024-02-26T09:00:00Z');
      const text =
        'Rôle de la CAP LSC reçu 10 jours avant la séance; rapports dus 8 jours avant : 2 jours pour préparer.';

      const answer = await post(
        '/api/observations/obs-L02/corrections',
        { text, facts: [{ key: 'prep_window_days', value: 2 }], reason: 'Précision du rapport' },
        { ...DELEGATE, 'If-Match': '"0"' },
      );

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id: 'obs-L02', revision: 1 });
      const got = await observation('obs-L02');
      expect(got.headers.etag).toBe('"1"');
      expect(got.body).toMatchObject({
        text,
        facts: [{ key: 'prep_window_days', value: 2 }],
        category: 'difficulties',
        correctionCount: 1,
        lastCorrectedAt: '2024-02-26T09:00:00.000Z',
      });
      const history = got.body.history as HistoryEntry[];
      expect(history.map((h) => h.type)).toEqual(['ObservationRecorded', 'ObservationCorrected']);
      expect(history[1]).toMatchObject({
        actor: expect.any(String),
        occurredAt: '2024-02-26T09:00:00.000Z',
        data: {
          text,
          reason: 'Précision du rapport',
          previous: { text: CAP_LSC.text, facts: CAP_LSC.facts },
        },
      });
    });

    it('When a correction names a stale revision, then it answers 412 and records nothing', async () => {
      const before = await eventCount();

      const answer = await post(
        '/api/observations/obs-L02/corrections',
        { category: 'hr', reason: 'Reclassement' },
        { ...OFFICER, 'If-Match': '"0"' },
      );

      expectProblem(answer, 412, 'STREAM.STALE_REVISION');
      expect(await eventCount()).toBe(before);
    });

    it('When a correction changes nothing, then it answers 422 and records nothing', async () => {
      const before = await eventCount();
      const current = (await observation('obs-L02')).body;

      const answer = await post('/api/observations/obs-L02/corrections', {
        text: current.text,
        category: 'difficulties',
        reason: 'Relecture',
      });

      expectProblem(answer, 422, 'OBSERVATION.INVALID');
      expect(answer.body.rule).toBe('NOTHING_TO_CHANGE');
      expect(await eventCount()).toBe(before);
    });

    it('When it is withdrawn, then it leaves the lists but stays readable, with its whole history', async () => {
      expect((await post('/api/observations', TEAM_SPIRIT)).status).toBe(201);
      expect(await ids('?antennaId=ant-longuenesse')).toEqual(['obs-L02', 'obs-L11']);

      const answer = await post('/api/observations/obs-L02/withdrawal', {
        reason: 'Doublon de l’observation du compte rendu',
        occurredAt: '2024-02-27T09:00:00.000Z',
      });

      expect(answer.status).toBe(201);
      expect(answer.body.revision).toBe(2);
      const got = await observation('obs-L02');
      expect(got.body).toMatchObject({
        status: 'WITHDRAWN',
        withdrawnAt: '2024-02-27T09:00:00.000Z',
        withdrawalReason: 'Doublon de l’observation du compte rendu',
        correctionCount: 1,
      });
      expect((got.body.history as HistoryEntry[]).map((h) => h.type)).toEqual([
        'ObservationRecorded',
        'ObservationCorrected',
        'ObservationWithdrawn',
      ]);
      expect(await ids('?antennaId=ant-longuenesse')).toEqual(['obs-L11']);
      expect(await ids('?antennaId=ant-longuenesse&includeWithdrawn=true')).toEqual(['obs-L02', 'obs-L11']);
    });

    it('When a withdrawn observation is corrected or withdrawn again, then it answers 409 and records nothing', async () => {
      const before = await eventCount();

      expectProblem(
        await post('/api/observations/obs-L02/corrections', { text: 'Autre', reason: 'x' }),
        409,
        'OBSERVATION.WITHDRAWN',
      );
      expectProblem(
        await post('/api/observations/obs-L02/withdrawal', { reason: 'x' }),
        409,
        'OBSERVATION.WITHDRAWN',
      );
      expect(await eventCount()).toBe(before);
    });

    it('When an observation id is recorded twice, then it answers 409', async () => {
      expectProblem(await post('/api/observations', TEAM_SPIRIT), 409, 'OBSERVATION.ALREADY_EXISTS');
    });
  });

  describe('Lists', () => {
    beforeAll(async () => {
      expect((await post('/api/observations', PARKING)).status).toBe(201);
    });

    it('When filtered by antenna, category, sentiment or leadsToDemand, then only the matching ones are listed', async () => {
      expect(await ids()).toEqual(['obs-B02', 'obs-L11']);
      expect(await ids('?antennaId=ant-bethune')).toEqual(['obs-B02']);
      expect(await ids('?category=hr')).toEqual(['obs-L11']);
      expect(await ids('?sentiment=positive')).toEqual(['obs-L11']);
      expect(await ids('?leadsToDemand=false')).toEqual(['obs-L11']);
      expect(await ids('?sentiment=negative&includeWithdrawn=true')).toEqual(['obs-B02', 'obs-L02']);
      expect(await ids('?visitId=visit-longuenesse-2024-01-24&includeWithdrawn=true')).toEqual(['obs-L02']);
      const page = await api().get('/api/observations?limit=1');
      expect(page.body).toMatchObject({ total: 2, items: [{ id: 'obs-B02', facts: PARKING.facts }] });
    });

    it('When a filter is not valid, then it answers 400 naming it', async () => {
      const answer = await api().get('/api/observations?sentiment=good&category=rh');

      expectProblem(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'category',
        'sentiment',
      ]);
    });
  });

  describe('Access: sections and organisations', () => {
    // These need the access guard; until it is registered for every test run, they check that it is off and stop.
    let guarded = false;
    beforeAll(async () => {
      guarded = (await request(t.app.getHttpServer()).get('/api/observations')).status === 401;
    });

    it('When an officer of Béthune records or corrects an observation of Longuenesse, then 403; at Béthune, 201', async () => {
      if (!guarded) return;
      const officer = await t.account({ role: 'officer', sectionUnitIds: ['ant-bethune'] });

      expectProblem(
        await officer
          .http()
          .post('/api/observations')
          .send({ ...TEAM_SPIRIT, observationId: 'obs-L20' }),
        403,
      );
      expectProblem(
        await officer
          .http()
          .post('/api/observations/obs-L11/corrections')
          .send({ text: 'Autre', reason: 'x' }),
        403,
      );
      const own = await officer
        .http()
        .post('/api/observations')
        .send({ ...PARKING, observationId: 'obs-B20' });
      expect(own.status).toBe(201);
    });

    it("When another organisation reads this organisation's observations, then they do not exist for it", async () => {
      if (!guarded) return;
      const other = await t.account({ role: 'admin', organisationId: 'other-union' });

      expectProblem(await other.http().get('/api/observations/obs-L11'), 404);
      expect((await other.http().get('/api/observations')).body).toEqual({ items: [], total: 0 });
      expectProblem(
        await other.http().post('/api/observations/obs-L11/withdrawal').send({ reason: 'x' }),
        404,
      );
    });
  });

  describe('Unknown ids, bad bodies, retries', () => {
    it('When an observation does not exist, then reading, correcting and withdrawing it answer 404', async () => {
      expectProblem(await api().get('/api/observations/obs-nowhere'), 404, 'OBSERVATION.NOT_FOUND');
      expectProblem(
        await post('/api/observations/obs-nowhere/corrections', { text: 'x', reason: 'y' }),
        404,
        'OBSERVATION.NOT_FOUND',
      );
      expectProblem(await post('/api/observations/obs-nowhere/withdrawal', { reason: 'y' }), 404);
      expectProblem(await api().get('/api/observations/not%20an%20id'), 404);
    });

    /** [path, body, the fields the answer must name] */
    const badBodies: [string, object, string[]][] = [
      [
        '/api/observations',
        {
          antennaId: 'ant bethune',
          category: 'rh',
          topic: '',
          text: 5,
          sentiment: 'good',
          leadsToDemand: 'no',
          observedOn: 'hier',
          facts: [{ key: 'k', value: { n: 1 } }],
          extra: 1,
        },
        [
          'antennaId',
          'category',
          'topic',
          'text',
          'sentiment',
          'leadsToDemand',
          'observedOn',
          'facts.0.value',
          'extra',
        ],
      ],
      ['/api/observations', { ...TEAM_SPIRIT, observationId: 'obs-L12', visitId: null }, ['visitId']],
      [
        '/api/observations',
        { ...TEAM_SPIRIT, observationId: 'obs-L12', facts: [{ value: [] }] },
        ['facts.0.key', 'facts.0.value'],
      ],
      [
        '/api/observations/obs-L11/corrections',
        { text: null, reason: 3, extra: 1 },
        ['text', 'reason', 'extra'],
      ],
      ['/api/observations/obs-L11/corrections', { category: 'hr' }, ['reason']],
      ['/api/observations/obs-L11/withdrawal', { occurredAt: '27/02/2024' }, ['reason', 'occurredAt']],
    ];

    it.each(badBodies)(
      'When POST %s gets %j, then it answers 400 problem+json naming the fields, and records nothing',
      async (path, body, fields) => {
        const before = await eventCount();

        const answer = await post(path, body);

        expectProblem(answer, 400, 'REQUEST.INVALID');
        expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
        expect(await eventCount()).toBe(before);
      },
    );

    it('When an observation without id is retried with its Idempotency-Key, then it names the same observation and is recorded once', async () => {
      const headers = { ...OFFICER, 'Idempotency-Key': 'obs-b01-2024-02-23' };
      const body = {
        antennaId: 'ant-bethune',
        category: 'difficulties',
        topic: 'LOCATION_TRANSPORT',
        text: 'Locaux en zone industrielle; transports en commun peu développés.',
        sentiment: 'negative',
        leadsToDemand: true,
        observedOn: '2024-01-25',
      };
      const before = await eventCount();
      const listed = (await ids('?antennaId=ant-bethune')).length;

      const first = await post('/api/observations', body, headers);
      const retry = await post('/api/observations', body, headers);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount()).toBe(before + 1);
      expect(await ids('?antennaId=ant-bethune')).toHaveLength(listed + 1);
      expect((await observation(first.body.id as string)).body.topic).toBe('LOCATION_TRANSPORT');
    });
  });
});
