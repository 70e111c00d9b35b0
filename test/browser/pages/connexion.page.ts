import { type Page } from 'playwright-core';

export const DEMO = {
  officer: 'delegue@demo.local',
  observer: 'lecteur@demo.local',
  admin: 'admin@demo.local',
  password: 'demo',
};

/** Connexion page: selects by label and role, as a person would. */
export class ConnexionPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/connexion');
    return this;
  }

  async fill(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByLabel('Mot de passe', { exact: true }).fill(password);
  }

  async submit(): Promise<void> {
    await Promise.all([
      this.page.waitForLoadState('load'),
      this.page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
  }

  async logIn(email: string, password = DEMO.password): Promise<void> {
    await this.open();
    await this.fill(email, password);
    await Promise.all([
      this.page.waitForURL((url) => !url.pathname.startsWith('/connexion')),
      this.page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
  }

  async logOut(): Promise<void> {
    await this.page.locator('details.account summary').click();
    await Promise.all([
      this.page.waitForURL(/\/connexion/),
      this.page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
  }
}
