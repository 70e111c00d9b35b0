import request from 'supertest';
import { type Account, createTestApp, type TestApp, TEST_ORGANISATION } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';

/**
 * Issue 10, defect 8: what one organisation sees of the others. The security log, the audit check, accounts' e-mail
 * addresses and section ids are each the caller's organisation's own.
 */
describe('Organisation scope of accounts, sections, security log and audit check', () => {
  let t: TestApp;
  let otherAdmin: Account;
  const server = () => request(t.app.getHttpServer());
  const login = (body: object) => server().post('/api/auth/login').send(body);
  const logOf = async (admin: Account) =>
    (await admin.http().get('/api/admin/security-log').expect(200)).body.items as {
      kind: string;
      email: string | null;
    }[];

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '100' });
    otherAdmin = await t.account({ role: 'admin', organisationId: 'autre-syndicat' });
  });
  afterAll(() => t.close());

  describe('Security log', () => {
    it('When an unknown address fails to log in, then no organisation’s log shows it', async () => {
      await login({ email: 'inconnu@ailleurs.test', password: 'wrong' }).expect(401);
      for (const admin of [t.admin, otherAdmin]) {
        expect((await logOf(admin)).map((e) => e.email)).not.toContain('inconnu@ailleurs.test');
      }
    });

    it('When a member of one organisation fails to log in, then only that organisation’s log shows it', async () => {
      const member = await t.account({
        role: 'observer',
        organisationId: 'autre-syndicat',
        password: PASSWORD,
      });
      await login({ email: member.email, password: 'wrong' }).expect(401);
      const theirs = await logOf(otherAdmin);
      expect(theirs).toContainEqual(expect.objectContaining({ kind: 'login_failed', email: member.email }));
      expect((await logOf(t.admin)).map((e) => e.email)).not.toContain(member.email);
    });
  });

  describe('Accounts and sections per organisation', () => {
    const newAccount = (admin: Account, email: string) =>
      admin
        .http()
        .post('/api/admin/accounts')
        .send({ email, displayName: 'Camille', role: 'observer', password: PASSWORD });

    it('When an address exists in another organisation, then creating it succeeds; in the same one, 409 that names only that', async () => {
      await newAccount(otherAdmin, 'camille@deux-syndicats.test').expect(201);
      await newAccount(t.admin, 'Camille@Deux-Syndicats.test').expect(201);
      const again = await newAccount(t.admin, 'camille@deux-syndicats.test');
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(again.body.detail).toBe('Un compte existe déjà pour cette adresse dans votre organisation');
      expect(JSON.stringify(again.body)).not.toContain('autre-syndicat');
    });

    it('When the address is in two organisations, then a login without `organisation` is refused like a wrong password; with it, each gets its own account', async () => {
      const wrong = await login({ email: 'camille@deux-syndicats.test', password: 'wrong' });
      const ambiguous = await login({ email: 'camille@deux-syndicats.test', password: PASSWORD });
      expect(ambiguous.status).toBe(401);
      expect(ambiguous.body.detail).toBe(wrong.body.detail);
      for (const organisation of ['autre-syndicat', TEST_ORGANISATION]) {
        const ok = await login({
          email: 'camille@deux-syndicats.test',
          password: PASSWORD,
          organisation,
        }).expect(200);
        const me = await server()
          .get('/api/auth/me')
          .set('Authorization', `Bearer ${ok.body.accessToken}`)
          .expect(200);
        expect(me.body.organisationId).toBe(organisation);
      }
      await login({
        email: 'camille@deux-syndicats.test',
        password: PASSWORD,
        organisation: 'nulle-part',
      }).expect(401);
      const bad = await login({
        email: 'camille@deux-syndicats.test',
        password: PASSWORD,
        organisation: 'a b',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'organisation' })]);
    });

    it('When the address is in two organisations, then the web form logs in to the organisation named in its field', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get('/connexion').expect(200);
      expect(page.text).toContain('name="organisation"');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const form = (fields: object) =>
        agent
          .post('/connexion')
          .type('form')
          .send({ _csrf: token, email: 'camille@deux-syndicats.test', password: PASSWORD, ...fields });
      const refused = await form({});
      expect(refused.status).toBe(401);
      expect(refused.text).toContain('Connexion refusée');
      const invalid = await form({ organisation: 'a b' });
      expect(invalid.status).toBe(400);
      expect(invalid.text).toContain('Saisissez l’identifiant de l’organisation');
      const ok = await form({ organisation: 'autre-syndicat' });
      expect(ok.status).toBe(303);
      const me = await agent.get('/api/auth/me').expect(200);
      expect(me.body.organisationId).toBe('autre-syndicat');
    });

    it('When both organisations create a section with the same id, then both succeed; the same id twice in one is 409', async () => {
      const section = { sectionId: 'section-commune', name: 'Section', unitIds: ['spip-62'] };
      await otherAdmin.http().post('/api/admin/sections').send(section).expect(201);
      await t.http().post('/api/admin/sections').send(section).expect(201);
      const again = await t.http().post('/api/admin/sections').send(section);
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('Cette section existe déjà dans votre organisation');
    });
  });

  describe('Audit check', () => {
    it('When another organisation checks the audit trail, then it counts and names none of the first one’s streams, even a tampered one', async () => {
      const raised = await t
        .http()
        .post('/api/demands')
        .send({
          antennaId: 'ant-bethune',
          title: 'Recruter au moins 1 ASE',
          category: 'hr',
          explicit: true,
          priority: 'high',
          addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
          level: 'local',
          occurredAt: '2024-02-23',
        })
        .expect(201);
      const { rows } = await t.database.db.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM es.events WHERE metadata->>'organisationId' = $1`,
        [TEST_ORGANISATION],
      );
      const streams = rows.map((r) => r.stream_id);
      expect(streams.some((s) => s.includes(raised.body.id))).toBe(true);
      await t.database.db.withTransaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(
          `UPDATE es.events SET data = jsonb_set(data, '{title}', '"Réécrit"') WHERE stream_id = ANY($1::text[])`,
          [streams],
        );
      });

      const theirs = await otherAdmin.http().get('/api/audit/verify').expect(200);
      expect(theirs.body).toMatchObject({ ok: true, organisationId: 'autre-syndicat', checkedStreams: 0 });
      for (const stream of streams) expect(JSON.stringify(theirs.body)).not.toContain(stream);

      const ours = await t.http().get('/api/audit/verify').expect(200);
      expect(ours.body.ok).toBe(false);
      expect(ours.body.problems.map((p: { streamId: string }) => p.streamId)).toContain(
        streams.find((s) => s.includes(raised.body.id)),
      );
    });
  });
});
