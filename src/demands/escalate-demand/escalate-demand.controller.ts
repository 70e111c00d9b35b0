import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { EscalateDemandCommand } from './escalate-demand.handler.js';
import { EscalateDemandRequest } from './escalate-demand.request.js';

@ApiTags('demands')
@Controller('demands/:id/escalations')
export class EscalateDemandController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Escalate the demand to another level (back to RAISED for a new submission)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  escalate(
    @Param('id', IdPipe) demandId: string,
    @Body() body: EscalateDemandRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new EscalateDemandCommand(demandId, body, context));
  }
}
