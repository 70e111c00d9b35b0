import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { demandDecider } from '../domain/demand.decide.js';
import { demandStreamId } from '../domain/demand.js';
import { type SendReminderRequest } from './send-reminder.request.js';

export class SendReminderCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: SendReminderRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SendReminderCommand)
export class SendReminderHandler implements ICommandHandler<SendReminderCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: SendReminderCommand): Promise<CommandResult> {
    const { sentAt, ...reminder } = request;
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      demandDecider,
      { type: 'SendReminder', demandId, occurredAt: sentAt ?? this.clock.now().toISOString(), ...reminder },
      context,
      { commandType: 'SendReminder' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
