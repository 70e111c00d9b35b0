import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordMinutesDraftRequest } from './record-minutes-draft.request.js';

export class RecordMinutesDraftCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RecordMinutesDraftRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordMinutesDraftCommand)
export class RecordMinutesDraftHandler implements ICommandHandler<RecordMinutesDraftCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: RecordMinutesDraftCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordMinutesDraft',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        receivedOn: request.receivedOn,
      },
      context,
    );
  }
}
