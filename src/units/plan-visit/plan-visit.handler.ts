import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { visitDecider } from '../domain/visit.decide.js';
import { visitStreamId } from '../domain/visit.js';
import { type PlanVisitRequest } from './plan-visit.request.js';

export class PlanVisitCommand extends Command<CommandResult> {
  constructor(
    readonly request: PlanVisitRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(PlanVisitCommand)
export class PlanVisitHandler implements ICommandHandler<PlanVisitCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: PlanVisitCommand): Promise<CommandResult> {
    const { occurredAt, visitId, antennaIds, plannedFor } = request;
    const id = visitId ?? newIdFor('visit', context);
    const decision = await this.executor.execute(
      visitStreamId(id),
      visitDecider,
      {
        type: 'PlanVisit',
        visitId: id,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        antennaIds: [...antennaIds],
        ...(plannedFor === undefined ? {} : { plannedFor }),
      },
      context,
      { commandType: 'PlanVisit' },
    );
    return { id, revision: Number(decision.revision), position: decision.position };
  }
}
