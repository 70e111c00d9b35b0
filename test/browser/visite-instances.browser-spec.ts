import { jest } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type RunningApp, startApp } from './support/browser-app.js';
import { checkPage, launchBrowser, newContext, PHONE } from './support/browser.js';
import { ConnexionPage, DEMO } from './pages/connexion.page.js';
import { VisitePage } from './pages/visite.page.js';

jest.setTimeout(180_000);

/** The part of the journey on the Visite, Instances, Intégrité and Administration pages (issue 9, part B). */
describe('Visite, Instances, Intégrité, Administration (browser, app started as the README starts it)', () => {
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

  const as = async (email: string, viewport = PHONE): Promise<Page> => {
    context = await newContext(browser, app.url, viewport);
    page = await context.newPage();
    await new ConnexionPage(page).logIn(email);
    return page;
  };
  const writeForms = () => page.locator('main form[method="post"]');

  it('Given the officer on a phone, when recording an observation (a mistake first) and turning it into a draft, then it is saved once and linked', async () => {
    await as(DEMO.officer);
    const visite = await new VisitePage(page).open();
    await checkPage(page, 'visite-accueil');
    await visite.startVisit('ALIP MO de Béthune', '2024-03-01');
    expect(await page.getByRole('status').textContent()).toContain('Visite commencée');
    await visite.observe('Locaux et sécurité', 'Difficulté (appelle une revendication)', '');
    expect(await page.locator('#obs-text-error').textContent()).toContain('Écrivez ce que vous avez observé');
    expect(await page.locator('.error-summary').textContent()).toContain('rien n’a été enregistré');
    await checkPage(page, 'visite-erreur');
    const text = 'Porte du local d’entretien sans serrure depuis janvier. Signalé deux fois au secrétariat.';
    await visite.observe('', 'Difficulté (appelle une revendication)', text);
    expect(await page.getByRole('status').textContent()).toContain('Observation enregistrée');
    expect(await page.locator('article', { hasText: text }).count()).toBe(1);
    await visite.observe('Ressources humaines', 'Point positif', 'Très bonne entraide dans l’équipe.');
    await checkPage(page, 'visite-saisie');
    await visite.turnIntoDrafts([text]);
    expect(await page.getByRole('status').textContent()).toContain('Brouillon de revendication créé');
    const card = page.locator('article', { hasText: text });
    expect(await card.textContent()).toContain(
      'Reprise dans la revendication « Porte du local d’entretien sans serrure depuis janvier. »',
    );
    expect(await card.textContent()).toContain('(brouillon)');
    expect(
      await page
        .locator('article', { hasText: 'Très bonne entraide' })
        .getByLabel('En faire une revendication')
        .count(),
    ).toBe(0);
    await page.locator('article', { hasText: text }).getByRole('link').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/revendications\//);
  });

  it('Given the officer, when opening the next CSA, then its page says what is due and its dossier downloads as a PDF', async () => {
    await as(DEMO.officer, { width: 1280, height: 900 });
    await page.goto('/instances');
    await checkPage(page, 'instances');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('link', { name: 'Préparer la séance et le dossier' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('CSA');
    await checkPage(page, 'instance-seance');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le dossier (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto('/instances/mtg-csa-spip62-2023-10-13');
    expect(await page.locator('main').textContent()).toContain('Procès-verbal');
    await checkPage(page, 'instance-tenue');
  });

  it('Given anyone, when checking the digest printed on a dossier, then Intégrité says whether it matches', async () => {
    await as(DEMO.observer);
    await page.goto('/integrite');
    expect(await page.getByRole('heading', { name: 'Historique intact' }).count()).toBe(1);
    await checkPage(page, 'integrite');
    const digest = (await page.locator('.digest').first().textContent())?.trim() ?? '';
    await page.getByLabel('Empreinte du dossier').fill(digest);
    await page.getByLabel('Arrêté au').fill(new Date(Date.now() + 60_000).toISOString());
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Vérifier' }).click(),
    ]);
    expect(await page.locator('main').textContent()).toContain('Empreinte vérifiée');
    await page.getByLabel('Empreinte du dossier').fill('0'.repeat(64));
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Vérifier' }).click(),
    ]);
    expect(await page.locator('main').textContent()).toContain('Empreinte différente');
    await checkPage(page, 'integrite-verification');
  });

  it('Given the observer, when reading Visite, Instances and Intégrité, then no form to write with; Administration is refused', async () => {
    await as(DEMO.observer);
    for (const path of [
      '/visite',
      '/visite/visit-bethune-2024-01-25',
      '/instances',
      '/instances/mtg-csa-spip62-next',
      '/integrite',
    ]) {
      await page.goto(path);
      expect({ path, forms: await writeForms().count() }).toEqual({ path, forms: 0 });
    }
    await checkPage(page, 'integrite-lecteur');
    await page.goto('/visite/visit-bethune-2024-01-25');
    await checkPage(page, 'visite-lecteur');
    const refused = await page.goto('/administration');
    expect(refused?.status()).toBe(403);
  });

  it('Given the admin, when creating a section and an officer of Longuenesse only, then that officer gets forms only for Longuenesse', async () => {
    await as(DEMO.admin, { width: 1280, height: 900 });
    await page.goto('/administration');
    await checkPage(page, 'administration');
    await page.getByText('Créer une section').click();
    await page.getByLabel('Nom de la section').fill('Section Longuenesse');
    await page.getByLabel('Identifiant').fill('section-longuenesse');
    await page.getByLabel('ALIP du CP de Longuenesse').check();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Créer la section' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('Section créée');
    await page.getByText('Créer un compte').click();
    await page.getByLabel('Nom affiché').fill('Déléguée Longuenesse');
    await page.getByLabel('Adresse e-mail').fill('longuenesse@demo.local');
    await page.getByLabel('Mot de passe provisoire').fill('un mot de passe sûr');
    await page.getByRole('checkbox', { name: 'Section Longuenesse' }).check();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Créer le compte' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('Compte créé');
    await context.close();

    context = await newContext(browser, app.url, PHONE);
    page = await context.newPage();
    await new ConnexionPage(page).logIn('longuenesse@demo.local', 'un mot de passe sûr');
    await page.goto('/visite/visit-bethune-2024-01-25');
    expect(await writeForms().count()).toBe(0);
    await page.goto('/visite/visit-longuenesse-2024-01-24');
    expect(await page.getByRole('button', { name: 'Enregistrer l’observation' }).count()).toBe(1);
  });
});
