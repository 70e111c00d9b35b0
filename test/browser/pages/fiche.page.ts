import { type Locator, type Page, type Response } from 'playwright-core';

/** What an officer types in "Enregistrer la réponse de l’administration". */
export type ResponseForm = {
  stance?: string;
  text?: string;
  authorRole?: string;
  channel?: string;
  respondedAt?: string;
};

/** Fiche revendication: the timeline and one short form per action, selected by label and role. */
export class FichePage {
  constructor(readonly page: Page) {}

  heading(): Promise<string | null> {
    return this.page.getByRole('heading', { level: 1 }).textContent();
  }

  /** The timeline's entries (one per recorded event). */
  timeline(): Locator {
    return this.page.locator('ol.timeline > li');
  }

  status(): Promise<string | null> {
    return this.page.locator('.status-line .badge').first().textContent();
  }

  /** The action's details element (its summary is the action's title), opened. */
  async action(title: string): Promise<Locator> {
    const details = this.page.locator('details.action', {
      has: this.page.locator('summary', { hasText: title }),
    });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  }

  async fillResponse(values: ResponseForm): Promise<Locator> {
    const form = await this.action('Enregistrer la réponse de l’administration');
    if (values.stance) await form.getByRole('radio', { name: values.stance, exact: true }).check();
    if (values.text !== undefined) await form.getByLabel('Ses mots exacts').fill(values.text);
    if (values.authorRole !== undefined)
      await form.getByLabel('Qui a répondu (fonction)').fill(values.authorRole);
    if (values.channel) await form.getByLabel('Par quel moyen').selectOption({ label: values.channel });
    if (values.respondedAt) await form.getByLabel('Date de la réponse').fill(values.respondedAt);
    return form;
  }

  async fillCommitment(deliverable: string, owner: string, dueAt: string): Promise<Locator> {
    const form = await this.action('Enregistrer un engagement');
    await form.getByLabel('Ce qui est promis').fill(deliverable);
    await form.getByLabel('Qui s’engage').fill(owner);
    await form.getByLabel('Pour quand').fill(dueAt);
    return form;
  }

  /**
   * Clicks the form's button and waits for the page the server answers with (redirect or re-render): its status,
   * and the error messages it shows (empty when none), so that a failed step says why.
   */
  async submit(form: Locator, button: string): Promise<{ status: number; errors: string }> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r: Response) => r.request().method() === 'POST'),
      form.getByRole('button', { name: button }).click(),
    ]);
    await this.page.waitForLoadState('load');
    const errors = await this.page.locator('.error-summary, .error-message').allTextContents();
    return { status: response.status(), errors: errors.join(' | ') };
  }
}
