import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { visitDecider } from '../domain/visit.decide.js';
import { visitStreamId } from '../domain/visit.js';
import { type ConductVisitRequest } from './conduct-visit.request.js';

export class ConductVisitCommand extends Command<CommandResult> {
  constructor(
    readonly visitId: string,
    readonly request: ConductVisitRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ConductVisitCommand)
export class ConductVisitHandler implements ICommandHandler<ConductVisitCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ visitId, request, context }: ConductVisitCommand): Promise<CommandResult> {
    const { occurredAt, antennaId, conductedOn, sourceRef } = request;
    const decision = await this.executor.execute(
      visitStreamId(visitId),
      visitDecider,
      {
        type: 'ConductVisit',
        visitId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        antennaId,
        conductedOn,
        ...(sourceRef === undefined ? {} : { sourceRef }),
      },
      context,
      { commandType: 'ConductVisit' },
    );
    return { id: visitId, revision: Number(decision.revision), position: decision.position };
  }
}
