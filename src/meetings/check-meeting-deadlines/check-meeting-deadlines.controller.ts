import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../accounts/roles.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { CheckMeetingDeadlinesCommand, type DeadlineCheckResult } from './check-meeting-deadlines.handler.js';

@ApiTags('meetings')
@Controller('meetings')
export class CheckMeetingDeadlinesController {
  constructor(private readonly commands: CommandBus) {}

  /** For an admin (the application also runs it on its own schedule); idempotent. */
  @Post('deadline-check')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record overdue follow-ups and minutes, and opened re-deliberation windows, as of now (idempotent)',
  })
  @ApiOkResponse({ description: 'The deadline facts this run recorded' })
  check(@Ctx() context: CommandContext): Promise<DeadlineCheckResult> {
    return this.commands.execute(new CheckMeetingDeadlinesCommand(context));
  }
}
