import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { dossierDecider, DossierInvalidError } from '../domain/dossier.decide.js';
import { dossierStreamId } from '../domain/dossier.events.js';
import { arreteAuFrom } from '../get-dossier/get-dossier.request.js';
import { GetDossierQuery } from '../get-dossier/get-dossier.handler.js';
import { type ComposeDossierRequest } from './compose-dossier.request.js';
import { assertMayComposeFor } from './dossier-access.js';

export class ComposeDossierCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly request: ComposeDossierRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Records the officer's composition. The demands picked must be in the dossier's perimeter, as the proposal for the
 * same cutoff lists them: another organisation's demand, or one outside the instance, is refused naming the field.
 * The instance's unit must be within the actor's sections (403 ACCESS.OUTSIDE_SECTION, as for direct writes).
 */
@CommandHandler(ComposeDossierCommand)
export class ComposeDossierHandler implements ICommandHandler<ComposeDossierCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async execute({ meetingId, request, context }: ComposeDossierCommand): Promise<CommandResult> {
    const redaction = request.redaction ?? 'roles';
    const arreteAu = arreteAuFrom(request);
    const known = request.known ?? 'occurred';
    const proposal = await this.queries.execute(
      new GetDossierQuery(meetingId, {
        ...(context.organisationId ? { organisationId: context.organisationId } : {}),
        ...(arreteAu ? { arreteAu } : {}),
        known,
        redaction,
      }),
    );
    await assertMayComposeFor(this.db, context, meetingId, proposal.meta.perimeterUnitId);
    const inScope = new Set(proposal.summary.map((row) => row.demandId));
    const unknown = request.demandIds.find((id) => !inScope.has(id));
    if (unknown !== undefined) {
      throw new DossierInvalidError(
        meetingId,
        'demandIds',
        `La revendication ${unknown} n’est pas dans le périmètre de ce dossier à cette date`,
      );
    }
    const decision = await this.executor.execute(
      dossierStreamId(meetingId),
      dossierDecider,
      {
        type: 'ComposeDossier',
        meetingId,
        occurredAt: this.clock.now().toISOString(),
        demandIds: request.demandIds,
        questionDemandIds: request.questionDemandIds,
        liminaire: request.liminaire ?? null,
        arreteAu: proposal.meta.arreteAu,
        known,
        redaction,
      },
      context,
      { commandType: 'ComposeDossier' },
    );
    return { id: meetingId, revision: Number(decision.revision), position: decision.position };
  }
}
