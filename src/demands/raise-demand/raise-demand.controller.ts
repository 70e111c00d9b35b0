import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { RaiseDemandCommand } from './raise-demand.handler.js';
import { RaiseDemandRequest } from './raise-demand.request.js';

@ApiTags('demands')
@Controller('demands')
export class RaiseDemandController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Raise a demand (or keep it as a draft)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  raise(@Body() body: RaiseDemandRequest, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new RaiseDemandCommand(newIdFor('demand', context), body, context));
  }
}
