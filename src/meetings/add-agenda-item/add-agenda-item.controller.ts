import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { AddAgendaItemCommand } from './add-agenda-item.handler.js';
import { AddAgendaItemRequest } from './add-agenda-item.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class AddAgendaItemController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/president-items')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an item the president put on the agenda (on the agenda from the start)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  add(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: AddAgendaItemRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new AddAgendaItemCommand(meetingId, body, context));
  }
}
