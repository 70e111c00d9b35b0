import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type Decider } from '../../shared/decider.js';
import { DEMAND_COMMAND_LABELS, type RaiseDemand } from '../domain/demand.commands.js';
import { ALLOWED_FROM, demandDecider } from '../domain/demand.decide.js';
import { DemandNotFoundError, DemandTransitionNotAllowedError } from '../domain/demand.errors.js';
import { type DemandEvent } from '../domain/demand.events.js';
import { type DemandState, demandStreamId } from '../domain/demand.js';
import { type RaiseDraftRequest } from './raise-draft.request.js';

export class RaiseDraftCommand extends Command<CommandResult> {
  constructor(
    readonly demandId: string,
    readonly request: RaiseDraftRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A RaiseDemand without details: they are taken from the draft. */
type RaiseDraft = Pick<RaiseDemand, 'type' | 'demandId' | 'occurredAt'>;

/**
 * The domain's RaiseDemand adopts a draft with the details it is given. Here they are the draft's own, read from
 * the very state the decision is made on, so a concurrent change of the draft cannot be lost.
 */
const withDraftDetails = (command: RaiseDraft, state: DemandState): RaiseDemand => {
  if (state.status === 'INITIAL') throw new DemandNotFoundError(command.demandId);
  if (!ALLOWED_FROM.RaiseDemand.includes(state.status)) {
    throw new DemandTransitionNotAllowedError(
      command.demandId,
      command.type,
      DEMAND_COMMAND_LABELS.RaiseDemand,
      state.status,
      ALLOWED_FROM.RaiseDemand,
    );
  }
  return {
    ...command,
    antennaId: state.antennaId,
    title: state.title,
    ...(state.description === null ? {} : { description: state.description }),
    category: state.category,
    explicit: state.explicit,
    ...(state.quote === null ? {} : { quote: state.quote }),
    priority: state.priority,
    addressees: state.addressees,
    level: state.level,
    observationIds: state.observationIds,
    legalRefs: state.legalRefs,
    legalBases: state.legalBases,
    ...(state.sourceRef === null ? {} : { sourceRef: state.sourceRef }),
    ...(state.illustrative ? { illustrative: true } : {}),
  };
};

const draftRaiser: Decider<DemandState, RaiseDraft, DemandEvent> = {
  initialState: demandDecider.initialState,
  evolve: demandDecider.evolve,
  decide: (command, state) => demandDecider.decide(withDraftDetails(command, state), state),
};

@CommandHandler(RaiseDraftCommand)
export class RaiseDraftHandler implements ICommandHandler<RaiseDraftCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, request, context }: RaiseDraftCommand): Promise<CommandResult> {
    const decision = await this.executor.execute(
      demandStreamId(demandId),
      draftRaiser,
      { type: 'RaiseDemand', demandId, occurredAt: request.occurredAt ?? this.clock.now().toISOString() },
      context,
      { commandType: 'RaiseDemand' },
    );
    return { id: demandId, revision: Number(decision.revision), position: decision.position };
  }
}
