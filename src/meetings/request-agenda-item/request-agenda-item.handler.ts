import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RequestAgendaItemRequest } from './request-agenda-item.request.js';

export class RequestAgendaItemCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RequestAgendaItemRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RequestAgendaItemCommand)
export class RequestAgendaItemHandler implements ICommandHandler<RequestAgendaItemCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: RequestAgendaItemCommand): Promise<CommandResult> {
    const itemId = newIdFor('agenda-item', context);
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RequestAgendaItem',
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
