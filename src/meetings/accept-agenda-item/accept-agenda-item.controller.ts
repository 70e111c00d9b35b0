import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { AcceptAgendaItemCommand } from './accept-agenda-item.handler.js';
import { AcceptAgendaItemRequest } from './accept-agenda-item.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class AcceptAgendaItemController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agenda-items/:itemId/acceptance')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that management put a requested item on the agenda' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  accept(
    @Param('id', IdPipe) meetingId: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: AcceptAgendaItemRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new AcceptAgendaItemCommand(meetingId, itemId, body, context));
  }
}
