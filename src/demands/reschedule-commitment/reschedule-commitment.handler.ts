import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type RescheduleCommitmentRequest } from './reschedule-commitment.request.js';

export class RescheduleCommitmentCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly commitmentId: string,
    readonly request: RescheduleCommitmentRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RescheduleCommitmentCommand)
export class RescheduleCommitmentHandler implements ICommandHandler<RescheduleCommitmentCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({
    demandId,
    commitmentId,
    request,
    context,
  }: RescheduleCommitmentCommand): Promise<CommandResult> {
    const { occurredAt, ...rescheduling } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'RescheduleCommitment',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        commitmentId,
        ...rescheduling,
      },
      context,
      { commandType: 'RescheduleCommitment' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
