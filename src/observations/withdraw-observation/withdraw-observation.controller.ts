import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { ObservationCommandResultResponse } from '../observations.responses.js';
import { WithdrawObservationCommand } from './withdraw-observation.handler.js';
import { WithdrawObservationRequest } from './withdraw-observation.request.js';

@ApiTags('observations')
@Controller('observations/:id/withdrawal')
export class WithdrawObservationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Withdraw an observation: it leaves lists and dashboards but stays readable with its history',
    description: 'Unknown observation: 404; already withdrawn: 409. A reason is required.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The observation revision you saw (its ETag)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ObservationCommandResultResponse })
  withdraw(
    @Param('id', IdPipe) observationId: string,
    @Body() body: WithdrawObservationRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new WithdrawObservationCommand(observationId, body, context));
  }
}
