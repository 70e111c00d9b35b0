import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { ApproveMinutesCommand } from './approve-minutes.handler.js';
import { ApproveMinutesRequest } from './approve-minutes.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class ApproveMinutesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/minutes/approval')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the minutes were approved (usually at the next meeting)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  approve(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: ApproveMinutesRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ApproveMinutesCommand(meetingId, body, context));
  }
}
