import { Controller, ForbiddenException, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import type { DossierModel } from '../domain/dossier.model.js';
import { frDate } from '../domain/french.js';
import { renderSummaryCsv } from '../render/dossier.csv.js';
import { renderDossierHtml } from '../render/dossier.html.js';
import { renderDossierPdf } from '../render/dossier.pdf.js';
import { GetDossierQuery } from './get-dossier.handler.js';
import { arreteAuFrom, GetDossierRequest } from './get-dossier.request.js';

/** ASCII file name: "dossier-suivi_csa-spip-local-spip-62_2024-03-28". */
const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** RFC 6266: an ASCII `filename` and the French one in `filename*` (RFC 5987 encoding). */
const disposition = (kind: 'attachment' | 'inline', ascii: string, french: string): string =>
  `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(french).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;

const names = (model: DossierModel, prefix: string, frenchPrefix: string, extension: string) => ({
  ascii: `${prefix}_${slug(model.meta.instanceName)}_${model.meta.meetingDate}.${extension}`,
  french: `${frenchPrefix} – ${model.meta.instanceName} – ${frDate(model.meta.meetingDate)}.${extension}`,
});

/**
 * The "dossier de suivi CSA" of a meeting: PDF to print, HTML to read or print, CSV of the summary table.
 * `?arreteAu=` freezes the data at an instant; `?redaction=none` (admins only) keeps names and e-mails.
 */
@ApiTags('meetings')
@Controller('meetings')
export class GetDossierController {
  constructor(private readonly queries: QueryBus) {}

  private async model(id: string, query: GetDossierRequest, request: Request): Promise<DossierModel> {
    const user = userOf(request);
    const redaction = query.redaction ?? 'roles';
    if (redaction === 'none' && user?.role !== 'admin') {
      throw new ForbiddenException(
        'Seul un administrateur peut exporter sans masquage des données personnelles',
      );
    }
    return this.queries.execute(
      new GetDossierQuery(id, {
        organisationId: user?.organisationId,
        arreteAu: arreteAuFrom(query),
        redaction,
      }),
    );
  }

  private send(
    response: Response,
    model: DossierModel,
    body: string | Buffer,
    type: string,
    contentDisposition: string,
  ): void {
    response
      .status(200)
      .set({
        'Content-Type': type,
        'Content-Disposition': contentDisposition,
        'Cache-Control': 'private, no-store',
        // Set here, Express does not hash the whole body for one (a 2,000-page PDF weighs megabytes).
        ETag: `W/"${model.audit.digest.slice(0, 16)}-${Date.parse(model.meta.arreteAu)}-${model.meta.redaction}"`,
        'X-Audit-Digest': model.audit.digest,
        'X-Donnees-Arretees-Au': model.meta.arreteAu,
      })
      .send(body);
  }

  @Get(':id/dossier.pdf')
  @ApiOperation({ summary: 'Dossier de suivi of the meeting, as a PDF to print (French)' })
  @ApiProduces('application/pdf')
  async pdf(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const model = await this.model(id, query, request);
    const { ascii, french } = names(model, 'dossier-suivi', 'Dossier de suivi', 'pdf');
    this.send(
      response,
      model,
      await renderDossierPdf(model),
      'application/pdf',
      disposition('attachment', ascii, french),
    );
  }

  @Get(':id/dossier.html')
  @ApiOperation({ summary: 'Dossier de suivi of the meeting, as one printable HTML page (French)' })
  @ApiProduces('text/html')
  async html(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const model = await this.model(id, query, request);
    const { ascii, french } = names(model, 'dossier-suivi', 'Dossier de suivi', 'html');
    this.send(
      response,
      model,
      renderDossierHtml(model),
      'text/html; charset=utf-8',
      disposition('inline', ascii, french),
    );
  }

  @Get(':id/summary.csv')
  @ApiOperation({ summary: 'Summary table of the dossier as CSV (RFC 4180, UTF-8 with BOM, header row)' })
  @ApiProduces('text/csv')
  async csv(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const model = await this.model(id, query, request);
    const { ascii, french } = names(model, 'tableau-synthese', 'Tableau de synthèse', 'csv');
    const separator = query.separateur === 'point-virgule' ? ';' : ',';
    this.send(
      response,
      model,
      renderSummaryCsv(model, separator),
      'text/csv; charset=utf-8; header=present',
      disposition('attachment', ascii, french),
    );
  }
}
