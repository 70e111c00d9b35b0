import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type AbandonDemandRequest } from './abandon-demand.request.js';

export class AbandonDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: AbandonDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AbandonDemandCommand)
export class AbandonDemandHandler implements ICommandHandler<AbandonDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: AbandonDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...abandonment } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'AbandonDemand',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...abandonment,
      },
      context,
      { commandType: 'AbandonDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
