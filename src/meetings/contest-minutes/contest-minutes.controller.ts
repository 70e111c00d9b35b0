import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { ContestMinutesCommand } from './contest-minutes.handler.js';
import { ContestMinutesRequest } from './contest-minutes.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class ContestMinutesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/minutes/contestation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the points of the minutes the union contests' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  contest(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: ContestMinutesRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ContestMinutesCommand(meetingId, body, context));
  }
}
