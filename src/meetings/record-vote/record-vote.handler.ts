import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordVoteRequest } from './record-vote.request.js';

export class RecordVoteCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly itemId: string,
    readonly request: RecordVoteRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordVoteCommand)
export class RecordVoteHandler implements ICommandHandler<RecordVoteCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, itemId, request, context }: RecordVoteCommand): Promise<CommandResult> {
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordVote',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.votedOn),
        itemId,
        ...fields,
        votes: request.votes.map(({ union, pour, contre, abstention }) => ({
          union,
          pour,
          contre,
          abstention,
        })),
      },
      context,
    );
  }
}
