import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type MergeDemandRequest } from './merge-demand.request.js';

export class MergeDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: MergeDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MergeDemandCommand)
export class MergeDemandHandler implements ICommandHandler<MergeDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: MergeDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...merge } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      { type: 'MergeDemand', demandId, occurredAt: occurredAt ?? this.clock.now().toISOString(), ...merge },
      context,
      { commandType: 'MergeDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
