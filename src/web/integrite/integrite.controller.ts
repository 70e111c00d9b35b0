import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { type AuditReport } from '../../audit/verify-audit-trail/audit-trail.js';
import { VerifyAuditTrailQuery } from '../../audit/verify-audit-trail/verify-audit-trail.handler.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type FieldError, formState } from '../forms/form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { integritePage } from './integrite.view.js';

const DIGEST = /^[0-9a-f]{64}$/;

/** "2024-03-28T10:05" or "2024-03-28" or a full ISO instant, read as given (a dossier prints it in UTC). */
const instantOf = (text: string): Date | null => {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return null;
  const date = new Date(trimmed.length === 10 ? `${trimmed}T23:59:59.999Z` : trimmed.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * Intégrité: the hash chain of every stream checked now (the same query as GET /api/audit/verify), and a form
 * (GET, it changes nothing) that checks the digest printed on a dossier against the events recorded up to its date.
 */
@WebPage('integrite')
export class IntegriteController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(
    @Req() request: Request,
    @Res() response: Response,
    @Query('empreinte') empreinte?: string,
    @Query('arreteAu') arreteAu?: string,
  ): Promise<void> {
    // The caller's organisation only, as GET /api/audit/verify does.
    const organisationId = userOf(request)?.organisationId ?? 'default';
    const report = await this.queries.execute<AuditReport>(
      new VerifyAuditTrailQuery(undefined, organisationId),
    );
    const asked = empreinte !== undefined || arreteAu !== undefined;
    const values = { empreinte: (empreinte ?? '').trim().toLowerCase(), arreteAu: (arreteAu ?? '').trim() };
    const errors: FieldError[] = [];
    let checked = null;
    if (asked) {
      if (!DIGEST.test(values.empreinte))
        errors.push({
          field: 'empreinte',
          message: 'Recopiez l’empreinte du dossier : 64 caractères, chiffres et lettres a à f',
        });
      const upTo = instantOf(values.arreteAu);
      if (!upTo)
        errors.push({
          field: 'arreteAu',
          message: 'Recopiez la date « arrêté au » du dossier, par exemple 2024-03-28T10:05:00Z',
        });
      if (errors.length === 0 && upTo) {
        const past = await this.queries.execute<AuditReport>(new VerifyAuditTrailQuery(upTo, organisationId));
        checked = { report: past, expected: values.empreinte, upTo: upTo.toISOString() };
      }
    }
    const page = integritePage({
      report,
      checkedAt: this.clock.now().toISOString(),
      form: formState('verifier', values, errors),
      checked,
    });
    await this.pages.render(
      request,
      response,
      'integrite/integrite',
      { title: 'Intégrité', nav: 'integrite', status: errors.length > 0 ? 400 : 200 },
      page,
    );
  }
}
