import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type AcceptAgendaItemRequest } from './accept-agenda-item.request.js';

export class AcceptAgendaItemCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly itemId: string,
    readonly request: AcceptAgendaItemRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AcceptAgendaItemCommand)
export class AcceptAgendaItemHandler implements ICommandHandler<AcceptAgendaItemCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, itemId, request, context }: AcceptAgendaItemCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'AcceptAgendaItem',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        itemId,
      },
      context,
    );
  }
}
