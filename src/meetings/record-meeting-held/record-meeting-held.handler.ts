import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordMeetingHeldRequest } from './record-meeting-held.request.js';

export class RecordMeetingHeldCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RecordMeetingHeldRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordMeetingHeldCommand)
export class RecordMeetingHeldHandler implements ICommandHandler<RecordMeetingHeldCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: RecordMeetingHeldCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordMeetingHeld',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.heldOn),
        heldOn: request.heldOn,
        ...(request.quorum === undefined ? {} : { quorum: request.quorum }),
        attendeeRoles: request.attendeeRoles ?? [],
      },
      context,
    );
  }
}
