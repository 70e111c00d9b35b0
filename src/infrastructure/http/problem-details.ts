import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  type ValidationError,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DomainError, type DomainErrorKind } from '../../shared/domain-error.js';
import { frenchConstraintMessage } from './validation-messages.fr.js';
import { correlationIdOf } from '../logging/access-log.js';

/** RFC 9457 problem details. `errors` names each bad field. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: { field: string; messages: string[] }[];
  /** The request's correlation id (X-Request-Id): quote it to find the request in the logs. */
  correlationId?: string;
  [extension: string]: unknown;
};

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
};

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  409: 'Conflit avec l’état actuel',
  412: 'La ressource a changé entre-temps',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Requête non traitable',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

/** Details for the framework's own English messages ("Not Found", "Cannot GET /x", "request entity too large"). */
const FRENCH_DEFAULTS: Record<number, string> = {
  400: 'La requête est mal formée',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Aucune ressource à cette adresse',
  405: 'Méthode non permise sur cette adresse',
  406: 'Format de réponse non disponible',
  409: 'La requête entre en conflit avec l’état actuel',
  412: 'La ressource a changé entre-temps',
  413: 'Le corps de la requête est trop volumineux',
  415: 'Type de contenu non pris en charge',
  422: 'La requête ne peut pas être traitée',
  429: 'Trop de requêtes : réessayez plus tard',
  503: 'Service momentanément indisponible',
};

const isFrameworkDefault = (detail: string, exception: HttpException): boolean =>
  detail === exception.name ||
  /^(Cannot [A-Z]+ |Not Found$|Bad Request$|Unauthorized$|Forbidden$|Conflict$|Too Many Requests|Payload Too Large|Unsupported Media Type|Method Not Allowed|Validation failed$|ThrottlerException)/.test(
    detail,
  ) ||
  !/[À-ÿ’«]| (le|la|les|de|du|des|un|une|est|doit|pas|au)\b/.test(detail);

/** Thrown by the validation pipe: one entry per bad field, with a dotted path for nested fields. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: { field: string; messages: string[] }[]) {
    super('Validation failed');
  }
}

export const flattenValidationErrors = (
  errors: ValidationError[],
  parent = '',
): { field: string; messages: string[] }[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [
          {
            field,
            messages: Object.entries(error.constraints).map(([constraint, message]) =>
              frenchConstraintMessage(constraint, error.property, message),
            ),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });

/**
 * Every error leaves as application/problem+json: validation (400, naming each field), domain errors by kind
 * (404, 409, 412, 422), framework errors as they are, anything else 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly exposeInternals = false) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    problem.correlationId = correlationIdOf(request);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`,
      );
    }
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      const fields = exception.fieldErrors.map((e) => e.field).join(', ');
      return {
        type: 'about:blank',
        title: TITLES[400] ?? 'Bad Request',
        status: 400,
        code: 'REQUEST.INVALID',
        detail: `Champs invalides : ${fields}`,
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const { status: currentStatus, ...details } = exception.details;
      return {
        ...details,
        ...(currentStatus !== undefined ? { currentStatus } : {}),
        type: 'about:blank',
        title: TITLES[status] ?? 'Error',
        status,
        code: exception.code,
        detail: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : ((body as { message?: string | string[] }).message ?? exception.message);
      const detail = Array.isArray(message) ? message.join('; ') : message;
      const checks = typeof body === 'object' ? (body as { checks?: unknown }).checks : undefined;
      return {
        type: 'about:blank',
        title: TITLES[status] ?? exception.name,
        status,
        detail: isFrameworkDefault(detail, exception) ? (FRENCH_DEFAULTS[status] ?? detail) : detail,
        // /health when something is down: every check with its state.
        ...(checks !== undefined ? { checks } : {}),
      };
    }
    const error = exception as { type?: string; status?: number; message?: string };
    // body-parser errors (bad JSON, too large) carry a status.
    if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      return {
        type: 'about:blank',
        title: TITLES[error.status] ?? 'Bad Request',
        status: error.status,
        detail:
          error.type === 'entity.parse.failed'
            ? 'Corps JSON mal formé'
            : (FRENCH_DEFAULTS[error.status] ?? 'Requête invalide'),
      };
    }
    return {
      type: 'about:blank',
      title: TITLES[500] ?? 'Internal Server Error',
      status: 500,
      detail: this.exposeInternals ? String((exception as Error)?.message ?? exception) : 'Erreur interne',
    };
  }
}
