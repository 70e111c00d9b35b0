import { type NestExpressApplication } from '@nestjs/platform-express';
import { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppConfig } from '../config/app-config.js';
import { DATABASE, type Database } from '../infrastructure/database/database.js';
import { SqlRateLimitStore } from '../infrastructure/http/sql-rate-limit-store.js';
import { connexionPage } from './connexion/connexion.view.js';
import { formState } from './forms/form.js';
import { type Layout, renderPage } from './render/render.js';
import { requestIdOf, WebSecurity } from './security/web-security.js';

const anonymous = (title: string, csrfToken: string): Layout => ({ title, nav: null, user: null, csrfToken });

/**
 * What the web interface adds to the HTTP pipeline, before any route: urlencoded form bodies, the request id,
 * the CSRF and Origin checks (web forms and cookie-authenticated API writes), and the login rate limit on the
 * connexion form (the same counter as POST /api/auth/login).
 */
export function configureWeb(app: NestExpressApplication): void {
  const security = app.get(WebSecurity);
  const config = app.get(AppConfig);
  app.useBodyParser('urlencoded', { extended: false, limit: '100kb', parameterLimit: 1000 });
  app.use(
    security.middleware((request: Request, response: Response, reason: string) => {
      response.setHeader('Cache-Control', 'no-store');
      if (request.path.startsWith('/api/')) {
        response
          .status(403)
          .type('application/problem+json')
          .send(
            JSON.stringify({
              type: 'about:blank',
              title: 'Accès refusé',
              status: 403,
              code: 'REQUEST.CSRF',
              detail:
                reason === 'origin'
                  ? 'Requête envoyée depuis un autre site : refusée'
                  : 'Requête authentifiée par cookie sans jeton CSRF (en-tête X-CSRF-Token) ni Origin de ce site',
            }),
          );
        return;
      }
      const page = {
        status: 403,
        heading: 'Formulaire refusé',
        message:
          'Ce formulaire a expiré ou ne vient pas de cette application : rien n’a été enregistré. ' +
          'Revenez à la page, rechargez-la, puis envoyez-le à nouveau.',
        requestId: requestIdOf(request),
      };
      response
        .status(403)
        .type('html')
        .send(renderPage('errors/error', anonymous(page.heading, ''), page));
    }),
  );
  app.use(
    '/connexion',
    rateLimit({
      store: new SqlRateLimitStore(app.get<Database>(DATABASE), 'login:'),
      windowMs: 60_000,
      limit: config.LOGIN_RATE_LIMIT,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skipSuccessfulRequests: true,
      skip: (request) => request.method !== 'POST',
      handler: (request, response) => {
        const layout = anonymous('Connexion', security.tokenFor(request, response));
        const page = connexionPage(formState('connexion', { suite: '/' }), 'locked');
        response
          .status(429)
          .type('html')
          .send(renderPage('connexion/connexion', layout, page));
      },
    }),
  );
}
