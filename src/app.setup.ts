import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { type Logger as Pino } from 'pino';
import { AppConfig } from './config/app-config.js';
import { DATABASE, type Database } from './infrastructure/database/database.js';
import { describeApi } from './infrastructure/http/openapi.js';
import { rejectUnsafeInput } from './infrastructure/http/safe-input.js';
import { SqlRateLimitStore } from './infrastructure/http/sql-rate-limit-store.js';
import { accessLog, correlationIdOf } from './infrastructure/logging/access-log.js';
import { createLogger } from './infrastructure/logging/logger.js';
import { WEB_PATHS } from './web/web-paths.js';
import { configureWeb } from './web/web.setup.js';

/** Everything main.ts applies to the application, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication, logger?: Pino): void {
  // The web pages (src/web) are served outside the /api prefix.
  app.setGlobalPrefix('api', { exclude: ['health', ...WEB_PATHS] });
  const config = app.get(AppConfig);
  // First: every request gets its correlation id (X-Request-Id) and one access-log line.
  app.use(accessLog(logger ?? createLogger(config)));
  if (config.TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY,
    );
  // Helmet's default CSP asks browsers to upgrade every request to https: served over plain http (the README's
  // http://127.0.0.1:3000/), form posts and redirects would then go to an https port nobody listens on. The
  // directive is kept only when the public address is https.
  const https = config.PUBLIC_URL?.startsWith('https:') === true;
  app.use(
    helmet({
      contentSecurityPolicy: https ? true : { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(cookieParser());
  // Failed login attempts per address and minute (express-rate-limit), counted in the database so that every
  // instance shares them (see docs/security.md).
  app.use(
    '/api/auth/login',
    rateLimit({
      store: new SqlRateLimitStore(app.get<Database>(DATABASE), 'login:'),
      windowMs: 60_000,
      limit: config.LOGIN_RATE_LIMIT,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Only failed attempts count: an officer logging in and out is never locked out.
      skipSuccessfulRequests: true,
      handler: (request, response) => {
        response
          .status(429)
          .type('application/problem+json')
          .send(
            JSON.stringify({
              type: 'about:blank',
              title: 'Trop de requêtes',
              status: 429,
              detail: 'Trop de tentatives de connexion depuis cette adresse ; réessayez dans une minute.',
              correlationId: correlationIdOf(request),
            }),
          );
      },
    }),
  );
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // CORS stays closed unless origins are configured.
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true });
  app.useBodyParser('json', { limit: '100kb' });
  configureWeb(app);
  // NUL bytes, lone surrogates and deep nesting: 400 naming the field, before any route (docs/security.md).
  app.use(rejectUnsafeInput);
  app.disable('x-powered-by');
  // Built on the first request of /api/docs or /api/docs-json, not at start (about 0.25 s of scanning every route).
  SwaggerModule.setup('api/docs', app, () => describeApi(app, config.PUBLIC_URL ?? '/'), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
