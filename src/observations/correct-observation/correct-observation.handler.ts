import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { observationDecider } from '../domain/observation.decide.js';
import { observationStreamId } from '../domain/observation.js';
import { type CorrectObservationRequest } from './correct-observation.request.js';

export class CorrectObservationCommand extends Command<CommandResult> {
  constructor(
    readonly observationId: string,
    readonly request: CorrectObservationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectObservationCommand)
export class CorrectObservationHandler implements ICommandHandler<CorrectObservationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ observationId, request, context }: CorrectObservationCommand): Promise<CommandResult> {
    const { occurredAt, text, facts, category, reason } = request;
    const decision = await this.executor.execute(
      observationStreamId(observationId),
      observationDecider,
      {
        type: 'CorrectObservation',
        observationId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        reason,
        ...(text === undefined ? {} : { text }),
        ...(facts === undefined ? {} : { facts: facts.map(({ key, value }) => ({ key, value })) }),
        ...(category === undefined ? {} : { category }),
      },
      context,
      { commandType: 'CorrectObservation' },
    );
    return { id: observationId, revision: Number(decision.revision), position: decision.position };
  }
}
