import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { RescheduleCommitmentCommand } from './reschedule-commitment.handler.js';
import { RescheduleCommitmentRequest } from './reschedule-commitment.request.js';

@ApiTags('demands')
@Controller('demands/:id/commitments/:commitmentId/rescheduling')
export class RescheduleCommitmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Move the due date of a commitment, with the reason given' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  reschedule(
    @Param('id', IdPipe) demandId: string,
    @Param('commitmentId', IdPipe) commitmentId: string,
    @Body() body: RescheduleCommitmentRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RescheduleCommitmentCommand(demandId, commitmentId, body, context));
  }
}
