import { jest } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type RunningApp, startApp } from './support/browser-app.js';
import { checkPage, DESK, launchBrowser, newContext, PHONE } from './support/browser.js';
import { AsOfPanel } from './pages/as-of.page.js';
import { ConnexionPage, DEMO } from './pages/connexion.page.js';
import { FichePage } from './pages/fiche.page.js';
import { VisitePage } from './pages/visite.page.js';

jest.setTimeout(240_000);

const BETHUNE = 'ALIP MO de Béthune';
const ASE = 'Recruter au moins 1 ASE (ratio OR 1 pour 50)';
/** What a union officer should never read: enum values, unit or account ids. */
const RAW =
  /\b(?:SUBMITTED|RESPONSE_RECEIVED|COMMITTED|IN_PROGRESS|DRAFT|staffing_recruitment|health_safety_rps|premises|it_equipment|work_organisation|missions_procedures|disp-lille|spip-62|ant-bethune|dap)\b/;
const WORDS =
  'Un poste d’ASE sera ouvert à la prochaine campagne de mobilité ; le recrutement dépend de la DAP.';

/**
 * The acceptance journey of issue 9, in order, against the app started as the README starts it (built
 * `dist/main.js`, embedded store, demo data): each step leaves the state the next one reads.
 */
describe('Officer journey (browser, app started as the README starts it)', () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  /** The ASE demand's page, found by following links in step 1. */
  let ficheUrl = '';

  beforeAll(async () => {
    // Its own first port, away from the other browser specs' 3101, so that they may run side by side.
    app = await startApp({ firstPort: Number(process.env.OFFICER_JOURNEY_PORT ?? 3301) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  const as = async (email: string, viewport = DESK): Promise<Page> => {
    const context = await newContext(browser, app.url, viewport);
    contexts.push(context);
    const opened = await context.newPage();
    opened.setDefaultTimeout(20_000);
    await new ConnexionPage(opened).logIn(email);
    return opened;
  };
  const follow = async (name: string | RegExp): Promise<void> => {
    await Promise.all([
      page.waitForLoadState('load'),
      page
        .getByRole('link', { name, exact: typeof name === 'string' })
        .first()
        .click(),
    ]);
    await page.waitForLoadState('load');
  };
  const main = async (): Promise<string> => (await page.locator('main').textContent()) ?? '';

  /**
   * checkPage (screenshots at 390 and 1280 px, no serious or critical axe violation), then at phone width: nothing
   * wider than the screen (no sideways scrolling) and no raw identifier or English status in the text.
   */
  const look = async (name: string): Promise<void> => {
    await checkPage(page, name);
    const original = page.viewportSize() ?? DESK;
    await page.setViewportSize(PHONE);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    await page.setViewportSize(original);
    expect({ page: name, width }).toEqual({ page: name, width: PHONE.width });
    const text = await main();
    expect({ page: name, raw: text.match(RAW) }).toEqual({ page: name, raw: null });
  };

  it('Given the demo officer, when opening Béthune then the ASE demand, then each page reads in French', async () => {
    page = await as(DEMO.officer);
    expect(new URL(page.url()).pathname).toBe('/');
    await look('parcours-accueil');
    await follow(BETHUNE);
    expect(new URL(page.url()).pathname).toBe('/antennes/ant-bethune');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(BETHUNE);
    await look('parcours-antenne');
    await follow(ASE);
    expect(new URL(page.url()).pathname).toMatch(/^\/revendications\/[^/]+$/);
    ficheUrl = new URL(page.url()).pathname;
    const fiche = new FichePage(page);
    expect(await fiche.heading()).toBe(ASE);
    expect(await main()).toContain('Effectifs et recrutement');
    await look('parcours-fiche');
  });

  it('When recording management’s response with a mistake first, then a French message beside the field and nothing recorded; then correctly, and it shows at once in the timeline and on Béthune’s page', async () => {
    page = await as(DEMO.officer);
    await page.goto(ficheUrl);
    const fiche = new FichePage(page);
    const before = await fiche.timeline().count();
    const response = {
      stance: 'À l’étude',
      text: '',
      authorRole: 'DISP de Lille, bureau RH',
      channel: 'Courrier',
      respondedAt: '2024-04-02',
    };
    let form = await fiche.fillResponse(response);
    // À l'étude needs a new due date too: two mistakes, each said beside its field.
    expect((await fiche.submit(form, 'Enregistrer la réponse')).status).toBe(400);
    expect(await page.locator('#reponse-text-error').textContent()).toContain(
      'Saisissez les mots exacts de l’administration',
    );
    expect(await page.locator('#reponse-text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').textContent()).toContain('rien n’a été enregistré');
    expect(await fiche.timeline().count()).toBe(before);
    // What was typed is kept.
    expect(await page.locator('#reponse-authorRole').inputValue()).toBe(response.authorRole);
    await look('parcours-fiche-erreur');

    form = await fiche.fillResponse({ stance: 'Accord partiel', text: WORDS });
    expect(await fiche.submit(form, 'Enregistrer la réponse')).toEqual({ status: 303, errors: '' });
    expect(new URL(page.url()).pathname).toBe(ficheUrl);
    expect(await page.getByRole('status').first().textContent()).toContain('Réponse');
    expect(await fiche.timeline().count()).toBe(before + 1);
    const last = fiche.timeline().last();
    expect(await last.textContent()).toContain(`« ${WORDS} »`);
    expect(await last.textContent()).toContain('DISP de Lille, bureau RH');
    expect(await last.textContent()).not.toMatch(/usr-|acc-|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await fiche.status()).toContain('Réponse reçue');
    await look('parcours-fiche-reponse');

    await follow(BETHUNE);
    const item = page.locator('li', { has: page.getByRole('link', { name: ASE }) });
    expect(await item.textContent()).toContain('Réponse reçue');
    expect(await page.locator('table', { hasText: 'Par statut' }).textContent()).toContain('Réponse reçue');
    await look('parcours-antenne-apres-reponse');
  });

  it('Given two officers on the same form, when the second submits after the first, then a 412 says what changed and one click resubmits', async () => {
    page = await as(DEMO.officer);
    const other = await as(DEMO.admin);
    await page.goto(ficheUrl);
    await other.goto(ficheUrl);
    const mine = new FichePage(page);
    const theirs = new FichePage(other);
    const before = await mine.timeline().count();
    // Promised for next year: a commitment is due after the day it is recorded.
    const nextYear = new Date().getUTCFullYear() + 1;
    const theirForm = await theirs.fillCommitment(
      'Ouvrir un poste d’ASE à Béthune à la campagne de mobilité',
      'DISP de Lille',
      `${nextYear}-09-01`,
    );
    const myForm = await mine.fillCommitment(
      'Publier la fiche de poste ASE de Béthune',
      'DFSPIP',
      `${nextYear}-06-30`,
    );
    expect(await theirs.submit(theirForm, 'Enregistrer l’engagement')).toEqual({ status: 303, errors: '' });
    expect((await mine.submit(myForm, 'Enregistrer l’engagement')).status).toBe(412);
    const notice = page.getByRole('alert');
    expect(await notice.textContent()).toContain('Quelqu’un a enregistré avant vous');
    expect(await notice.textContent()).toContain('Engagement');
    expect(await notice.textContent()).toContain('Rien de votre saisie n’a été enregistré');
    expect(await mine.timeline().count()).toBe(before + 1);
    expect(await page.locator('#engagement-deliverable').inputValue()).toBe(
      'Publier la fiche de poste ASE de Béthune',
    );
    await look('parcours-fiche-412');
    // One click: the kept form now carries the revision it was shown with.
    const kept = page.locator('details#action-engagement');
    expect(await mine.submit(kept, 'Enregistrer l’engagement')).toEqual({ status: 303, errors: '' });
    expect(await mine.timeline().count()).toBe(before + 2);
    expect(await main()).toContain('Publier la fiche de poste ASE de Béthune');
    expect(await main()).toContain('Ouvrir un poste d’ASE à Béthune à la campagne de mobilité');
  });

  it('Given the officer on a phone, when recording a visit’s observation, then it turns into a draft demand', async () => {
    page = await as(DEMO.officer, PHONE);
    const visite = await new VisitePage(page).open();
    await visite.startVisit(BETHUNE, '2024-03-01');
    expect(await page.getByRole('status').textContent()).toContain('Visite commencée');
    const text = 'Le bureau des ASE n’a toujours qu’une prise réseau filaire pour trois postes.';
    await visite.observe('Locaux et sécurité', 'Difficulté (appelle une revendication)', text);
    expect(await page.getByRole('status').textContent()).toContain('Observation enregistrée');
    await look('parcours-visite');
    await visite.turnIntoDrafts([text]);
    expect(await page.getByRole('status').textContent()).toContain('Brouillon de revendication créé');
    const card = page.locator('article', { hasText: text });
    expect(await card.textContent()).toContain('(brouillon)');
    await look('parcours-visite-brouillon');
    await Promise.all([page.waitForLoadState('load'), card.getByRole('link').click()]);
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/revendications\//);
    expect(await new FichePage(page).status()).toContain('Brouillon');
    await look('parcours-brouillon');
    // The draft goes on from its page: raised, it is then to be addressed to management.
    const draft = new FichePage(page);
    const raise = await draft.action('Soulever la revendication');
    expect(await draft.submit(raise, 'Soulever la revendication')).toEqual({ status: 303, errors: '' });
    expect(await draft.status()).toContain('Soulevée');
    expect(await page.getByRole('status').first().textContent()).toContain('Revendication soulevée');
  });

  it('When looking at Béthune as of 1 March 2024, then the page says so and shows that day’s state', async () => {
    page = await as(DEMO.officer);
    await page.goto('/antennes/ant-bethune');
    const asOf = new AsOfPanel(page);
    await asOf.show('2024-03-01');
    expect(await asOf.banner()).toContain('Vous consultez l’état au 1er mars 2024');
    // The response of 2 April 2024 had not happened yet on 1 March.
    expect(await page.locator('table', { hasText: 'Par statut' }).textContent()).not.toContain(
      'Réponse reçue',
    );
    await look('parcours-antenne-1er-mars-2024');
    await asOf.show('2024-03-01', true);
    expect(await asOf.banner()).toContain('tel que connu alors');
    await look('parcours-antenne-1er-mars-2024-connu');
    await page.goto(`${ficheUrl}?asOf=2024-03-01`);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
    await look('parcours-fiche-1er-mars-2024');
  });

  it('When downloading the next CSA’s dossier, then it is a PDF', async () => {
    page = await as(DEMO.officer);
    await page.goto('/');
    await follow(/Prochaine séance|CSA/);
    expect(new URL(page.url()).pathname).toMatch(/^\/instances\/[^/]+$/);
    await look('parcours-prochaine-instance');
    const link = page.getByRole('link', { name: 'Télécharger le dossier (PDF)' });
    // The same address with the page's cookies first: if it fails, the answer says why.
    const answer = await page.request.get((await link.getAttribute('href')) ?? '');
    expect({ status: answer.status(), body: answer.ok() ? '' : await answer.text() }).toEqual({
      status: 200,
      body: '',
    });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('Given the observer, when reading the same pages, then no form to write with', async () => {
    page = await as(DEMO.observer);
    for (const path of ['/', '/antennes/ant-bethune', ficheUrl, '/revendications', '/visite']) {
      await page.goto(path);
      expect({ path, forms: await page.locator('main form[method="post"]').count() }).toEqual({
        path,
        forms: 0,
      });
    }
    await page.goto(ficheUrl);
    expect(await main()).toContain('lecture seule');
    await look('parcours-fiche-lecteur');
  });

  it('When a form is sent without its CSRF token, then 403 in French and nothing recorded', async () => {
    page = await as(DEMO.officer);
    await page.goto(ficheUrl);
    const fiche = new FichePage(page);
    const before = await fiche.timeline().count();
    const form = await fiche.fillResponse({
      stance: 'Accord',
      text: 'Sans jeton, ceci ne doit pas être enregistré.',
      authorRole: 'DFSPIP',
      respondedAt: '2024-04-10',
    });
    await form.locator('input[name="_csrf"]').evaluate((input) => input.remove());
    expect((await fiche.submit(form, 'Enregistrer la réponse')).status).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Formulaire refusé');
    expect(await main()).toContain('rien n’a été enregistré');
    await look('parcours-csrf-refuse');
    await page.goto(ficheUrl);
    expect(await fiche.timeline().count()).toBe(before);
    expect(await main()).not.toContain('Sans jeton');
  });
});
