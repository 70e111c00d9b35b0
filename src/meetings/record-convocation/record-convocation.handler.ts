import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { noticeDaysFor } from '../domain/meeting-rules.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordConvocationRequest } from './record-convocation.request.js';

export class RecordConvocationCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RecordConvocationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordConvocationCommand)
export class RecordConvocationHandler implements ICommandHandler<RecordConvocationCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ meetingId, request, context }: RecordConvocationCommand): Promise<CommandResult> {
    // The organisation's rules in force (a meeting of another organisation is refused by the executor).
    const rules = await this.deadlineRules.for(context.organisationId);
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordConvocation',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        receivedOn: request.receivedOn,
        urgent: request.urgent ?? false,
        noticeDays: request.noticeDays ?? noticeDaysFor(rules, request.urgent ?? false),
      },
      context,
    );
  }
}
