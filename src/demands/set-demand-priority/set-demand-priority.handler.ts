import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type SetDemandPriorityRequest } from './set-demand-priority.request.js';

export class SetDemandPriorityCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: SetDemandPriorityRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SetDemandPriorityCommand)
export class SetDemandPriorityHandler implements ICommandHandler<SetDemandPriorityCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: SetDemandPriorityCommand): Promise<CommandResult> {
    const { occurredAt, ...priority } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'SetDemandPriority',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...priority,
      },
      context,
      { commandType: 'SetDemandPriority' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
