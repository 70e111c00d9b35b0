import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { defaultResponseDueAt } from './response-window.js';
import { type SubmitDemandRequest } from './submit-demand.request.js';

export class SubmitDemandCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: SubmitDemandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitDemandCommand)
export class SubmitDemandHandler implements ICommandHandler<SubmitDemandCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ demandId, request, context }: SubmitDemandCommand): Promise<CommandResult> {
    const { submittedAt, responseDueAt, ...submission } = request;
    const occurredAt = submittedAt ?? this.clock.now().toISOString();
    // Without a due date: the organisation's response window in force (default 30 days).
    const dueAt =
      responseDueAt ??
      defaultResponseDueAt(
        occurredAt,
        (await this.deadlineRules.for(context.organisationId)).responseWindowDays,
      );
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'SubmitDemand',
        demandId,
        occurredAt,
        responseDueAt: dueAt,
        ...submission,
      },
      context,
      { commandType: 'SubmitDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
