import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { ChangeDemandAddresseesCommand } from './change-demand-addressees.handler.js';
import { ChangeDemandAddresseesRequest } from './change-demand-addressees.request.js';

@ApiTags('demands')
@Controller('demands/:id/addressees')
export class ChangeDemandAddresseesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Change who must act on the demand' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  changeAddressees(
    @Param('id', IdPipe) demandId: string,
    @Body() body: ChangeDemandAddresseesRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeDemandAddresseesCommand(demandId, body, context));
  }
}
