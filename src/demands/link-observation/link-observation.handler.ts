import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type LinkObservationRequest } from './link-observation.request.js';

export class LinkObservationCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: LinkObservationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(LinkObservationCommand)
export class LinkObservationHandler implements ICommandHandler<LinkObservationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: LinkObservationCommand): Promise<CommandResult> {
    const { occurredAt, ...link } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'LinkObservation',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...link,
      },
      context,
      { commandType: 'LinkObservation' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
