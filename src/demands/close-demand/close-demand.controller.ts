import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { CloseDemandCommand } from './close-demand.handler.js';
import { CloseDemandRequest } from './close-demand.request.js';

@ApiTags('demands')
@Controller('demands/:id/closure')
export class CloseDemandController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Close the demand as satisfied, partially satisfied or refused' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  close(
    @Param('id', IdPipe) demandId: string,
    @Body() body: CloseDemandRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new CloseDemandCommand(demandId, body, context));
  }
}
