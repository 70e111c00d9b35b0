import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { LinkDemandToItemCommand } from './link-demand-to-item.handler.js';
import { LinkDemandToItemRequest } from './link-demand-to-item.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class LinkDemandToItemController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/items/:itemId/demands')
  @HttpCode(201)
  @ApiOperation({ summary: 'Link a demand to an agenda item or a question diverse' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  link(
    @Param('id', IdPipe) meetingId: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: LinkDemandToItemRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new LinkDemandToItemCommand(meetingId, itemId, body, context));
  }
}
