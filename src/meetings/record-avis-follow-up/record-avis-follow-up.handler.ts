import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordAvisFollowUpRequest } from './record-avis-follow-up.request.js';

export class RecordAvisFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly itemId: string,
    readonly request: RecordAvisFollowUpRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordAvisFollowUpCommand)
export class RecordAvisFollowUpHandler implements ICommandHandler<RecordAvisFollowUpCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, itemId, request, context }: RecordAvisFollowUpCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordAvisFollowUp',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        itemId,
        ...fields,
      },
      context,
    );
  }
}
