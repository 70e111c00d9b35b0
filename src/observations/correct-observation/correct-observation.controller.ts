import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { ObservationCommandResultResponse } from '../observations.responses.js';
import { CorrectObservationCommand } from './correct-observation.handler.js';
import { CorrectObservationRequest } from './correct-observation.request.js';

@ApiTags('observations')
@Controller('observations/:id/corrections')
export class CorrectObservationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Correct the text, facts or category of an observation; the replaced values stay in its history',
    description:
      'Unknown observation: 404; withdrawn: 409; a correction that changes nothing: 422. A reason is required.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The observation revision you saw (its ETag)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ObservationCommandResultResponse })
  correct(
    @Param('id', IdPipe) observationId: string,
    @Body() body: CorrectObservationRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new CorrectObservationCommand(observationId, body, context));
  }
}
