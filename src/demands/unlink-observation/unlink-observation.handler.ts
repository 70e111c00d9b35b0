import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type UnlinkObservationRequest } from './unlink-observation.request.js';

export class UnlinkObservationCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: UnlinkObservationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UnlinkObservationCommand)
export class UnlinkObservationHandler implements ICommandHandler<UnlinkObservationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: UnlinkObservationCommand): Promise<CommandResult> {
    const { occurredAt, ...unlink } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'UnlinkObservation',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...unlink,
      },
      context,
      { commandType: 'UnlinkObservation' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
