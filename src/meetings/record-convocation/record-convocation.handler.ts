import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { noticeDaysFor, type MeetingRules } from '../domain/meeting-rules.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { MEETING_RULES } from '../meeting-rules.provider.js';
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
    @Inject(MEETING_RULES) private readonly rules: MeetingRules,
  ) {}

  execute({ meetingId, request, context }: RecordConvocationCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordConvocation',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        receivedOn: request.receivedOn,
        urgent: request.urgent ?? false,
        noticeDays: request.noticeDays ?? noticeDaysFor(this.rules, request.urgent ?? false),
      },
      context,
    );
  }
}
