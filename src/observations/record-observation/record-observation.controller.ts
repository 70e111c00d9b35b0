import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { ObservationCommandResultResponse } from '../observations.responses.js';
import { RecordObservationCommand } from './record-observation.handler.js';
import { RecordObservationRequest } from './record-observation.request.js';

@ApiTags('observations')
@Controller('observations')
export class RecordObservationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record an observation made at an antenna (it may lead to no demand)',
    description: 'An observation id already used answers 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ObservationCommandResultResponse })
  record(@Body() body: RecordObservationRequest, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new RecordObservationCommand(body, context));
  }
}
