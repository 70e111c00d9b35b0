import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordMeetingHeldCommand } from './record-meeting-held.handler.js';
import { RecordMeetingHeldRequest } from './record-meeting-held.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordMeetingHeldController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/held')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the meeting was held (day, quorum, who attended, by role)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RecordMeetingHeldRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordMeetingHeldCommand(meetingId, body, context));
  }
}
