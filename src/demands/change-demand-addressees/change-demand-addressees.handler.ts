import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type ChangeDemandAddresseesRequest } from './change-demand-addressees.request.js';

export class ChangeDemandAddresseesCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: ChangeDemandAddresseesRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeDemandAddresseesCommand)
export class ChangeDemandAddresseesHandler implements ICommandHandler<ChangeDemandAddresseesCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: ChangeDemandAddresseesCommand): Promise<CommandResult> {
    const { occurredAt, ...targeting } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'ChangeDemandAddressees',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...targeting,
      },
      context,
      { commandType: 'ChangeDemandAddressees' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
