import { jest } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type RunningApp, startApp } from './support/browser-app.js';
import { checkPage, launchBrowser, newContext } from './support/browser.js';
import { ConnexionPage, DEMO } from './pages/connexion.page.js';

jest.setTimeout(120_000);

describe('Connexion (browser, app started as the README starts it)', () => {
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
  beforeEach(async () => {
    context = await newContext(browser, app.url);
    page = await context.newPage();
  });
  afterEach(async () => context?.close());

  it('Given no session, when opening /, then the connexion page, in French, accessible at 390 and 1280 px', async () => {
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
    await checkPage(page, 'connexion');
  });

  it('When the password is wrong, then one French message that does not say whether the account exists', async () => {
    const connexion = await new ConnexionPage(page).open();
    await connexion.fill(DEMO.officer, 'pas-le-bon');
    await connexion.submit();
    const known = await page.getByRole('alert').textContent();
    await connexion.fill('personne@demo.local', 'pas-le-bon');
    await connexion.submit();
    const unknown = await page.getByRole('alert').textContent();
    expect(known).toContain('Adresse e-mail ou mot de passe incorrect');
    expect(unknown).toBe(known);
    await checkPage(page, 'connexion-refusee');
  });

  it('When empty, then a message beside each field and an error summary', async () => {
    const connexion = await new ConnexionPage(page).open();
    await connexion.submit();
    expect(await page.locator('.error-summary').textContent()).toContain('Saisissez votre adresse e-mail');
    expect(await page.locator('#connexion-email-error').textContent()).toContain(
      'Saisissez votre adresse e-mail',
    );
    expect(await page.locator('#connexion-password-error').textContent()).toContain(
      'Saisissez votre mot de passe',
    );
  });

  it('When logging in then out, then back at the connexion page with a confirmation; the old cookie no longer opens a page', async () => {
    const connexion = new ConnexionPage(page);
    await connexion.logIn(DEMO.officer);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).textContent()).toContain(
      'Revendications',
    );
    await connexion.logOut();
    expect(await page.getByRole('status').textContent()).toContain('déconnecté');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/connexion');
  });

  it('Given the password change page, when the current password is wrong, then a French message beside it', async () => {
    await new ConnexionPage(page).logIn(DEMO.observer);
    await page.goto('/mot-de-passe');
    await page.getByLabel('Mot de passe actuel').fill('faux');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('une phrase assez longue');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('une phrase assez longue');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    expect(await page.locator('#mdp-current-error').textContent()).toContain(
      'Le mot de passe actuel est incorrect',
    );
    await checkPage(page, 'mot-de-passe');
  });
});
