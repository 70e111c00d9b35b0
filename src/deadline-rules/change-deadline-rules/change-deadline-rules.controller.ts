import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../accounts/roles.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { ChangeDeadlineRulesResponse } from '../deadline-rules.responses.js';
import {
  ChangeDeadlineRulesCommand,
  type ChangeDeadlineRulesResult,
} from './change-deadline-rules.handler.js';
import { ChangeDeadlineRulesRequest } from './change-deadline-rules.request.js';

@ApiTags('deadline-rules')
@Controller('deadline-rules')
export class ChangeDeadlineRulesController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Set the organisation's deadline rules (full set, with its source); recorded as an event; " +
      'a set equal to the rules in force records nothing',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The rules revision you saw, e.g. "0"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ChangeDeadlineRulesResponse })
  change(
    @Body() body: ChangeDeadlineRulesRequest,
    @Ctx() context: CommandContext,
  ): Promise<ChangeDeadlineRulesResult> {
    return this.commands.execute(new ChangeDeadlineRulesCommand(body, context));
  }
}
