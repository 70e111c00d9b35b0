import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type VerifyDemandRequest } from './verify-demand.request.js';

export class VerifyDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: VerifyDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(VerifyDemandCommand)
export class VerifyDemandHandler implements ICommandHandler<VerifyDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: VerifyDemandCommand): Promise<CommandResult> {
    const { verifiedAt, ...verification } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'VerifyDemand',
        demandId,
        occurredAt: verifiedAt ?? this.clock.now().toISOString(),
        ...verification,
      },
      context,
      { commandType: 'VerifyDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
