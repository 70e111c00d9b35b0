import { type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC } from '../../accounts/roles.js';

/**
 * The API description (/api/docs, /api/docs-json), completed in one place rather than on 74 controllers
 * (ADR 0018): every operation names its security (`[]` for the @Public ones, read from the same metadata the
 * access guard reads), its problem+json 4xx answers (one shared Problem schema), and `min`/`max` become
 * OpenAPI's `minimum`/`maximum`. `redocly lint` (recommended rules) passes on the result.
 */

type Operation = {
  operationId?: string;
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
  summary?: string;
  tags?: string[];
  description?: string;
};

const PROBLEM = '#/components/schemas/Problem';
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: PROBLEM } } },
});
const RESPONSES: Record<string, string> = {
  '400': 'Invalid request: `errors` names each bad field',
  '401': 'Authentication required (Bearer token or session cookie)',
  '403': 'Not allowed for this account (role, section or organisation)',
  '404': 'Not found (or outside the organisation)',
  '409': 'Conflict with the current state (e.g. the demand is already closed)',
  '412': 'The resource changed since the revision given in If-Match',
  '422': 'Not possible in the current state',
  '429': 'Too many requests',
};
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const SECURED: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

/** `Controller_method` operation ids of the routes marked @Public (on the method or its controller). */
function publicOperations(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true) ids.add(`${type.name}_${name}`);
      }
    }
  }
  return ids;
}

/** `min`/`max` are not OpenAPI keywords: `minimum`/`maximum` are. Everywhere in the schemas and parameters. */
function renameBounds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(renameBounds);
  if (typeof node !== 'object' || node === null) return;
  const object = node as Record<string, unknown>;
  for (const [from, to] of [
    ['min', 'minimum'],
    ['max', 'maximum'],
  ] as const) {
    if (typeof object[from] === 'number') {
      object[to] ??= object[from];
      delete object[from];
    }
  }
  Object.values(object).forEach(renameBounds);
}

export function completeDocument(
  document: OpenAPIObject,
  publicIds: Set<string>,
  serverUrl: string,
): OpenAPIObject {
  document.servers = [{ url: serverUrl, description: 'this instance' }];
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details, in French for the people who read them',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', example: 'about:blank' },
      title: { type: 'string', example: 'Requête invalide' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string' },
      instance: { type: 'string', example: '/api/demands' },
      code: { type: 'string', description: 'stable machine-readable code', example: 'REQUEST.INVALID' },
      correlationId: { type: 'string', description: 'the request id (X-Request-Id) to quote in the logs' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value;
      const isPublic = publicIds.has(operation.operationId ?? '');
      operation.security = isPublic ? [] : SECURED;
      const codes: string[] = [];
      if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query')) codes.push('400');
      if (!isPublic) codes.push('401', '403');
      if (path.includes('{')) codes.push('404');
      if (WRITES.has(method) && !isPublic) codes.push('409', '422');
      if (operation.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'))
        codes.push('412');
      if (path === '/api/auth/login' || path === '/api/auth/password') codes.push('429');
      if (codes.length === 0) codes.push('400');
      for (const code of codes) operation.responses[code] ??= problem(RESPONSES[code] ?? 'Error');
      operation.summary ??= `${method.toUpperCase()} ${path}`;
    }
  }
  renameBounds(document.components.schemas);
  renameBounds(document.paths);
  return document;
}

export function describeApi(app: INestApplication, serverUrl: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Suivi des revendications — API')
      .setDescription(
        'Event-sourced follow-up of trade-union demands: observations, demands, management responses, commitments.',
      )
      .setVersion('0.1.0')
      .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
      .addBearerAuth(undefined, 'bearer')
      .addCookieAuth('session', undefined, 'cookie')
      .build(),
  );
  return completeDocument(document, publicOperations(app), serverUrl);
}
