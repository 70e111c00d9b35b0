import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordManagementStatementCommand } from './record-management-statement.handler.js';
import { RecordManagementStatementRequest } from './record-management-statement.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordManagementStatementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/statements')
  @HttpCode(201)
  @ApiOperation({
    summary: "Record management's exact words at the meeting, linked to the demands they concern",
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RecordManagementStatementRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordManagementStatementCommand(meetingId, body, context));
  }
}
