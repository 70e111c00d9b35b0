import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type Request, type Response } from 'express';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Optional } from '../../infrastructure/http/optional.js';
import { Ctx, userOf } from '../../infrastructure/http/request-context.js';
import { DOSSIER_FORMATS, type DossierFormat, sendDossier } from '../render/dossier-response.js';
import { GetIssuedDossierQuery, IssueDossierCommand, type IssueResult } from './issue-dossier.handler.js';

class IssuedDossierRequest {
  @Optional()
  @IsIn(['virgule', 'point-virgule'])
  separateur?: 'virgule' | 'point-virgule';
}

@ApiTags('meetings')
@Controller('meetings')
export class IssueDossierController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/dossier/issues')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue the composed dossier: recorded (DossierIssued) so that it can be produced again',
  })
  issue(@Param('id', IdPipe) id: string, @Ctx() context: CommandContext): Promise<IssueResult> {
    return this.commands.execute(new IssueDossierCommand(id, context));
  }

  @Get(':id/dossier/issues/:issue/dossier.:format')
  @ApiOperation({ summary: 'An issued dossier, produced again identically (pdf, html, docx, csv)' })
  async issued(
    @Param('id', IdPipe) id: string,
    @Param('issue', ParseIntPipe) issue: number,
    @Param('format') format: string,
    @Query() query: IssuedDossierRequest,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (!(DOSSIER_FORMATS as readonly string[]).includes(format)) {
      response
        .status(404)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'Introuvable',
            status: 404,
            detail: `Format inconnu : ${format.slice(0, 20)} (pdf, html, docx ou csv)`,
          }),
        );
      return;
    }
    const model = await this.queries.execute(
      new GetIssuedDossierQuery(id, issue, userOf(request)?.organisationId),
    );
    await sendDossier(response, model, format as DossierFormat, query.separateur === 'virgule' ? ',' : ';');
  }
}
