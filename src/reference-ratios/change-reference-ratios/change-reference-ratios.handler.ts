import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DEFAULT_ORGANISATION } from '../../deadline-rules/deadline-rules.service.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { referenceRatiosDecider } from '../domain/reference-ratios.decide.js';
import { referenceRatiosStreamId } from '../domain/reference-ratios.js';
import { OrganisationReferenceRatios } from '../reference-ratios.service.js';
import { type ChangeReferenceRatiosRequest } from './change-reference-ratios.request.js';

/** `revision` is that of the organisation's ratios stream (-1 while the defaults were never changed). */
export type ChangeReferenceRatiosResult = {
  id: string;
  revision: number;
  position: string;
  /** False when the set equals the ratios in force: nothing was recorded. */
  changed: boolean;
};

export class ChangeReferenceRatiosCommand extends Command<ChangeReferenceRatiosResult> {
  constructor(
    readonly request: ChangeReferenceRatiosRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeReferenceRatiosCommand)
export class ChangeReferenceRatiosHandler implements ICommandHandler<ChangeReferenceRatiosCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly referenceRatios: OrganisationReferenceRatios,
  ) {}

  async execute({ request, context }: ChangeReferenceRatiosCommand): Promise<ChangeReferenceRatiosResult> {
    const { source, reason, occurredAt, cpipPerPeople, asePerPeople } = request;
    const organisationId = context.organisationId ?? DEFAULT_ORGANISATION;
    const decision = await this.executor.execute(
      referenceRatiosStreamId(organisationId),
      referenceRatiosDecider,
      {
        type: 'ChangeReferenceRatios',
        organisationId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ratios: { cpipPerPeople, asePerPeople },
        source,
        ...(reason === undefined ? {} : { reason }),
        defaults: this.referenceRatios.defaults(),
      },
      { ...context, organisationId },
      { commandType: 'ChangeReferenceRatios' },
    );
    return {
      id: organisationId,
      revision: Number(decision.revision),
      position: decision.position,
      changed: decision.events > 0,
    };
  }
}
