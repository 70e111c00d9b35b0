import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type RaiseDemandRequest } from './raise-demand.request.js';

export class RaiseDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: RaiseDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RaiseDemandCommand)
export class RaiseDemandHandler implements ICommandHandler<RaiseDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: RaiseDemandCommand): Promise<CommandResult> {
    const { draft, occurredAt, ...details } = request;
    const type = draft ? 'DraftDemand' : 'RaiseDemand';
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      { type, demandId, occurredAt: occurredAt ?? this.clock.now().toISOString(), ...details },
      context,
      { commandType: type },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
