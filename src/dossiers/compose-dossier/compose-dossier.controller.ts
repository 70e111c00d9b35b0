import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx, userOf } from '../../infrastructure/http/request-context.js';
import { ComposeDossierCommand } from './compose-dossier.handler.js';
import { ComposeDossierRequest } from './compose-dossier.request.js';
import { type DossierWorkspace, GetDossierWorkspaceQuery } from './get-dossier-workspace.handler.js';

@ApiTags('meetings')
@Controller('meetings')
export class ComposeDossierController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id/dossier/composition')
  @ApiOperation({
    summary:
      'What the officer composes from: the proposal (demands in scope, suggested questions, draft statement), the ' +
      'current composition, the names found and what redaction masks, and the dossiers already issued',
  })
  workspace(@Param('id', IdPipe) id: string, @Req() request: Request): Promise<DossierWorkspace> {
    const user = userOf(request);
    return this.queries.execute(new GetDossierWorkspaceQuery(id, user?.organisationId, user?.sectionUnitIds));
  }

  @Post(':id/dossier/composition')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Compose the dossier: pick and order the demands and the questions diverses, edit the déclaration liminaire',
  })
  compose(
    @Param('id', IdPipe) id: string,
    @Body() body: ComposeDossierRequest,
    @Ctx() context: CommandContext,
    @Req() request: Request,
  ): Promise<CommandResult> {
    if (body.redaction === 'none' && userOf(request)?.role !== 'admin') {
      throw new ForbiddenException('Seul un administrateur peut composer un dossier sans masquage');
    }
    return this.commands.execute(new ComposeDossierCommand(id, body, context));
  }
}
