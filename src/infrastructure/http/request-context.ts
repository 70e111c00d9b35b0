import { createParamDecorator, type ExecutionContext, PreconditionFailedException } from '@nestjs/common';
import { type Request } from 'express';
import { type CommandContext } from '../commands/command-context.js';
import { correlationIdOf } from '../logging/access-log.js';

/** The authenticated account (set by the access guard on every non-public route). */
export type RequestUser = {
  id: string;
  email: string;
  role: 'admin' | 'officer' | 'observer';
  organisationId: string;
  /** Unit ids (SPIPs, antennas) the account may write to; 'all' for admins. */
  sectionUnitIds: string[] | 'all';
};

export const userOf = (request: Request): RequestUser | undefined =>
  (request as Request & { user?: RequestUser }).user;

/** Who acts: always the authenticated account, never a field of the body. */
export const actorOf = (request: Request): string => userOf(request)?.id ?? 'anonymous';

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
  organisationId: userOf(request)?.organisationId,
  writableUnitIds: userOf(request)?.sectionUnitIds,
  correlationId: correlationIdOf(request),
  idempotencyKey: request.header('idempotency-key'),
  idempotencyScope: `${actorOf(request)} ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
  expectedRevision: expectedRevisionOf(request),
});

/** Controller parameter: the command context of the current request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<Request>()),
);

/** Controller parameter: the organisation of the authenticated account (undefined only for system callers). */
export const Org = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    userOf(context.switchToHttp().getRequest<Request>())?.organisationId,
);
