import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type ApproveMinutesRequest } from './approve-minutes.request.js';

export class ApproveMinutesCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: ApproveMinutesRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ApproveMinutesCommand)
export class ApproveMinutesHandler implements ICommandHandler<ApproveMinutesCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: ApproveMinutesCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'ApproveMinutes',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.approvedOn),
        ...fields,
      },
      context,
    );
  }
}
