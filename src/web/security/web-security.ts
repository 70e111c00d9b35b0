import { Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import { type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { correlationIdOf } from '../../infrastructure/logging/access-log.js';
import { SESSION_COOKIE } from '../../accounts/access.guard.js';
import { AppConfig } from '../../config/app-config.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type CookieRequest = Request & { cookies?: Record<string, string>; id?: string };

/** The request id: the caller's X-Request-Id when it looks like one, else a new one; printed on error pages. */
export const requestIdOf = (request: Request): string => (request as CookieRequest).id ?? 'inconnu';

/**
 * Cross-site request forgery defence (csrf-csrf, double-submit cookie bound to the session) plus an Origin check.
 * - Web forms (every unsafe method outside /api): a valid token in the `_csrf` field (or X-CSRF-Token header)
 *   AND, when the browser sends one, an Origin of this site; Sec-Fetch-Site "cross-site" is refused too.
 * - The JSON API authenticated by the session cookie: a valid token in X-CSRF-Token OR an Origin of this site.
 * - The JSON API with a bearer token (or no credentials at all, left to the access guard): unchanged.
 * A refusal is 403 and nothing runs behind it.
 */
@Injectable()
export class WebSecurity {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly extraOrigins: Set<string>;

  constructor(config: AppConfig) {
    const secret = config.JWT_SECRET ?? randomBytes(32).toString('base64url');
    const secure = config.NODE_ENV === 'production';
    this.extraOrigins = new Set(
      config.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    );
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (request) => (request as CookieRequest).cookies?.[SESSION_COOKIE] ?? '',
      cookieName: secure ? '__Host-csrf' : 'csrf',
      cookieOptions: { sameSite: 'strict', secure, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (request) => {
        const body = request.body as Record<string, unknown> | undefined;
        const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
        return typeof field === 'string' ? field : request.header(CSRF_HEADER);
      },
    });
  }

  /** A token for the forms of the page being rendered (sets or reuses the CSRF cookie). */
  tokenFor(request: Request, response: Response): string {
    return this.csrf.generateCsrfToken(request, response);
  }

  /** Express middleware: request id, then the CSRF and Origin checks described above. */
  middleware(onRefused: (request: Request, response: Response, reason: string) => void) {
    return (request: Request, response: Response, next: NextFunction): void => {
      // The access log has assigned the correlation id already; this only fills it in where that did not run.
      const id = correlationIdOf(request);
      (request as CookieRequest).id = id;
      if (!response.hasHeader('X-Request-Id')) response.setHeader('X-Request-Id', id);
      const api = request.path.startsWith('/api/') || request.path === '/api';
      // Pages send their Origin on same-site form posts (helmet's no-referrer would make it "null").
      if (!api) response.setHeader('Referrer-Policy', 'same-origin');
      if (!UNSAFE.has(request.method)) return next();
      const cookies = (request as CookieRequest).cookies ?? {};
      const bearer = request.header('authorization')?.startsWith('Bearer ') === true;
      if (api && (bearer || !cookies[SESSION_COOKIE])) return next();
      const origin = this.originVerdict(request);
      if (origin === 'foreign') return onRefused(request, response, 'origin');
      const tokenOk = this.csrf.validateRequest(request);
      if (api ? tokenOk || origin === 'same' : tokenOk) return next();
      onRefused(request, response, 'token');
    };
  }

  /** same: the Origin (or Sec-Fetch-Site) says this site; foreign: another site; unknown: the browser said nothing. */
  private originVerdict(request: Request): 'same' | 'foreign' | 'unknown' {
    // Sec-Fetch-Site is set by the browser itself (a page cannot forge it); Origin may be "null" under a strict
    // referrer policy, so the fetch metadata decides first.
    const site = request.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') return 'foreign';
    if (site === 'same-origin') return 'same';
    const origin = request.header('origin');
    if (origin === undefined) return 'unknown';
    const own = `${request.protocol}://${request.get('host') ?? ''}`;
    return origin === own || this.extraOrigins.has(origin) ? 'same' : 'foreign';
  }
}
