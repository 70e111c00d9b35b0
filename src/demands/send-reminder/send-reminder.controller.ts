import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { SendReminderCommand } from './send-reminder.handler.js';
import { SendReminderRequest } from './send-reminder.request.js';

@ApiTags('demands')
@Controller('demands/:id/reminders')
export class SendReminderController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Send management a reminder (optionally with a new response due date)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  remind(
    @Param('id', IdPipe) demandId: string,
    @Body() body: SendReminderRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new SendReminderCommand(demandId, body, context));
  }
}
