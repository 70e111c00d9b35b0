import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type AcknowledgeDemandRequest } from './acknowledge-demand.request.js';

export class AcknowledgeDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: AcknowledgeDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AcknowledgeDemandCommand)
export class AcknowledgeDemandHandler implements ICommandHandler<AcknowledgeDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: AcknowledgeDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...acknowledgement } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'AcknowledgeDemand',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...acknowledgement,
      },
      context,
      { commandType: 'AcknowledgeDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
