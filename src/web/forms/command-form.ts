import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type Request } from 'express';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { commandContextOf, type RequestUser } from '../../infrastructure/http/request-context.js';
import { type FieldError } from './form.js';

/** Hidden fields every command form carries besides the CSRF token. */
export const IDEMPOTENCY_FIELD = '_idem';
export const REVISION_FIELD = '_revision';

/** A fresh idempotency key, made when the form is rendered: a double click or a resend records once. */
export const newFormKey = (): string => randomUUID();

/**
 * The command context of a posted form: who acts (from the session, as the API does), the idempotency key the
 * form was rendered with, and the revision it saw (If-Match) when the command takes one.
 */
export const formContext = (
  request: Request,
  values: Record<string, string>,
  options: { revision?: boolean; keySuffix?: string } = {},
): CommandContext => {
  const base = commandContextOf(request);
  const key = values[IDEMPOTENCY_FIELD];
  const idempotencyKey =
    key && /^[A-Za-z0-9-]{8,64}$/.test(key)
      ? `${key}${options.keySuffix ? `:${options.keySuffix}` : ''}`
      : undefined;
  const revision = values[REVISION_FIELD];
  return {
    ...base,
    idempotencyKey,
    expectedRevision:
      options.revision && revision !== undefined && /^\d{1,18}$/.test(revision)
        ? BigInt(revision)
        : undefined,
  };
};

/**
 * The API's own DTO checks (class-validator) on the request a page built, as a safety net behind the page's French
 * checks: any field they still refuse gets the French message given for it (or a plain one).
 */
export const dtoErrors = async <T extends object>(
  type: new () => T,
  plain: object,
  messages: Readonly<Record<string, string>> = {},
): Promise<{ request: T; errors: FieldError[] }> => {
  const request = plainToInstance(type, plain);
  const failures = await validate(request, { whitelist: true, forbidNonWhitelisted: true });
  return {
    request,
    errors: failures.map((failure) => ({
      field: failure.property,
      message: messages[failure.property] ?? 'Cette valeur n’est pas acceptée : vérifiez-la',
    })),
  };
};

/** Whether the account may write to a unit (antenna) given its chain of parents: the same rule as the commands. */
export const mayWriteTo = (user: RequestUser | undefined, unitIds: readonly string[]): boolean => {
  if (!user || user.role === 'observer') return false;
  if (user.sectionUnitIds === 'all') return true;
  const sections = user.sectionUnitIds;
  return unitIds.some((id) => sections.includes(id));
};

/** Today in Paris (YYYY-MM-DD): the default day of a visit or an observation. */
export const parisToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
