import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { observationDecider } from '../domain/observation.decide.js';
import { observationStreamId } from '../domain/observation.js';
import { type RecordObservationRequest } from './record-observation.request.js';

export class RecordObservationCommand extends Command<CommandResult> {
  constructor(
    readonly request: RecordObservationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordObservationCommand)
export class RecordObservationHandler implements ICommandHandler<RecordObservationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: RecordObservationCommand): Promise<CommandResult> {
    const { occurredAt, observationId, facts, ...observation } = request;
    const id = observationId ?? newIdFor('observation', context);
    const decision = await this.executor.execute(
      observationStreamId(id),
      observationDecider,
      {
        type: 'RecordObservation',
        observationId: id,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...observation,
        ...(facts === undefined ? {} : { facts: facts.map(({ key, value }) => ({ key, value })) }),
      },
      context,
      { commandType: 'RecordObservation' },
    );
    return { id, revision: Number(decision.revision), position: decision.position };
  }
}
