import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type ReopenDemandRequest } from './reopen-demand.request.js';

export class ReopenDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: ReopenDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReopenDemandCommand)
export class ReopenDemandHandler implements ICommandHandler<ReopenDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: ReopenDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...reopening } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'ReopenDemand',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...reopening,
      },
      context,
      { commandType: 'ReopenDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
