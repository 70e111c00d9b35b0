import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordVoteCommand } from './record-vote.handler.js';
import { RecordVoteRequest } from './record-vote.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordVoteController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda-items/:itemId/votes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the vote of each union on an agenda item (the avis, unanimity computed)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: RecordVoteRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordVoteCommand(meetingId, itemId, body, context));
  }
}
