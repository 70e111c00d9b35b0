import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { deadlineRulesDecider } from '../domain/deadline-rules.decide.js';
import { deadlineRulesStreamId } from '../domain/deadline-rules.js';
import { DEFAULT_ORGANISATION, DeadlineRules } from '../deadline-rules.service.js';
import { type ChangeDeadlineRulesRequest } from './change-deadline-rules.request.js';

/** `revision` is that of the organisation's rules stream (-1 while the defaults were never changed). */
export type ChangeDeadlineRulesResult = {
  id: string;
  revision: number;
  position: string;
  /** False when the set equals the rules in force: nothing was recorded. */
  changed: boolean;
};

export class ChangeDeadlineRulesCommand extends Command<ChangeDeadlineRulesResult> {
  constructor(
    readonly request: ChangeDeadlineRulesRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeDeadlineRulesCommand)
export class ChangeDeadlineRulesHandler implements ICommandHandler<ChangeDeadlineRulesCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ request, context }: ChangeDeadlineRulesCommand): Promise<ChangeDeadlineRulesResult> {
    const { source, reason, occurredAt, ...rules } = request;
    const organisationId = context.organisationId ?? DEFAULT_ORGANISATION;
    const decision = await this.executor.execute(
      deadlineRulesStreamId(organisationId),
      deadlineRulesDecider,
      {
        type: 'ChangeDeadlineRules',
        organisationId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        rules,
        source,
        ...(reason === undefined ? {} : { reason }),
        defaults: this.deadlineRules.defaults(),
      },
      { ...context, organisationId },
      { commandType: 'ChangeDeadlineRules' },
    );
    return {
      id: organisationId,
      revision: Number(decision.revision),
      position: decision.position,
      changed: decision.events > 0,
    };
  }
}
