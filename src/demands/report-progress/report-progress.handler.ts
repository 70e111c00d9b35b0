import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type ReportProgressRequest } from './report-progress.request.js';

export class ReportProgressCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: ReportProgressRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: ReportProgressCommand): Promise<CommandResult> {
    const { occurredAt, ...progress } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      {
        type: 'ReportProgress',
        demandId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...progress,
      },
      context,
      { commandType: 'ReportProgress' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
