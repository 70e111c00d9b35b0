import { Eta } from 'eta';
import { fileURLToPath } from 'node:url';
import * as fr from '../i18n/fr.js';

/** What the layout needs on every page: who is logged in, where we are, the CSRF token of its forms. */
export type NavKey = 'accueil' | 'revendications' | 'instances' | 'visite' | 'integrite' | 'administration';

export type LayoutUser = {
  name: string;
  email: string;
  roleLabel: string;
  isAdmin: boolean;
  /** Officers and admins write; observers read. */
  canWrite: boolean;
};

export type Layout = {
  title: string;
  nav: NavKey | null;
  user: LayoutUser | null;
  csrfToken: string;
  /** A one-line confirmation after a post/redirect/get, announced by screen readers (role="status"). */
  flash?: string | null;
};

/**
 * Eta templates under src/web (copied to dist by nest-cli assets). Every `<%= value %>` is HTML-escaped
 * (autoEscape); `<%~ %>` prints raw HTML and is used only for the layout's body and partials rendered here.
 */
const eta = new Eta({
  views: fileURLToPath(new URL('..', import.meta.url)),
  autoEscape: true,
  autoTrim: [false, 'nl'],
  cache: true,
  defaultExtension: '.eta',
});

export type TemplateData<P> = { layout: Layout; page: P };

/** Renders a page template (e.g. 'accueil/accueil') inside the layout. */
export const renderPage = <P>(template: string, layout: Layout, page: P): string =>
  eta.render(`/${template}`, { layout, page, fr });
