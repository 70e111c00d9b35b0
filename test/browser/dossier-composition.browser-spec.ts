import { jest } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DossierCompositionPage } from './pages/dossier-composition.page.js';
import { ConnexionPage, DEMO } from './pages/connexion.page.js';
import { type RunningApp, startApp } from './support/browser-app.js';
import { checkPage, DESK, launchBrowser, newContext } from './support/browser.js';

jest.setTimeout(240_000);

const NEXT = '/instances/mtg-csa-spip62-next';
const ASE = 'Recruter au moins 1 ASE (ratio OR 1 pour 50)';
const OFFICES = 'Nouveaux locaux : bureaux individuels ou open-spaces beaucoup plus réduits';

/** Issue 11 in a browser: the officer prepares the next CSA's dossier from the meeting page, then issues it. */
describe('Préparer le dossier (browser, app started as the README starts it)', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  afterEach(async () => context?.close());

  const as = async (email: string): Promise<Page> => {
    context = await newContext(browser, app.url, DESK);
    page = await context.newPage();
    await new ConnexionPage(page).logIn(email);
    return page;
  };

  it('Given the officer, when composing (a wrong rank first) and issuing, then the issued dossier is offered in four formats', async () => {
    await as(DEMO.officer);
    const dossier = await new DossierCompositionPage(page).openFrom(NEXT);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Préparer le dossier');
    expect(await page.getByRole('checkbox', { name: ASE }).isChecked()).toBe(true);
    await checkPage(page, 'dossier-composition');

    await dossier.rank(ASE, 'premier');
    await dossier.compose();
    expect(await page.locator('.error-summary').textContent()).toContain('rien n’a été enregistré');
    expect(await dossier.demand(ASE).locator('.error-message').textContent()).toContain(
      'indiquez un nombre entier de 1 à 999',
    );
    await checkPage(page, 'dossier-composition-erreur');

    await dossier.rank(ASE, '1');
    await dossier.rank(OFFICES, '2');
    await dossier.asQuestion(ASE, true);
    await dossier.statement('Nous demandons une réponse écrite et datée sur les effectifs.');
    await dossier.compose();
    expect(await page.getByRole('status').textContent()).toContain('Composition enregistrée');
    // The composition as recorded, in the officer's order: rank 1 shared with the first demand listed, which stays
    // first (ties keep the page's order), then the ASE; the offices, moved up to rank 2, come before the ranks 3+.
    const order = (await page.locator('section[aria-labelledby="emettre"] ol > li').allTextContents()).map(
      (text) => text.replace(/\s*question diverse\s*$/, '').trim(),
    );
    expect(order.indexOf(ASE)).toBe(1);
    expect(order.indexOf(OFFICES)).toBeLessThan(4);
    await checkPage(page, 'dossier-composition-composee');

    await dossier.issue();
    expect(await page.getByRole('status').textContent()).toContain('Dossier émis');
    for (const format of ['PDF', 'HTML', 'DOCX', 'CSV'])
      expect(await page.getByRole('link', { name: `${format} du dossier n° 1` }).count()).toBe(1);
    await checkPage(page, 'dossier-emis');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF du dossier n° 1' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('Given the observer, when reading the page, then the proposal, the names and the issued dossiers, but no form', async () => {
    await as(DEMO.observer);
    await page.goto(`${NEXT}/dossier`);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Consultation seule');
    expect(await page.locator('.officer-text').textContent()).toContain(
      'Nous demandons une réponse écrite et datée sur les effectifs.',
    );
    await checkPage(page, 'dossier-composition-lecteur');
  });
});
