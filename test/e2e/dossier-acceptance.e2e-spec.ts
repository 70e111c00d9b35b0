import { strFromU8, unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import type request from 'supertest';
import { DemoLoader } from '../../src/demo/demo-loader.js';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.js';
import { ProjectionsService } from '../../src/infrastructure/projections/projections.service.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 11 acceptance, on the demo data (the real report) and a fresh PostgreSQL database, the clock long after
 * the meeting (as when the demo is loaded today): the next CSA's dossier with "données arrêtées au" at the meeting's
 * date; compose → issue → produce again; DOCX read back; old categories; isolation between organisations on
 * every read route and every export (issue 10, defect 2).
 */
const NEXT = 'mtg-csa-spip62-next';
const CUTOFF = '2024-03-28';
const DEMO_ORG = 'fo-justice-cpip';
const OTHER_ORG = 'autre-syndicat';

/** Strings only the demo organisation's data holds. */
const DEMO_STRINGS = [
  'Longuenesse',
  'Béthune',
  'Pas-de-Calais',
  'SPIP 62',
  'CHORUS',
  'campagne de mobilité CPIP',
  'open-space',
  'contractuelle renouvelée',
  'FO Justice CPIP',
];

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

const pdfPages = async (pdf: Buffer): Promise<string[]> => {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).pages.map((p) => p.text.replace(/\s+/g, ' ').trim());
  } finally {
    await parser.destroy();
  }
};

/** The text of a DOCX, read back from its XML (the document opens: it unzips and its body parses). */
const docxText = (docx: Buffer): string => {
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<w:document/);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
};

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
/** Every French date written out in a text ("28 mars 2024", "1er avril 2024") as YYYY-MM-DD. */
const datesIn = (text: string): string[] =>
  [
    ...text.matchAll(
      /\b(1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4})\b/g,
    ),
  ].map(
    (m) =>
      `${m[3]}-${String(MONTHS.indexOf(m[2] ?? '') + 1).padStart(2, '0')}-${String(m[1] === '1er' ? 1 : Number(m[1])).padStart(2, '0')}`,
  );

describe('Dossier de suivi: issue 11 acceptance on the demo data', () => {
  let t: TestApp;
  let officer: Account;
  let other: Account;
  let pages: string[];
  let body: string;

  const get = (as: Account, path: string) => as.http().get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp();
    // Loaded "today", long after the meeting: the recorded times are years after what happened.
    t.clock.set('2026-12-04T10:00:00Z');
    await t.app.get(DemoLoader).load();
    officer = await t.account({ role: 'officer', organisationId: DEMO_ORG, sectionUnitIds: ['spip-62'] });
    other = await t.account({ role: 'admin', organisationId: OTHER_ORG });
    const pdf = await get(officer, `/api/meetings/${NEXT}/dossier.pdf?arreteAu=${CUTOFF}`).expect(200);
    pages = await pdfPages(pdf.body as Buffer);
    // The body: every page but the last (the integrity page).
    body = pages.slice(0, -1).join(' ');
  }, 120_000);
  afterAll(() => t.close());

  describe('The next CSA’s dossier, "données arrêtées au" the meeting’s date', () => {
    it('Then "depuis la dernière instance" holds no date after the cutoff', () => {
      const start = body.indexOf('Depuis la dernière instance (13 octobre 2023)');
      const end = body.indexOf('Fiche 1 /');
      expect(start).toBeGreaterThan(-1);
      expect(end).toBeGreaterThan(start);
      const dates = datesIn(body.slice(start, end));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.filter((d) => d > CUTOFF)).toEqual([]);
    });

    it('Then no lateness is counted past the cutoff (answers were due on 24 March 2024)', () => {
      const late = [...body.matchAll(/(\d+) jours? de retard/g)].map((m) => Number(m[1]));
      expect(late.length).toBeGreaterThan(0);
      expect(Math.max(...late)).toBeLessThanOrEqual(4);
      expect(body).not.toMatch(/\b(9\d\d|1\d{3}) jours\b/);
    });

    it('Then the body shows no internal id, digest or command', () => {
      for (const pattern of [
        /\bdem-[A-Z]?\d/,
        /\bobs-[A-Z]?\d/,
        /\bsrc-[a-z]/,
        /\betab-[a-z]/,
        /\bmtg-[a-z]/,
        /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
        /\b[0-9a-f]{64}\b/,
        /\bnpm (run|test)\b/,
        /audit:verify/,
      ]) {
        expect({ pattern: String(pattern), found: pattern.exec(body)?.[0] ?? null }).toEqual({
          pattern: String(pattern),
          found: null,
        });
      }
    });

    it('Then none of the phrases the issue lists reads wrong', () => {
      for (const bad of [
        /\(s\)/,
        /\b1 engagements\b/,
        /\b1 réponses\b/,
        /n’est pas tenus/,
        /s’est engagée .{0,80} à «/,
        /ses \d+ antennes/,
        /\b(high|medium|low)\b/,
        /données arrêtées au 4 décembre 2026/i,
      ]) {
        expect({ bad: String(bad), found: bad.exec(body)?.[0] ?? null }).toEqual({
          bad: String(bad),
          found: null,
        });
      }
      expect(body).toContain('Données arrêtées au : 28 mars 2024');
      expect(body).not.toContain('29 mars 2024');
      expect(body).toContain('3 antennes suivies ici');
    });

    it('Then the integrity information is on the last page, in plain French, with the route that checks it', () => {
      const last = pages[pages.length - 1] ?? '';
      expect(last).toContain('Intégrité du dossier');
      expect(last).toMatch(/\/api\/audit\/verify\?recordedUpTo=\S+/);
      expect(last).toMatch(/\b[0-9a-f]{64}\b/);
    });

    it('Then what happened before the cutoff but was recorded after it is included and marked', () => {
      expect(body).toContain('◊ saisi après la date d’arrêt');
      expect(body).toMatch(/faits? survenus? avant la date d’arrêt/);
    });

    it('Then unknown staffing reads "non renseigné", never 0, and the renewed contract CPIP is kept', () => {
      expect(body).toContain('Effectif ASE non renseigné dans le relevé');
      expect(body).toContain('Dont 1 contractuelle renouvelée pour 3 ans cette année');
    });

    it('Then the RPS demand’s DUERP and texts are marked as the officer’s own additions; no basis is inferred', () => {
      expect(body).toContain('DUERP) (ajout de l’OS, absent du document source)');
      expect(body).toContain('art. D147-21 (cité par le document source)');
      expect(body).not.toContain('référence suggérée');
    });

    it('Then at most a handful of questions diverses are proposed, none already tabled', async () => {
      const workspace = await officer.http().get(`/api/meetings/${NEXT}/dossier/composition`).expect(200);
      const questions = workspace.body.proposal.questionDemandIds as string[];
      expect(questions.length).toBeGreaterThan(0);
      expect(questions.length).toBeLessThanOrEqual(5);
      // Presented at the CSA of 13 October 2023: already tabled.
      expect(questions).not.toContain('dem-B4');
      expect(questions).not.toContain('dem-B5');
    });

    it('Then every sentence of the déclaration liminaire rests on recorded sources, linked in the HTML', async () => {
      const workspace = await officer.http().get(`/api/meetings/${NEXT}/dossier/composition`).expect(200);
      const liminaire = workspace.body.proposal.liminaire as { text: string; sources: unknown[] }[];
      expect(liminaire.length).toBeGreaterThan(0);
      for (const paragraph of liminaire) expect(paragraph.sources.length).toBeGreaterThan(0);
      expect(liminaire.map((p) => p.text).join(' ')).not.toMatch(/procès-verbal|ses \d+ antennes/);
      const html = await officer
        .http()
        .get(`/api/meetings/${NEXT}/dossier.html?arreteAu=${CUTOFF}`)
        .expect(200);
      const section = html.text.slice(
        html.text.indexOf('Projet de paragraphe pour la déclaration liminaire'),
      );
      expect(section).toMatch(/Sources enregistrées : <a href="\/api\/demands\/[^"]+\/history">n°/);
    });

    it('Then the DOCX opens (read back) and says the same in French', async () => {
      const res = await get(officer, `/api/meetings/${NEXT}/dossier.docx?arreteAu=${CUTOFF}`).expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const text = docxText(res.body as Buffer);
      expect(text).toContain('Dossier de suivi — CSA SPIP local (SPIP 62)');
      expect(text).toContain('Projet de déclaration liminaire');
      expect(text).toContain('Recruter au moins 1 ASE');
      expect(text).not.toMatch(/\bdem-B\d/);
    });
  });

  describe('Compose, issue, produce again', () => {
    it('When the officer composes and issues, then the issued PDF and DOCX are produced again byte for byte', async () => {
      const workspace = await officer.http().get(`/api/meetings/${NEXT}/dossier/composition`).expect(200);
      const names = workspace.body.names as { name: string; masked: boolean }[];
      for (const n of names) expect(n.masked).toBe(true);
      await officer
        .http()
        .post(`/api/meetings/${NEXT}/dossier/composition`)
        .send({
          demandIds: ['dem-B8', 'dem-B1', 'dem-L1'],
          questionDemandIds: ['dem-B8'],
          liminaire: ['Nous rappelons que trois revendications attendent une réponse écrite.'],
          arreteAu: CUTOFF,
        })
        .expect(201);
      // A demand outside the perimeter (or unknown) is refused, naming the field.
      const refused = await officer
        .http()
        .post(`/api/meetings/${NEXT}/dossier/composition`)
        .send({ demandIds: ['nope'], questionDemandIds: [] })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'DOSSIER.INVALID', field: 'demandIds' });

      t.clock.set('2026-12-04T11:00:00Z');
      const issued = await officer.http().post(`/api/meetings/${NEXT}/dossier/issues`).send({}).expect(201);
      expect(issued.body.issue).toBe(1);
      const first = await get(officer, `/api/meetings/${NEXT}/dossier/issues/1/dossier.pdf`).expect(200);
      const firstDocx = await get(officer, `/api/meetings/${NEXT}/dossier/issues/1/dossier.docx`).expect(200);

      // Later events and a later clock change nothing in the issued dossier.
      await officer
        .http()
        .post('/api/demands/dem-B8/reminders')
        .send({ channel: 'email', sentAt: '2024-03-20' })
        .expect(201);
      t.clock.set('2027-01-15T08:00:00Z');
      const again = await get(officer, `/api/meetings/${NEXT}/dossier/issues/1/dossier.pdf`).expect(200);
      expect(Buffer.compare(first.body as Buffer, again.body as Buffer)).toBe(0);
      // The DOCX too: its properties and zip entries are dated at the issue, not at the clock.
      const againDocx = await get(officer, `/api/meetings/${NEXT}/dossier/issues/1/dossier.docx`).expect(200);
      expect(Buffer.compare(firstDocx.body as Buffer, againDocx.body as Buffer)).toBe(0);
      expect(docxText(againDocx.body as Buffer)).toContain('Nous rappelons que trois revendications');

      const text = (await pdfPages(first.body as Buffer)).join(' ');
      expect(text.indexOf('Recruter au moins 1 ASE')).toBeLessThan(text.indexOf("Plan d'action concret"));
      expect(text).toContain('Nous rappelons que trois revendications attendent une réponse écrite.');
      expect(text).toContain('Rédigé par l’OS.');
      expect(text).toContain('Fiche 3 / 3');
      expect(issued.body.digest).toBe(first.headers['x-audit-digest']);
    });
  });

  describe('Demand categories: events recorded with the old ones', () => {
    it('When a version-1 DemandRaised is in the store, then it loads and shows a thematic category', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const result = await store.appendToStream('demand-dem-v1', 'no_stream', [
        {
          eventId: '00000000-0000-4000-8000-0000000000a1',
          type: 'DemandRaised',
          schemaVersion: 1,
          data: {
            demandId: 'dem-v1',
            occurredAt: '2024-02-23T09:00:00.000Z',
            raisedAt: '2024-02-23T09:00:00.000Z',
            antennaId: 'ant-bethune',
            title: 'Prises réseau filaires pour le bureau des ASE',
            category: 'premises_security',
            explicit: false,
            priority: 'medium',
            addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
            level: 'local',
            observationIds: [],
            legalRefs: ['Décret 82-453'],
          },
          metadata: { actorId: 'demo', organisationId: DEMO_ORG, occurredAt: '2024-02-23T09:00:00.000Z' },
        },
      ]);
      await t.app.get(ProjectionsService).waitFor(result.position, 5000);
      const demand = await officer.http().get('/api/demands/dem-v1').expect(200);
      expect(demand.body.category).toBe('it_equipment');
      const stored = await t.database.db.query<{ data: { category: string } }>(
        `SELECT data FROM es.events WHERE event_id = '00000000-0000-4000-8000-0000000000a1'`,
      );
      // Never rewritten.
      expect(stored.rows[0]?.data.category).toBe('premises_security');
      const csv = await officer
        .http()
        .get(`/api/meetings/${NEXT}/summary.csv?arreteAu=${CUTOFF}`)
        .expect(200);
      expect(csv.text).toContain('Prises réseau filaires pour le bureau des ASE;informatique et équipement');
      // Its legal reference reads as the officer's own addition, not as the report's.
      const html = await officer
        .http()
        .get(`/api/meetings/${NEXT}/dossier.html?arreteAu=${CUTOFF}`)
        .expect(200);
      expect(html.text).toContain(
        'Décret 82-453 <span class="muted">(ajout de l’OS, absent du document source)',
      );
    });
  });

  describe('Isolation: a second organisation, on every read route and every export (issue 10, defect 2)', () => {
    it('When the other organisation reads everything it can, then none of the demo’s strings appears', async () => {
      const post = (path: string, payload: object) => other.http().post(path).send(payload);
      // Its own national meeting: no unit of its own matches it (it used to fall back to the first DAP found).
      const meeting = await post('/api/meetings', {
        instanceId: 'csa-national-autre',
        instanceName: 'CSA national (autre)',
        instanceType: 'csa_national',
        level: 'national',
        scheduledFor: '2024-03-28',
        occurredAt: '2024-02-01T09:00:00.000Z',
      }).expect(201);
      const own = meeting.body.id as string;

      const instance = t.app.getHttpAdapter().getInstance();
      const stack = (instance.router ?? instance._router).stack as {
        route?: { path: string; methods: Record<string, boolean> };
      }[];
      const routes = stack
        .filter((layer) => layer.route?.methods.get)
        .map((layer) => layer.route?.path ?? '')
        .filter((path) => path.startsWith('/api/') && !path.startsWith('/api/docs'));
      expect(routes.length).toBeGreaterThan(15);
      // Each parameter is tried with the demo's ids (must not leak) and with the other organisation's own.
      const values: Record<string, string[]> = {
        id: ['dem-B8', 'mtg-csa-spip62-next', 'ant-bethune', 'obs-B13', 'spip-62', own],
        antennaId: ['ant-bethune'],
        issue: ['1'],
        format: ['pdf', 'html', 'docx', 'csv'],
      };
      const expand = (path: string): string[] => {
        const param = /:([A-Za-z]+)/.exec(path);
        if (!param?.[1]) return [path];
        return (values[param[1]] ?? ['x1']).flatMap((v) => expand(path.replace(`:${param[1]}`, v)));
      };
      const queries = ['', '?arreteAu=2024-03-28', '?antennaId=ant-bethune', '?asOf=2024-03-01'];
      const leaks: string[] = [];
      let read = 0;
      for (const route of routes) {
        for (const path of expand(route)) {
          for (const query of queries) {
            const res = await get(other, `${path}${query}`);
            read++;
            const type = String(res.headers['content-type'] ?? '');
            const buffer = res.body as Buffer;
            const text = type.includes('pdf')
              ? (await pdfPages(buffer)).join(' ')
              : type.includes('wordprocessingml')
                ? docxText(buffer)
                : buffer.toString('utf8');
            for (const s of DEMO_STRINGS)
              if (text.includes(s)) leaks.push(`${path}${query} → ${res.status}: ${s}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      expect(read).toBeGreaterThan(60);

      // The other organisation's own dossier answers, in every format, with nothing of the demo.
      for (const format of ['pdf', 'html', 'docx']) {
        await get(other, `/api/meetings/${own}/dossier.${format}`).expect(200);
      }
      const csv = await other.http().get(`/api/meetings/${own}/summary.csv`).expect(200);
      expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1);
    }, 300_000);
  });
});
