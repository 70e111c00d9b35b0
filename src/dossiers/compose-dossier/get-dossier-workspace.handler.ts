import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { withinUnits } from '../../infrastructure/commands/access.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { dossierDecider, type DossierState } from '../domain/dossier.decide.js';
import { type DossierEvent, dossierStreamId } from '../domain/dossier.events.js';
import type { DossierModel, LiminaireParagraph } from '../domain/dossier.model.js';
import { GetDossierQuery } from '../get-dossier/get-dossier.handler.js';

/** What the composing officer sees. */
export type DossierWorkspace = {
  meetingId: string;
  /** Revision of the dossier's stream (-1: nothing composed yet): what `If-Match` compares when composing. */
  revision: number;
  /** The unit the instance sits at, or null when none matched (the whole organisation). */
  unitId: string | null;
  /** Whether that unit is within the reader's sections (the check composing and issuing make). */
  withinSections: boolean;
  composition: DossierState['composition'];
  proposal: {
    arreteAu: string;
    demands: {
      demandId: string;
      /** The demand's current revision (its stream), as the composing officer saw it. */
      revision: number | null;
      ref: string;
      title: string;
      antennaId: string;
      antennaName: string;
      statusLabel: string;
      overdue: boolean;
      question: string;
      questionChannel: string;
      /** Why this question is asked (overdue answer, late commitment…), in French. */
      questionReason: string;
      /** Among the suggested questions diverses. */
      suggested: boolean;
    }[];
    /** The suggested questions diverses: a handful, none already tabled at the instance. */
    questionDemandIds: string[];
    liminaire: LiminaireParagraph[];
    /**
     * The draft statement generated on the composed demands (when there is a composition): what the officer edits,
     * each paragraph with its recorded sources.
     */
    composedLiminaire: LiminaireParagraph[] | null;
  };
  /** Names found in the dossier's texts and whether redaction masks them, before issuing. */
  names: DossierModel['names'];
  issues: { issue: number; generatedAt: string; arreteAu: string; digest: string }[];
};

export class GetDossierWorkspaceQuery extends Query<DossierWorkspace> {
  constructor(
    readonly meetingId: string,
    readonly organisationId?: string,
    /** The reader's sections ('all' for admins); undefined: no check (system). */
    readonly sectionUnitIds?: string[] | 'all',
  ) {
    super();
  }
}

export const dossierStateOf = async (store: EventStore, meetingId: string): Promise<DossierState> =>
  (await dossierStreamOf(store, meetingId)).state;

/** The dossier's state and its stream's revision (-1 when nothing is recorded). */
export const dossierStreamOf = async (
  store: EventStore,
  meetingId: string,
): Promise<{ state: DossierState; revision: number }> => {
  const events = await store.readStream(dossierStreamId(meetingId));
  return {
    state: events.reduce(
      (state, e) => dossierDecider.evolve(state, { type: e.type, data: e.data } as unknown as DossierEvent),
      dossierDecider.initialState(),
    ),
    revision: events.length === 0 ? -1 : Number(events[events.length - 1]?.revision ?? -1),
  };
};

@QueryHandler(GetDossierWorkspaceQuery)
export class GetDossierWorkspaceHandler implements IQueryHandler<GetDossierWorkspaceQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Database,
    private readonly queries: QueryBus,
  ) {}

  async execute({
    meetingId,
    organisationId,
    sectionUnitIds,
  }: GetDossierWorkspaceQuery): Promise<DossierWorkspace> {
    // The proposal first: it answers 404 for a meeting the organisation does not have.
    const { state, revision } = await dossierStreamOf(this.store, meetingId);
    const settings = state.composition;
    const options = {
      ...(organisationId ? { organisationId } : {}),
      ...(settings ? { arreteAu: new Date(settings.arreteAu), known: settings.known } : {}),
      redaction: settings?.redaction ?? 'roles',
    };
    const proposal: DossierModel = await this.queries.execute(new GetDossierQuery(meetingId, options));
    // The draft on the composed demands, sources and all (the proposal's draft speaks of every demand in scope).
    const composed: DossierModel | null = settings
      ? await this.queries.execute(
          new GetDossierQuery(meetingId, {
            ...options,
            composition: {
              demandIds: settings.demandIds,
              questionDemandIds: settings.questionDemandIds,
              liminaire: null,
            },
          }),
        )
      : null;
    const ids = proposal.sheets.map((s) => s.row.demandId);
    const revisions = new Map(
      (
        await this.db.query<{ demand_id: string; revision: string }>(
          `SELECT demand_id, revision::text AS revision FROM rm.demand_status
            WHERE demand_id = ANY($1::text[]) AND ($2::text IS NULL OR organisation_id = $2)`,
          [ids, organisationId ?? null],
        )
      ).rows.map((r) => [r.demand_id, Number(r.revision)]),
    );
    const unitId = proposal.meta.perimeterUnitId;
    const withinSections =
      sectionUnitIds === undefined || sectionUnitIds === 'all'
        ? true
        : unitId !== null && (await withinUnits(this.db, unitId, sectionUnitIds));
    const suggested = new Set(proposal.questionsDiverses.map((q) => q.row.demandId));
    return {
      meetingId,
      revision,
      unitId,
      withinSections,
      composition: state.composition,
      proposal: {
        arreteAu: proposal.meta.arreteAu,
        demands: proposal.sheets.map((s) => ({
          demandId: s.row.demandId,
          revision: revisions.get(s.row.demandId) ?? null,
          ref: s.row.ref,
          title: s.row.title,
          antennaId: s.row.antennaId,
          antennaName: s.row.antennaName,
          statusLabel: s.row.statusLabel,
          overdue: s.row.overdue,
          question: s.question.text,
          questionChannel: s.question.channelLabel,
          questionReason: s.question.reason,
          suggested: suggested.has(s.row.demandId),
        })),
        questionDemandIds: proposal.questionsDiverses.map((q) => q.row.demandId),
        liminaire: proposal.liminaire,
        composedLiminaire: composed ? composed.liminaire : null,
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
