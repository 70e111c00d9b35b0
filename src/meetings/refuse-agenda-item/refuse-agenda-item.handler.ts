import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RefuseAgendaItemRequest } from './refuse-agenda-item.request.js';

export class RefuseAgendaItemCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly itemId: string,
    readonly request: RefuseAgendaItemRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RefuseAgendaItemCommand)
export class RefuseAgendaItemHandler implements ICommandHandler<RefuseAgendaItemCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, itemId, request, context }: RefuseAgendaItemCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RefuseAgendaItem',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        itemId,
        ...fields,
      },
      context,
    );
  }
}
