import { type Locator, type Page } from 'playwright-core';

/** "Préparer le dossier" (/instances/:id/dossier): selects by label and role, as a person would. */
export class DossierCompositionPage {
  constructor(readonly page: Page) {}

  /** From the meeting page, through its "Préparer le dossier" button. */
  async openFrom(meetingPath: string): Promise<this> {
    await this.page.goto(meetingPath);
    await Promise.all([
      this.page.waitForLoadState('load'),
      this.page.getByRole('link', { name: 'Préparer le dossier' }).click(),
    ]);
    return this;
  }

  /** The card of one demand (its title is the label of its checkbox). */
  demand(title: string): Locator {
    return this.page.locator('li.composition-item', { hasText: title });
  }

  async pick(title: string, picked: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: title }).setChecked(picked);
  }

  async rank(title: string, rank: string): Promise<void> {
    await this.page.getByLabel(`Rang de « ${title} »`).fill(rank);
  }

  async asQuestion(title: string, asked: boolean): Promise<void> {
    await this.demand(title)
      .getByRole('checkbox', { name: 'La poser en question diverse' })
      .setChecked(asked);
  }

  async statement(text: string): Promise<void> {
    await this.page.getByLabel('Texte de la déclaration').fill(text);
  }

  async compose(): Promise<void> {
    await Promise.all([
      this.page.waitForLoadState('load'),
      this.page.getByRole('button', { name: 'Enregistrer la composition' }).click(),
    ]);
  }

  async issue(): Promise<void> {
    await Promise.all([
      this.page.waitForLoadState('load'),
      this.page.getByRole('button', { name: 'Émettre le dossier' }).click(),
    ]);
  }
}
