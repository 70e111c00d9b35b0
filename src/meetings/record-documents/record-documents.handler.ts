import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { noticeDaysFor } from '../domain/meeting-rules.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
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
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ meetingId, request, context }: RecordDocumentsCommand): Promise<CommandResult> {
    // The organisation's rules in force (a meeting of another organisation is refused by the executor).
    const rules = await this.deadlineRules.for(context.organisationId);
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordDocuments',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now(), request.receivedOn),
        receivedOn: request.receivedOn,
        title: request.title,
        urgent: request.urgent ?? false,
        noticeDays: request.noticeDays ?? noticeDaysFor(rules, request.urgent ?? false),
      },
      context,
    );
  }
}
