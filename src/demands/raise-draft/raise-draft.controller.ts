import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { RaiseDraftCommand } from './raise-draft.handler.js';
import { RaiseDraftRequest } from './raise-draft.request.js';

@ApiTags('demands')
@Controller('demands/:id/raise')
export class RaiseDraftController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Raise a draft demand (DRAFT → RAISED) with the details it already has' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  raise(
    @Param('id', IdPipe) demandId: string,
    @Body() body: RaiseDraftRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RaiseDraftCommand(demandId, body, context));
  }
}
