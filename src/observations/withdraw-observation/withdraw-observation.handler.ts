import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { observationDecider } from '../domain/observation.decide.js';
import { observationStreamId } from '../domain/observation.js';
import { type WithdrawObservationRequest } from './withdraw-observation.request.js';

export class WithdrawObservationCommand extends Command<CommandResult> {
  constructor(
    readonly observationId: string,
    readonly request: WithdrawObservationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawObservationCommand)
export class WithdrawObservationHandler implements ICommandHandler<WithdrawObservationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ observationId, request, context }: WithdrawObservationCommand): Promise<CommandResult> {
    const decision = await this.executor.execute(
      observationStreamId(observationId),
      observationDecider,
      {
        type: 'WithdrawObservation',
        observationId,
        occurredAt: request.occurredAt ?? this.clock.now().toISOString(),
        reason: request.reason,
      },
      context,
      { commandType: 'WithdrawObservation' },
    );
    return { id: observationId, revision: Number(decision.revision), position: decision.position };
  }
}
