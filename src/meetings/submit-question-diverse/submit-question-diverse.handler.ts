import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type SubmitQuestionDiverseRequest } from './submit-question-diverse.request.js';

export class SubmitQuestionDiverseCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: SubmitQuestionDiverseRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitQuestionDiverseCommand)
export class SubmitQuestionDiverseHandler implements ICommandHandler<SubmitQuestionDiverseCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: SubmitQuestionDiverseCommand): Promise<CommandResult> {
    const itemId = newIdFor('question', context);
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'SubmitQuestionDiverse',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        itemId,
        ...fields,
      },
      context,
      itemId,
    );
  }
}
