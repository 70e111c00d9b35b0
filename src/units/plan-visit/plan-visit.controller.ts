import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { UnitCommandResultResponse } from '../units.responses.js';
import { PlanVisitCommand } from './plan-visit.handler.js';
import { PlanVisitRequest } from './plan-visit.request.js';

@ApiTags('visits')
@Controller('visits')
export class PlanVisitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Plan a union visit of one or more antennas (the date may be left open)',
    description:
      'Then record each antenna visited with POST /api/visits/{id}/conduct. A visit id already used answers 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: UnitCommandResultResponse, description: '`id` is the visit id' })
  plan(@Body() body: PlanVisitRequest, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new PlanVisitCommand(body, context));
  }
}
