import { PDFParse } from 'pdf-parse';
import type request from 'supertest';
import { verifyAuditTrail } from '../../src/audit/verify-audit-trail/audit-trail.js';
import { DemoLoader } from '../../src/demo/demo-loader.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The "dossier de suivi CSA" (domain.md 4.5) of the demo's next CSA SPIP local, on the real application and a fresh
 * PostgreSQL database: PDF (its text extracted here), HTML, CSV, the audit digest it prints, redaction, 404s.
 */

const NEXT = 'mtg-csa-spip62-next';
const OCTOBER = 'mtg-csa-spip62-2023-10-13';
const DEMO_ORG = 'fo-justice-cpip';
/** Management's words, recorded on dem-B5 (new offices) before the dossier is printed. */
const VERBATIM =
  'Le projet de nouveaux locaux sera présenté aux agents avant l’été ; aucun open-space de plus de quatre postes n’est prévu.';

type DemandItem = { id: string; title: string; status: string; antennaId: string };

/** Binary bodies (PDF) as a Buffer. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

const pdfText = async (pdf: Buffer): Promise<string> => {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
};

/** Whitespace (line breaks of the layout, no-break spaces) folded to one space. */
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
const parseCsv = (text: string, separator = ','): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
};

describe('Dossier de suivi CSA', () => {
  let t: TestApp;
  let officer: Account;
  let demoAdmin: Account;
  let openDemands: DemandItem[];
  let beforeResponse: string;

  beforeAll(async () => {
    t = await createTestApp();
    // The day before the illustrative next CSA (28 March 2024): the 30-day answer window closed on 24 March.
    t.clock.set('2024-03-27T09:00:00Z');
    await t.app.get(DemoLoader).load();
    officer = await t.account({ role: 'officer', organisationId: DEMO_ORG, sectionUnitIds: ['spip-62'] });
    demoAdmin = await t.account({ role: 'admin', organisationId: DEMO_ORG });
    const { rows } = await t.database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    beforeResponse = new Date(rows[0]?.now ?? 0).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await officer
      .http()
      .post('/api/demands/dem-B5/responses')
      .send({
        stance: 'defer',
        text: VERBATIM,
        authorRole: 'DFSPIP',
        channel: 'letter',
        respondedAt: '2024-03-15',
        newDueAt: '2024-04-30',
      })
      .expect(201);
    const list = await officer.http().get('/api/demands?limit=200').expect(200);
    openDemands = (list.body.items as DemandItem[]).filter(
      (d) =>
        !['SATISFIED', 'PARTIALLY_SATISFIED', 'REFUSED', 'ABANDONED', 'MERGED', 'DRAFT'].includes(d.status),
    );
  });
  afterAll(() => t.close());

  const pdfOf = async (path: string, as: Account = officer) => {
    const res = await as.http().get(path).buffer(true).parse(binary);
    return { res, body: res.body as Buffer };
  };

  describe('When the PDF of the next CSA is downloaded right after the demo loads', () => {
    let res: request.Response;
    let text: string;

    beforeAll(async () => {
      const got = await pdfOf(`/api/meetings/${NEXT}/dossier.pdf`);
      res = got.res;
      text = flat(await pdfText(got.body));
    });

    it('Then it is a PDF with a French file name', () => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="dossier-suivi_csa-spip-local-spip-62_2024-03-28\.pdf"; filename\*=UTF-8''Dossier%20de%20suivi/,
      );
      expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('Then its text holds the title of every open demand of SPIP 62', () => {
      expect(openDemands).toHaveLength(19);
      for (const demand of openDemands) expect(text).toContain(flat(demand.title));
    });

    it("Then management's words appear between French quotation marks", () => {
      expect(text).toContain(flat(VERBATIM));
      expect(text).toMatch(/«\s*Le projet de nouveaux locaux sera présenté/);
    });

    it('Then its last page prints the audit digest and the route that checks it, for the store as recorded then', async () => {
      const digest = /\b[0-9a-f]{64}\b/.exec(text)?.[0];
      const encoded = /\/api\/audit\/verify\?recordedUpTo=(\S+)/.exec(text)?.[1];
      const arreteAu = encoded ? decodeURIComponent(encoded) : undefined;
      expect(digest).toBeDefined();
      expect(arreteAu).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(res.headers['x-audit-digest']).toBe(digest);
      // The cutoff is on what happened: the meeting's day by default.
      expect(res.headers['x-donnees-arretees-au']).toBe('2024-03-28T22:59:59.999Z');
      expect(text.indexOf(digest ?? '-')).toBeGreaterThan(text.indexOf('Intégrité du dossier'));
      // What `npm run audit:verify -- --digest <hex> --recorded-up-to <ISO>` computes (src/cli/audit-verify.ts).
      const report = await verifyAuditTrail(t.database.db, new Date(arreteAu ?? ''), {
        organisationId: DEMO_ORG,
      });
      expect(report.ok).toBe(true);
      expect(report.digest).toBe(digest);

      // Something recorded afterwards changes the head of the log, not the digest of what was printed.
      await officer
        .http()
        .post('/api/demands/dem-B8/reminders')
        .send({ channel: 'email', sentAt: '2024-03-27' })
        .expect(201);
      expect(
        (await verifyAuditTrail(t.database.db, new Date(arreteAu ?? ''), { organisationId: DEMO_ORG }))
          .digest,
      ).toBe(digest);
    });

    it('Then it names the instance, the meeting date and the previous meeting in French', () => {
      expect(text).toContain('CSA SPIP local (SPIP 62)');
      expect(text).toContain('28 mars 2024');
      expect(text).toContain('Depuis la dernière instance (13 octobre 2023)');
      expect(text).toContain('La question à poser aujourd’hui');
    });
  });

  it('When the ledger has been sealed, then the dossier prints the latest seal it covers and where to check it', async () => {
    const sealed = await demoAdmin.http().post('/api/audit/seals').send({});
    expect(sealed.status).toBe(201);
    const { rootHash, number } = sealed.body as { rootHash: string; number: number };
    const html = (await officer.http().get(`/api/meetings/${NEXT}/dossier.html`).expect(200)).text;
    expect(html).toContain(`Dernier scellement couvert : n° ${number} du `);
    expect(html).toContain(`/api/audit/verify?seal=${rootHash}`);
    const text = await pdfText((await pdfOf(`/api/meetings/${NEXT}/dossier.pdf`)).body);
    expect(text.replace(/\s+/g, '')).toContain(`/api/audit/verify?seal=${rootHash}`);
  });

  it('When the CSV is downloaded, then it has a BOM, a header row and one row per demand in scope', async () => {
    const res = await officer.http().get(`/api/meetings/${NEXT}/summary.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tableau-synthese_csa-spip-local-spip-62_2024-03-28\.csv"/,
    );
    const raw = res.text;
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    // Semicolons by default: what a French spreadsheet opens without asking.
    const rows = parseCsv(raw.slice(1), ';');
    const [header, ...body] = rows;
    expect(header?.slice(0, 3)).toEqual(['n°', 'antenne', 'titre']);
    expect(body).toHaveLength(openDemands.length);
    const title = header?.indexOf('titre') ?? -1;
    expect(new Set(body.map((r) => r[title]))).toEqual(new Set(openDemands.map((d) => d.title)));
    body.forEach((r) => expect(r).toHaveLength(header?.length ?? 0));
    const b5 = body.find((r) => r[title]?.startsWith('Nouveaux locaux'));
    expect(b5?.[header?.indexOf('dernière position') ?? -1]).toBe('à l’étude');
    const flagged = body.find((r) => r[title]?.startsWith('Recruter au moins 1 ASE'));
    expect(flagged?.[header?.indexOf('retards') ?? -1]).toContain('réponse en retard');
    // French values only.
    expect(flagged?.[header?.indexOf('priorité') ?? -1]).toBe('haute');
    expect(flagged?.[header?.indexOf('catégorie') ?? -1]).toBe('effectifs et recrutement');
    expect(raw).not.toMatch(/;(high|medium|low|SUBMITTED|RAISED|letter)\b/);
    // ?separateur=virgule for those who want commas.
    const comma = await officer
      .http()
      .get(`/api/meetings/${NEXT}/summary.csv?separateur=virgule`)
      .expect(200);
    expect(parseCsv(comma.text.slice(1), ',')[0]?.slice(0, 3)).toEqual(['n°', 'antenne', 'titre']);
  });

  it('When the HTML is opened, then it is French, dated in words, with one printed page per sheet', async () => {
    const res = await officer.http().get(`/api/meetings/${NEXT}/dossier.html`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="dossier-suivi_.*\.html"/);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('28 mars 2024');
    expect(res.text).toContain('13 octobre 2023');
    expect(res.text).toContain('.sheet { break-before: page; }');
    expect(res.text.match(/<section class="sheet"/g)).toHaveLength(openDemands.length);
    expect(res.text).toContain(`«\u00a0${VERBATIM.replace(/’/g, '’')}\u00a0»`);
  });

  it('When nothing asks otherwise, then who recorded what appears by role: no e-mail, no account id', async () => {
    const res = await officer.http().get(`/api/meetings/${NEXT}/dossier.html`).expect(200);
    expect(res.text).toContain('délégué·e');
    expect(res.text).not.toContain(officer.email);
    expect(res.text).not.toContain(officer.accountId);
  });

  it('When an officer asks for the unredacted dossier, then it is refused; an admin of the union gets it', async () => {
    await officer.http().get(`/api/meetings/${NEXT}/dossier.html?redaction=none`).expect(403);
    const res = await demoAdmin.http().get(`/api/meetings/${NEXT}/dossier.html?redaction=none`).expect(200);
    expect(res.text).toContain(officer.email);
  });

  it('When "données arrêtées au" predates the response (occurred 15 March), then the response is not in it', async () => {
    const res = await officer
      .http()
      .get(`/api/meetings/${NEXT}/dossier.html?arreteAu=2024-03-14`)
      .expect(200);
    expect(res.headers['x-donnees-arretees-au']).toBe('2024-03-14T22:59:59.999Z');
    expect(res.text).not.toContain('Le projet de nouveaux locaux');
    expect(res.text).toContain('14 mars 2024');
    const after = await officer
      .http()
      .get(`/api/meetings/${NEXT}/dossier.html?arreteAu=2024-03-27`)
      .expect(200);
    expect(after.text).toContain('Le projet de nouveaux locaux');
  });

  it('When asked as known then (known=recorded) before the response was recorded, then it is not in it', async () => {
    const res = await officer
      .http()
      .get(`/api/meetings/${NEXT}/dossier.html?arreteAu=${encodeURIComponent(beforeResponse)}&known=recorded`)
      .expect(200);
    expect(res.text).not.toContain('Le projet de nouveaux locaux');
    expect(res.text).toContain('telle qu’enregistrée');
    // The digest covers the store as recorded when the dossier was made.
    const encoded = /\/api\/audit\/verify\?recordedUpTo=([^<"\s]+)/.exec(res.text)?.[1] ?? '';
    const report = await verifyAuditTrail(t.database.db, new Date(decodeURIComponent(encoded)), {
      organisationId: DEMO_ORG,
    });
    expect(res.headers['x-audit-digest']).toBe(report.digest);
  });

  it('When the dossier of the October 2023 meeting is asked, then it has no previous meeting to compare with', async () => {
    const res = await officer.http().get(`/api/meetings/${OCTOBER}/dossier.html`).expect(200);
    expect(res.text).toContain('Aucune séance précédente de cette instance');
  });

  it('When the meeting is unknown or belongs to another organisation, then 404', async () => {
    for (const path of ['dossier.pdf', 'dossier.html', 'summary.csv']) {
      const unknown = await officer.http().get(`/api/meetings/mtg-nope/${path}`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      // The test organisation's admin does not see the demo union's meetings.
      await t.http().get(`/api/meetings/${NEXT}/${path}`).expect(404);
    }
    await officer.http().get('/api/meetings/bad%20id/dossier.pdf').expect(404);
  });

  it('When "données arrêtées au" is not a date, then 400', async () => {
    await officer.http().get(`/api/meetings/${NEXT}/dossier.pdf?arreteAu=hier`).expect(400);
  });
});
