import { Injectable } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { userOf } from '../infrastructure/http/request-context.js';
import { roleLabel } from './i18n/fr.js';
import { type Layout, type NavKey, renderPage } from './render/render.js';
import { WebSecurity } from './security/web-security.js';

/** Builds the layout of a page for the logged-in account (or none) and renders a template inside it. */
@Injectable()
export class Pages {
  constructor(private readonly security: WebSecurity) {}

  async layout(
    request: Request,
    response: Response,
    title: string,
    nav: NavKey | null,
    flash?: string | null,
  ): Promise<Layout> {
    const user = userOf(request);
    return {
      title,
      nav,
      flash: flash ?? null,
      csrfToken: this.security.tokenFor(request, response),
      user: user
        ? {
            name: user.displayName || user.email,
            email: user.email,
            roleLabel: roleLabel(user.role),
            isAdmin: user.role === 'admin',
            canWrite: user.role !== 'observer',
          }
        : null,
    };
  }

  /** Renders `template` with its view model, as text/html, with the given status. */
  async render<P>(
    request: Request,
    response: Response,
    template: string,
    options: { title: string; nav: NavKey | null; flash?: string | null; status?: number },
    page: P,
  ): Promise<void> {
    const layout = await this.layout(request, response, options.title, options.nav, options.flash);
    response
      .status(options.status ?? 200)
      .type('html')
      .setHeader('Cache-Control', 'no-store');
    response.send(renderPage(template, layout, page));
  }
}
