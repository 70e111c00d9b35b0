import { type Page } from 'playwright-core';

/** Visite page (phone first): select by label and role, as a person would. */
export class VisitePage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/visite');
    return this;
  }

  async startVisit(antenna: string, day: string): Promise<void> {
    await this.page.getByLabel('Antenne visitée').selectOption({ label: antenna });
    await this.page.getByLabel('Jour de la visite').fill(day);
    await this.submit('Commencer la visite');
  }

  async observe(theme: string, nature: string, text: string): Promise<void> {
    if (theme) await this.page.getByRole('radio', { name: theme }).check();
    if (nature) await this.page.getByRole('radio', { name: nature }).check();
    await this.page.getByLabel('Ce que vous avez observé').fill(text);
    await this.submit('Enregistrer l’observation');
  }

  async turnIntoDrafts(texts: string[]): Promise<void> {
    for (const text of texts)
      await this.page.locator('article', { hasText: text }).getByLabel('En faire une revendication').check();
    await this.submit('Créer les brouillons de revendication');
  }

  async submit(name: string): Promise<void> {
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('button', { name }).click()]);
  }
}
