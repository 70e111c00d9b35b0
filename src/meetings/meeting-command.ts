import { type CommandContext, type CommandResult } from '../infrastructure/commands/command-context.js';
import { type DecisionExecutor } from '../infrastructure/commands/decision-executor.js';
import { startOf } from './domain/meeting-dates.js';
import { type MeetingCommand } from './domain/meeting.commands.js';
import { meetingDecider } from './domain/meeting.decide.js';
import { meetingStreamId } from './domain/meeting.js';
import { meetingReach } from './meeting-reach.js';

/**
 * Runs a meeting command on its stream and answers with `id` (the meeting's, or the item or statement created),
 * the meeting's revision and the position of the last event.
 */
export const executeMeetingCommand = async (
  executor: DecisionExecutor,
  command: MeetingCommand,
  context: CommandContext,
  id: string = command.meetingId,
): Promise<CommandResult> => {
  const decision = await executor.execute(
    meetingStreamId(command.meetingId),
    meetingDecider,
    command,
    context,
    // Checked against the actor's sections like a direct write: the instance's unit, the demands named.
    { commandType: command.type, reach: meetingReach },
  );
  return { id, revision: Number(decision.revision), position: decision.position };
};

/** `occurredAt` given in the body; else the start of the day the fact names; else now. */
export const occurredAtOf = (request: { occurredAt?: string }, now: Date, day?: string): string =>
  request.occurredAt ?? (day === undefined ? now.toISOString() : startOf(day));
