import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type LinkDemandToItemRequest } from './link-demand-to-item.request.js';

export class LinkDemandToItemCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly itemId: string,
    readonly request: LinkDemandToItemRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(LinkDemandToItemCommand)
export class LinkDemandToItemHandler implements ICommandHandler<LinkDemandToItemCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, itemId, request, context }: LinkDemandToItemCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'LinkDemandToItem',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        itemId,
        demandId: request.demandId,
      },
      context,
    );
  }
}
