import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type ScheduleMeetingRequest } from './schedule-meeting.request.js';

export class ScheduleMeetingCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: ScheduleMeetingRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: ScheduleMeetingCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, kind, ...details } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'ScheduleMeeting',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        kind: kind ?? 'ordinary',
        ...details,
      },
      context,
    );
  }
}
