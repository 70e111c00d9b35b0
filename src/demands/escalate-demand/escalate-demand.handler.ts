import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type EscalateDemandRequest } from './escalate-demand.request.js';

export class EscalateDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: EscalateDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(EscalateDemandCommand)
export class EscalateDemandHandler implements ICommandHandler<EscalateDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: EscalateDemandCommand): Promise<CommandResult> {
    const { occurredAt, ...escalation } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'EscalateDemand',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...escalation,
      },
      context,
      { commandType: 'EscalateDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
