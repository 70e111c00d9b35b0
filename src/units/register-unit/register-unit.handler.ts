import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationOf } from '../../infrastructure/commands/access.js';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { fold } from '../../shared/decider.js';
import { PARENT_KIND, unitDecider } from '../domain/unit.decide.js';
import { evolve, initialState, unitStreamId } from '../domain/unit.js';
import { UnitInvalidError } from '../domain/units.errors.js';
import { type UnitEvent, type UnitKind } from '../domain/units.events.js';
import { type RegisterUnitRequest } from './register-unit.request.js';

export class RegisterUnitCommand extends Command<CommandResult> {
  constructor(
    readonly request: RegisterUnitRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Reads the parent's stream for its kind (the domain checks the hierarchy with it), then registers the unit. */
@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: RegisterUnitCommand): Promise<CommandResult> {
    const { occurredAt, ...unit } = request;
    const parentKind = unit.parentId === undefined ? undefined : await this.kindOf(unit.parentId, context);
    if (unit.parentId !== undefined && parentKind === undefined) {
      throw new UnitInvalidError(
        unit.unitId,
        'PARENT_NOT_FOUND',
        `parentId « ${unit.parentId} » ne désigne aucune unité enregistrée : enregistrez d’abord l’unité ${PARENT_KIND[unit.kind] ?? 'parente'}`,
      );
    }
    const decision = await this.executor.execute(
      unitStreamId(unit.unitId),
      unitDecider,
      {
        type: 'RegisterUnit',
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        ...unit,
        ...(parentKind === undefined ? {} : { parentKind }),
      },
      context,
      { commandType: 'RegisterUnit' },
    );
    return { id: unit.unitId, revision: Number(decision.revision), position: decision.position };
  }

  /** Kind of a registered unit of the actor's organisation (another organisation's units do not exist for it). */
  private async kindOf(unitId: string, context: CommandContext): Promise<UnitKind | undefined> {
    const events = await this.store.readStream(unitStreamId(unitId));
    const owner = organisationOf(events);
    if (owner !== undefined && context.organisationId !== undefined && owner !== context.organisationId) {
      return undefined;
    }
    const state = fold(
      evolve,
      initialState(),
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as UnitEvent),
    );
    return state.status === 'INITIAL' ? undefined : state.kind;
  }
}
