import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { dossierDecider, type DossierState } from '../domain/dossier.decide.js';
import { type DossierEvent, dossierStreamId } from '../domain/dossier.events.js';
import type { DossierModel, LiminaireParagraph } from '../domain/dossier.model.js';
import { GetDossierQuery } from '../get-dossier/get-dossier.handler.js';

/** What the composing officer sees. */
export type DossierWorkspace = {
  meetingId: string;
  composition: DossierState['composition'];
  proposal: {
    arreteAu: string;
    demands: {
      demandId: string;
      ref: string;
      title: string;
      antennaName: string;
      statusLabel: string;
      overdue: boolean;
      question: string;
      questionChannel: string;
    }[];
    /** The suggested questions diverses: a handful, none already tabled at the instance. */
    questionDemandIds: string[];
    liminaire: LiminaireParagraph[];
  };
  /** Names found in the dossier's texts and whether redaction masks them, before issuing. */
  names: DossierModel['names'];
  issues: { issue: number; generatedAt: string; arreteAu: string; digest: string }[];
};

export class GetDossierWorkspaceQuery extends Query<DossierWorkspace> {
  constructor(
    readonly meetingId: string,
    readonly organisationId?: string,
  ) {
    super();
  }
}

export const dossierStateOf = async (store: EventStore, meetingId: string): Promise<DossierState> =>
  (await store.readStream(dossierStreamId(meetingId))).reduce(
    (state, e) => dossierDecider.evolve(state, { type: e.type, data: e.data } as unknown as DossierEvent),
    dossierDecider.initialState(),
  );

@QueryHandler(GetDossierWorkspaceQuery)
export class GetDossierWorkspaceHandler implements IQueryHandler<GetDossierWorkspaceQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ meetingId, organisationId }: GetDossierWorkspaceQuery): Promise<DossierWorkspace> {
    // The proposal first: it answers 404 for a meeting the organisation does not have.
    const state = await dossierStateOf(this.store, meetingId);
    const settings = state.composition;
    const proposal: DossierModel = await this.queries.execute(
      new GetDossierQuery(meetingId, {
        ...(organisationId ? { organisationId } : {}),
        ...(settings ? { arreteAu: new Date(settings.arreteAu), known: settings.known } : {}),
        redaction: settings?.redaction ?? 'roles',
      }),
    );
    return {
      meetingId,
      composition: state.composition,
      proposal: {
        arreteAu: proposal.meta.arreteAu,
        demands: proposal.sheets.map((s) => ({
          demandId: s.row.demandId,
          ref: s.row.ref,
          title: s.row.title,
          antennaName: s.row.antennaName,
          statusLabel: s.row.statusLabel,
          overdue: s.row.overdue,
          question: s.question.text,
          questionChannel: s.question.channelLabel,
        })),
        questionDemandIds: proposal.questionsDiverses.map((q) => q.row.demandId),
        liminaire: proposal.liminaire,
      },
      names: proposal.names,
      issues: state.issues.map((i) => ({
        issue: i.issue,
        generatedAt: i.generatedAt,
        arreteAu: i.arreteAu,
        digest: i.digest,
      })),
    };
  }
}
