import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RecordDocumentsCommand } from './record-documents.handler.js';
import { RecordDocumentsRequest } from './record-documents.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RecordDocumentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/documents')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a working document received for the meeting, and how late it came' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  record(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RecordDocumentsRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordDocumentsCommand(meetingId, body, context));
  }
}
