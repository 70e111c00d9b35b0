import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { ScheduleMeetingCommand } from './schedule-meeting.handler.js';
import { ScheduleMeetingRequest } from './schedule-meeting.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class ScheduleMeetingController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a meeting of an instance (CSA, FS)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  schedule(@Body() body: ScheduleMeetingRequest, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ScheduleMeetingCommand(newIdFor('meeting', context), body, context));
  }
}
