import { createParamDecorator, type ExecutionContext, PreconditionFailedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Request } from 'express';
import { type CommandContext } from '../commands/command-context.js';

/** The authenticated account, once authentication has run (set by the auth guard). */
export type RequestUser = { id: string; role: string; organisationId: string; sectionUnitIds: string[] };

/** Who acts: the authenticated account. Before accounts exist, the `X-Actor` header names a role for the trail. */
export const actorOf = (request: Request): string => {
  const user = (request as Request & { user?: RequestUser }).user;
  if (user) return user.id;
  const header = request.header('x-actor');
  return header && /^[\p{L}\p{N} ._@'-]{1,80}$/u.test(header) ? header : 'anonymous';
};

/** `If-Match: "<revision>"` (or W/"<revision>"); `*` means no precondition. */
export const expectedRevisionOf = (request: Request): bigint | undefined => {
  const header = request.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,18})"?\s*$/.exec(header);
  if (!match?.[1]) throw new PreconditionFailedException('If-Match must be a quoted revision, e.g. "3"');
  return BigInt(match[1]);
};

export const commandContextOf = (request: Request): CommandContext => ({
  actorId: actorOf(request),
  correlationId: request.header('x-correlation-id')?.slice(0, 100) ?? randomUUID(),
  idempotencyKey: request.header('idempotency-key'),
  idempotencyScope: `${actorOf(request)} ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
  expectedRevision: expectedRevisionOf(request),
});

/** Controller parameter: the command context of the current request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<Request>()),
);
