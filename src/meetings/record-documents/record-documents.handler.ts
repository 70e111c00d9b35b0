import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { noticeDaysFor, type MeetingRules } from '../domain/meeting-rules.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { MEETING_RULES } from '../meeting-rules.provider.js';
import { type RecordDocumentsRequest } from './record-documents.request.js';

export class RecordDocumentsCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RecordDocumentsRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordDocumentsCommand)
export class RecordDocumentsHandler implements ICommandHandler<RecordDocumentsCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    @Inject(MEETING_RULES) private readonly rules: MeetingRules,
  ) {}

  execute({ meetingId, request, context }: RecordDocumentsCommand): Promise<CommandResult> {
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordDocuments',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        receivedOn: request.receivedOn,
        title: request.title,
        urgent: request.urgent ?? false,
        noticeDays: request.noticeDays ?? noticeDaysFor(this.rules, request.urgent ?? false),
      },
      context,
    );
  }
}
