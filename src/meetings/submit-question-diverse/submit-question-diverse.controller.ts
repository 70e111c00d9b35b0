import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { MeetingCommandResultResponse } from '../meeting.responses.js';
import { SubmitQuestionDiverseCommand } from './submit-question-diverse.handler.js';
import { SubmitQuestionDiverseRequest } from './submit-question-diverse.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class SubmitQuestionDiverseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/questions-diverses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a question diverse (answered orally, no vote)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The meeting revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MeetingCommandResultResponse })
  submit(
    @Param('id', IdPipe) meetingId: string,
    @Body() body: SubmitQuestionDiverseRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new SubmitQuestionDiverseCommand(meetingId, body, context));
  }
}
