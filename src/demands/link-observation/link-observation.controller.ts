import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CommandResultResponse } from '../demand.responses.js';
import { LinkObservationCommand } from './link-observation.handler.js';
import { LinkObservationRequest } from './link-observation.request.js';

@ApiTags('demands')
@Controller('demands/:id/observation-links')
export class LinkObservationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Link an observation (a fact from a visit) to the demand' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The demand revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResultResponse })
  link(
    @Param('id', IdPipe) demandId: string,
    @Body() body: LinkObservationRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new LinkObservationCommand(demandId, body, context));
  }
}
