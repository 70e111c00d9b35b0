import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { UnitCommandResultResponse } from '../units.responses.js';
import { ConductVisitCommand } from './conduct-visit.handler.js';
import { ConductVisitRequest } from './conduct-visit.request.js';

@ApiTags('visits')
@Controller('visits/:id/conduct')
export class ConductVisitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that one antenna was visited on a day (one call per antenna and day)',
    description:
      'A visit of two antennas on two days is two calls on the same visit. An antenna the plan did not list is ' +
      'added to the visit. A visit that was never planned is recorded by calling this with a new visit id of your ' +
      'choosing (a slug). The same antenna and day again records nothing (201, same revision); the same antenna ' +
      'on another day answers 409: plan another visit.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The visit revision you saw, e.g. "0"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: UnitCommandResultResponse, description: '`id` is the visit id' })
  conduct(
    @Param('id', IdPipe) visitId: string,
    @Body() body: ConductVisitRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ConductVisitCommand(visitId, body, context));
  }
}
