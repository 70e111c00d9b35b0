import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordConvocationCommand } from './record-convocation.handler.js';
import { RecordConvocationRequest } from './record-convocation.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordConvocationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/convocation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record when the convocation arrived (lateness judged against the notice rule)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RecordConvocationRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordConvocationCommand(meetingId, body, context));
  }
}
