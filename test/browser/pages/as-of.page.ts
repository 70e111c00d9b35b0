import { type Page } from 'playwright-core';

/** The "État au…" panel on the overview, an antenna or a demand. */
export class AsOfPanel {
  constructor(readonly page: Page) {}

  /** Shows the page as it was on `day` (YYYY-MM-DD); `knownThen`: as the union knew it that day. */
  async show(day: string, knownThen = false): Promise<void> {
    const panel = this.page.locator('section.as-of');
    await panel.getByLabel('État au').fill(day);
    const known = panel.getByLabel('tel que connu alors');
    if (knownThen) await known.check();
    else await known.uncheck();
    await Promise.all([
      this.page.waitForURL((url) => url.searchParams.get('asOf') === day),
      panel.getByRole('button', { name: 'Afficher' }).click(),
    ]);
  }

  banner(): Promise<string | null> {
    return this.page.locator('section.as-of [role="status"]').textContent();
  }
}
