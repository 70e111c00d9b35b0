import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type AddAgendaItemRequest } from './add-agenda-item.request.js';

export class AddAgendaItemCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: AddAgendaItemRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddAgendaItemCommand)
export class AddAgendaItemHandler implements ICommandHandler<AddAgendaItemCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: AddAgendaItemCommand): Promise<CommandResult> {
    const itemId = newIdFor('agenda-item', context);
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'AddAgendaItem',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        itemId,
        ...fields,
      },
      context,
      itemId,
    );
  }
}
