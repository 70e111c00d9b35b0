import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type RewordDemandRequest } from './reword-demand.request.js';

export class RewordDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: RewordDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RewordDemandCommand)
export class RewordDemandHandler implements ICommandHandler<RewordDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: RewordDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...wording } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'RewordDemand',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...wording,
      },
      context,
      { commandType: 'RewordDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
