import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type RequestHandler } from 'express';
import { type Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';

/** A caller's X-Request-Id is kept when it is a short token; anything else is replaced by a fresh UUID. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{1,100}$/;

/**
 * The request's correlation id: X-Request-Id when the caller sent an acceptable one (X-Correlation-Id is read too),
 * else a new UUID. Assigned once per request (by the access log), returned in the X-Request-Id response header,
 * in every problem+json, and recorded as the `correlationId` of the events the request records.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const assigned = (request as IncomingMessage & { id?: unknown }).id;
  if (typeof assigned === 'string') return assigned;
  for (const name of ['x-request-id', 'x-correlation-id']) {
    const value = request.headers[name];
    if (typeof value === 'string' && ACCEPTABLE_ID.test(value)) return value;
  }
  return randomUUID();
}

type Routed = IncomingMessage & {
  originalUrl?: string;
  route?: { path?: string };
  baseUrl?: string;
  user?: { organisationId?: string };
};

/** The route pattern (`/api/demands/:id`), not the URL: ids stay out of the access log's grouping. */
const routeOf = (request: Routed): string =>
  request.route?.path !== undefined
    ? `${request.baseUrl ?? ''}${request.route.path}`
    : (request.originalUrl ?? request.url ?? '').split('?')[0] || '/';

/**
 * One access-log line per request, written when the response is finished (pino-http): method, route, status,
 * duration, organisation of the account, correlation id. /health answers are logged at debug level only.
 */
export function accessLog(logger: Pino): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = correlationIdOf(request);
      response.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      if ((request.url ?? '').startsWith('/health')) return 'debug';
      return response.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessMessage: (request, response, duration) =>
      `${request.method} ${routeOf(request as Routed)} ${response.statusCode} ${Math.round(duration)} ms`,
    customErrorMessage: (request, response) =>
      `${request.method} ${routeOf(request as Routed)} ${response.statusCode}`,
    customProps: (request, response) => {
      const routed = request as Routed;
      return {
        method: request.method,
        route: routeOf(routed),
        status: response.statusCode,
        organisation: routed.user?.organisationId,
      };
    },
  });
  return middleware;
}
