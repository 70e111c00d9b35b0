import { Inject } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  Query,
  QueryBus,
  QueryHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { assertMayComposeFor } from '../compose-dossier/dossier-access.js';
import { dossierStateOf } from '../compose-dossier/get-dossier-workspace.handler.js';
import {
  dossierDecider,
  DossierIssueNotFoundError,
  DossierNotComposedError,
} from '../domain/dossier.decide.js';
import { dossierStreamId } from '../domain/dossier.events.js';
import type { DossierModel } from '../domain/dossier.model.js';
import { GetDossierQuery } from '../get-dossier/get-dossier.handler.js';

export type IssueResult = {
  id: string;
  issue: number;
  revision: number;
  digest: string;
  generatedAt: string;
};

export class IssueDossierCommand extends Command<IssueResult> {
  constructor(
    readonly meetingId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Issues the current composition: builds it once from the store as recorded now, and records what makes it
 * reproducible (cutoff, knowledge, redaction, recorded instant, composition, generation instant, digest, seal).
 * The instance's unit must be within the actor's sections (403 ACCESS.OUTSIDE_SECTION).
 */
@CommandHandler(IssueDossierCommand)
export class IssueDossierHandler implements ICommandHandler<IssueDossierCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async execute({ meetingId, context }: IssueDossierCommand): Promise<IssueResult> {
    const state = await dossierStateOf(this.store, meetingId);
    const composition = state.composition;
    if (!composition) throw new DossierNotComposedError(meetingId);
    const generatedAt = this.clock.now().toISOString();
    const model: DossierModel = await this.queries.execute(
      new GetDossierQuery(meetingId, {
        ...(context.organisationId ? { organisationId: context.organisationId } : {}),
        arreteAu: new Date(composition.arreteAu),
        known: composition.known,
        redaction: composition.redaction,
        composition,
        generatedAt,
      }),
    );
    await assertMayComposeFor(this.db, context, meetingId, model.meta.perimeterUnitId);
    const decision = await this.executor.execute(
      dossierStreamId(meetingId),
      dossierDecider,
      {
        type: 'IssueDossier',
        meetingId,
        occurredAt: generatedAt,
        recordedUpTo: model.audit.recordedUpTo,
        generatedAt,
        digest: model.audit.digest,
        checkedEvents: model.audit.checkedEvents,
        seal: model.audit.seal
          ? {
              sealId: model.audit.seal.sealId,
              count: model.audit.seal.count,
              rootHash: model.audit.seal.rootHash,
              sealedAt: model.audit.seal.sealedAt,
              position: model.audit.seal.position,
            }
          : null,
      },
      context,
      { commandType: 'IssueDossier' },
    );
    return {
      id: meetingId,
      issue: state.issues.length + 1,
      revision: Number(decision.revision),
      digest: model.audit.digest,
      generatedAt,
    };
  }
}

export class GetIssuedDossierQuery extends Query<DossierModel> {
  constructor(
    readonly meetingId: string,
    readonly issue: number,
    readonly organisationId?: string,
  ) {
    super();
  }
}

/** An issued dossier produced again: the same options, the store as recorded then, the same generation instant. */
@QueryHandler(GetIssuedDossierQuery)
export class GetIssuedDossierHandler implements IQueryHandler<GetIssuedDossierQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ meetingId, issue, organisationId }: GetIssuedDossierQuery): Promise<DossierModel> {
    const state = await dossierStateOf(this.store, meetingId);
    const issued = state.issues.find((i) => i.issue === issue);
    if (!issued) throw new DossierIssueNotFoundError(meetingId, issue);
    return this.queries.execute(
      new GetDossierQuery(meetingId, {
        ...(organisationId ? { organisationId } : {}),
        arreteAu: new Date(issued.arreteAu),
        known: issued.known,
        redaction: issued.redaction,
        recordedUpTo: new Date(issued.recordedUpTo),
        composition: issued.composition,
        generatedAt: issued.generatedAt,
        seal: issued.seal,
      }),
    );
  }
}
