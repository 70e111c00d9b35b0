import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { RequestAgendaItemCommand } from './request-agenda-item.handler.js';
import { RequestAgendaItemRequest } from './request-agenda-item.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class RequestAgendaItemController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda-items')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record an agenda item requested by a union (mandatory when half of the titular representatives sign)',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  request(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: RequestAgendaItemRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RequestAgendaItemCommand(meetingId, body, context));
  }
}
