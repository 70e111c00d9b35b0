import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type RecordManagementResponseRequest } from './record-management-response.request.js';

export class RecordManagementResponseCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: RecordManagementResponseRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordManagementResponseCommand)
export class RecordManagementResponseHandler implements ICommandHandler<RecordManagementResponseCommand> {
  constructor(private readonly executor: DecisionExecutor) {}

  async execute({ demandId, request, context }: RecordManagementResponseCommand): Promise<CommandResult> {
    const { respondedAt, ...response } = request;
    const responseId = newIdFor('response', context);
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      { type: 'RecordManagementResponse', demandId, occurredAt: respondedAt, responseId, ...response },
      context,
      { commandType: 'RecordManagementResponse' },
    );
    return { id: responseId, revision: Number(decision.revision), position: decision.position };
  }
}
