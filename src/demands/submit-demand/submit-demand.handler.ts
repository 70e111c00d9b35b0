import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { defaultResponseDueAt } from './response-window.js';
import { type SubmitDemandRequest } from './submit-demand.request.js';

export class SubmitDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: SubmitDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitDemandCommand)
export class SubmitDemandHandler implements ICommandHandler<SubmitDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: SubmitDemandCommand): Promise<CommandResult> {
    const { submittedAt, responseDueAt, ...submission } = request;
    const occurredAt = submittedAt ?? this.clock.now().toISOString();
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'SubmitDemand',
        demandId,
        occurredAt,
        responseDueAt: responseDueAt ?? defaultResponseDueAt(occurredAt),
        ...submission,
      },
      context,
      { commandType: 'SubmitDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
