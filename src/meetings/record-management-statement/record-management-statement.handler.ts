import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { executeMeetingCommand, occurredAtOf } from '../meeting-command.js';
import { type RecordManagementStatementRequest } from './record-management-statement.request.js';

export class RecordManagementStatementCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: RecordManagementStatementRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordManagementStatementCommand)
export class RecordManagementStatementHandler implements ICommandHandler<RecordManagementStatementCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  execute({ meetingId, request, context }: RecordManagementStatementCommand): Promise<CommandResult> {
    const statementId = newIdFor('statement', context);
    const { occurredAt: _occurredAt, ...fields } = request;
    return executeMeetingCommand(
      this.executor,
      {
        type: 'RecordManagementStatement',
        meetingId,
        occurredAt: occurredAtOf(request, this.clock.now()),
        statementId,
        ...fields,
      },
      context,
      statementId,
    );
  }
}
