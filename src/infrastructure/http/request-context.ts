import { createParamDecorator, type ExecutionContext, PreconditionFailedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type Request } from 'express';
import { type CommandContext } from '../commands/command-context.js';
import { correlationIdOf } from '../logging/access-log.js';

/** The authenticated account (set by the access guard on every non-public route). */
export type RequestUser = {
  id: string;
  email: string;
  /** The name people know the account by (set by the access guard). */
  displayName?: string;
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
  if (!match?.[1])
    throw new PreconditionFailedException(
      'If-Match doit être une révision entre guillemets, par exemple "3"',
    );
  return BigInt(match[1]);
};

/** Fingerprint of a request's body: an Idempotency-Key names one request, body included. */
export const requestHashOf = (request: Request): string =>
  createHash('sha256')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');

export const commandContextOf = (request: Request): CommandContext => ({
  actorId: actorOf(request),
  organisationId: userOf(request)?.organisationId,
  writableUnitIds: userOf(request)?.sectionUnitIds,
  correlationId: correlationIdOf(request),
  idempotencyKey: request.header('idempotency-key'),
  // The body's hash too: a key reused with another body once it has expired (IDEMPOTENCY_KEY_TTL_HOURS) names a
  // new request, whose events must not be taken for the old one's.
  idempotencyScope: request.header('idempotency-key')
    ? `${actorOf(request)} ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path} ${requestHashOf(request)}`
    : undefined,
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
