import { Controller, ForbiddenException, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import type { DossierModel } from '../domain/dossier.model.js';
import { sendDossier } from '../render/dossier-response.js';
import { GetDossierQuery } from './get-dossier.handler.js';
import { arreteAuFrom, GetDossierRequest } from './get-dossier.request.js';

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
        ...(query.known ? { known: query.known } : {}),
        redaction,
      }),
    );
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
    await sendDossier(response, await this.model(id, query, request), 'pdf');
  }

  @Get(':id/dossier.html')
  @ApiOperation({
    summary:
      'Dossier de suivi of the meeting, as one printable HTML page (French), each statement linked to its sources',
  })
  @ApiProduces('text/html')
  async html(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await sendDossier(response, await this.model(id, query, request), 'html');
  }

  @Get(':id/dossier.docx')
  @ApiOperation({ summary: 'Dossier de suivi of the meeting, as an editable Word document (French)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async docx(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await sendDossier(response, await this.model(id, query, request), 'docx');
  }

  @Get(':id/summary.csv')
  @ApiOperation({
    summary:
      'Summary table of the dossier as CSV (UTF-8 with BOM, header row, `;` by default, `?separateur=virgule`; formulas neutralised)',
  })
  @ApiProduces('text/csv')
  async csv(
    @Param('id', IdPipe) id: string,
    @Query() query: GetDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const model = await this.model(id, query, request);
    await sendDossier(response, model, 'csv', query.separateur === 'virgule' ? ',' : ';');
  }
}
