import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DomainError } from '../../shared/domain-error.js';
import { Pages } from '../pages.service.js';
import { requestIdOf } from '../security/web-security.js';

const STATUS_BY_KIND: Record<string, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 422,
  forbidden: 403,
  precondition_failed: 412,
};

export type ErrorPage = { status: number; heading: string; message: string; requestId: string | null };

/** The French page for an error status. A 404 never says whether the thing exists elsewhere. */
export const errorPageFor = (status: number, requestId: string): ErrorPage => {
  if (status === 404)
    return {
      status,
      heading: 'Page introuvable',
      message:
        'Cette page n’existe pas, ou plus. Vérifiez l’adresse, ou repartez de l’accueil ou de la liste des revendications.',
      requestId: null,
    };
  if (status === 403)
    return {
      status,
      heading: 'Accès refusé',
      message:
        'Votre compte ne permet pas cette action (rôle de lecture, ou antenne hors de vos sections). Rien n’a été enregistré.',
      requestId: null,
    };
  if (status === 429)
    return {
      status,
      heading: 'Trop de tentatives',
      message: 'Trop de tentatives en peu de temps. Patientez une minute puis réessayez.',
      requestId: null,
    };
  if (status < 500)
    return {
      status,
      heading: 'Demande impossible',
      message:
        'Cette demande n’a pas pu être traitée. Rien n’a été enregistré. Revenez à la page précédente.',
      requestId,
    };
  return {
    status,
    heading: 'Une erreur est survenue',
    message:
      'Nous sommes désolés : la page n’a pas pu s’afficher. Rien de ce que vous n’avez pas vu confirmé n’a été enregistré. ' +
      'Réessayez dans un instant ; si cela se reproduit, transmettez le numéro de requête ci-dessous à votre administrateur.',
    requestId,
  };
};

/**
 * Errors of web pages, as pages: not logged in → /connexion (then back), 404 and 403 pages in French, any other
 * failure a plain apology with the request id (logged with the stack).
 */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: Pages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : exception instanceof DomainError
          ? (STATUS_BY_KIND[exception.kind] ?? 500)
          : 500;
    if (status === 401) {
      const back = request.method === 'GET' ? request.originalUrl : '/';
      response.redirect(303, back === '/' ? '/connexion' : `/connexion?suite=${encodeURIComponent(back)}`);
      return;
    }
    const requestId = requestIdOf(request);
    if (status >= 500)
      this.logger.error(
        `${request.method} ${request.originalUrl} [${requestId}]: ${(exception as Error)?.stack ?? String(exception)}`,
      );
    const page = errorPageFor(status, requestId);
    try {
      await this.pages.render(
        request,
        response,
        'errors/error',
        { title: page.heading, nav: null, status },
        page,
      );
    } catch (error) {
      this.logger.error(`error page failed [${requestId}]: ${String(error)}`);
      if (!response.headersSent)
        response.status(status).type('text/plain').send(`${page.heading} (${requestId})`);
    }
  }
}
