import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordMinutesDraftCommand } from './record-minutes-draft.handler.js';
import { RecordMinutesDraftRequest } from './record-minutes-draft.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordMinutesDraftController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/minutes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the draft minutes (procès-verbal) arrived' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RecordMinutesDraftRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordMinutesDraftCommand(meetingId, body, context));
  }
}
