import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type ContestMinutesRequest } from './contest-minutes.request.js';

export class ContestMinutesCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: ContestMinutesRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ContestMinutesCommand)
export class ContestMinutesHandler implements ICommandHandler<ContestMinutesCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: ContestMinutesCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'ContestMinutes',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.contestedOn),
        ...fields,
      },
      context,
    );
  }
}
