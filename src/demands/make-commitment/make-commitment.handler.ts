import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type MakeCommitmentRequest } from './make-commitment.request.js';

export class MakeCommitmentCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: MakeCommitmentRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MakeCommitmentCommand)
export class MakeCommitmentHandler implements ICommandHandler<MakeCommitmentCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: MakeCommitmentCommand): Promise<CommandResult> {
    const { occurredAt, ...commitment } = request;
    const commitmentId = newIdFor('commitment', context);
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'MakeCommitment',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        commitmentId,
        ...commitment,
      },
      context,
      { commandType: 'MakeCommitment' },
    );
    return { id: commitmentId, revision: Number(decision.revision), position: decision.position };
  }
}
