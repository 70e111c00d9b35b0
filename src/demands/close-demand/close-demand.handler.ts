import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import {
  type CloseAsPartiallySatisfied,
  type CloseAsRefused,
  type CloseAsSatisfied,
} from '../domain/demand.commands.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type CloseDemandRequest } from './close-demand.request.js';

export class CloseDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: CloseDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

type Closing = CloseAsSatisfied | CloseAsPartiallySatisfied | CloseAsRefused;

/** One HTTP resource, three domain commands: the outcome picks the command; the request allows only its words. */
const closingCommand = (demandId: string, occurredAt: string, request: CloseDemandRequest): Closing => {
  const { outcome, note, reason } = request;
  switch (outcome) {
    case 'satisfied':
      return { type: 'CloseAsSatisfied', demandId, occurredAt, ...(note === undefined ? {} : { note }) };
    case 'partially_satisfied':
      return {
        type: 'CloseAsPartiallySatisfied',
        demandId,
        occurredAt,
        ...(note === undefined ? {} : { note }),
      };
    case 'refused':
      return { type: 'CloseAsRefused', demandId, occurredAt, ...(reason === undefined ? {} : { reason }) };
  }
};

@CommandHandler(CloseDemandCommand)
export class CloseDemandHandler implements ICommandHandler<CloseDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: CloseDemandCommand): Promise<CommandResult> {
    const command = closingCommand(demandId, request.occurredAt ?? this.clock.now().toISOString(), request);
    const decision = await this.executor.execute(demandStreamId(demandId), demandDecider, command, context, {
      commandType: command.type,
    });
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
