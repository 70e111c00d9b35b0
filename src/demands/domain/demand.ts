import { upcastDemandEvent } from './demand.upcast.js';
import type {
  Addressee,
  DemandCategory,
  DemandChannel,
  DemandDetails,
  DemandEvent,
  DemandLevel,
  DemandPriority,
  DemandDrafted,
  DemandRaised,
  Evidence,
  LegalBasis,
  ResponseStance,
  VerificationFinding,
} from './demand.events.js';
import { canonicalInstant, latest, toMillis } from './iso-time.js';

export const DEMAND_STATUSES = [
  'DRAFT',
  'RAISED',
  'SUBMITTED',
  'ACKNOWLEDGED',
  'RESPONSE_RECEIVED',
  'COMMITTED',
  'IN_PROGRESS',
  'SATISFIED',
  'PARTIALLY_SATISFIED',
  'REFUSED',
  'ABANDONED',
  'MERGED',
] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const TERMINAL_STATUSES = [
  'SATISFIED',
  'PARTIALLY_SATISFIED',
  'REFUSED',
  'ABANDONED',
  'MERGED',
] as const satisfies readonly DemandStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export const OPEN_STATUSES = [
  'DRAFT',
  'RAISED',
  'SUBMITTED',
  'ACKNOWLEDGED',
  'RESPONSE_RECEIVED',
  'COMMITTED',
  'IN_PROGRESS',
] as const satisfies readonly DemandStatus[];

export const isTerminal = (status: DemandStatus): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly DemandStatus[]).includes(status);

export const demandStreamId = (demandId: string): string => `demand-${demandId}`;

export type Commitment = {
  commitmentId: string;
  deliverable: string;
  /** Role of the person who committed (e.g. DFSPIP). */
  owner: string;
  dueAt: string;
  acceptanceCriterion: string | null;
  madeAt: string;
  status: 'open' | 'done';
  progressPercent: number | null;
  rescheduleCount: number;
};

export type ManagementResponse = {
  responseId: string;
  stance: ResponseStance;
  text: string;
  authorRole: string;
  channel: DemandChannel;
  respondedAt: string;
  documentRef: string | null;
};

export type Submission = {
  channel: DemandChannel;
  addressee: Addressee;
  meetingId: string | null;
  submittedAt: string;
};

export type Verification = { evidence: Evidence; finding: VerificationFinding; verifiedAt: string };

/** A demand that exists. Everything a read model needs is here, so projections can fold with `evolve`. */
export type Demand = {
  status: DemandStatus;
  demandId: string;
  antennaId: string;
  title: string;
  description: string | null;
  category: DemandCategory;
  explicit: boolean;
  quote: string | null;
  priority: DemandPriority;
  level: DemandLevel;
  addressees: Addressee[];
  observationIds: string[];
  legalRefs: string[];
  /** Legal bases recorded with the demand, with their text and who added them. */
  legalBases: LegalBasis[];
  sourceRef: string | null;
  illustrative: boolean;
  draftedAt: string | null;
  raisedAt: string | null;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  lastSubmission: Submission | null;
  /** Submissions plus reminders: "asked N times". */
  timesAsked: number;
  acknowledgedAt: string | null;
  /** When an answer is awaited; null when nothing is awaited (answered, not yet submitted, escalated, closed). */
  responseDueAt: string | null;
  lastResponse: ManagementResponse | null;
  responseCount: number;
  deferCount: number;
  /** Set after the second "defer": prompt the user to request a formal agenda item or to escalate. */
  suggestAgendaItem: boolean;
  commitments: Commitment[];
  progressPercent: number | null;
  /** Latest verification since the last reopening. */
  verification: Verification | null;
  mergedInto: string | null;
  closedAt: string | null;
  /** Abandon reason, refusal reason, or null. */
  closeReason: string | null;
  closeNote: string | null;
  reopenCount: number;
  /** Keys of the deadlines already recorded as missed (see `deadlineKey`). */
  missedDeadlines: string[];
  /** Latest `occurredAt` seen. */
  lastEventAt: string;
};

export type DemandState = { status: 'INITIAL' } | Demand;

export const initialState = (): DemandState => ({ status: 'INITIAL' });

/** Stable key of a deadline, used to record each missed deadline once. */
export const deadlineKey = (
  deadline: { kind: 'response'; dueAt: string } | { kind: 'commitment'; commitmentId: string; dueAt: string },
): string =>
  deadline.kind === 'response'
    ? `response@${canonicalInstant(deadline.dueAt)}`
    : `commitment:${deadline.commitmentId}@${canonicalInstant(deadline.dueAt)}`;

const created = (
  state: DemandState,
  details: DemandDetails & { demandId: string; occurredAt: string },
  status: 'DRAFT' | 'RAISED',
  at: { draftedAt: string | null; raisedAt: string | null },
): Demand => {
  const previous = state.status === 'INITIAL' ? null : state;
  return {
    status,
    demandId: details.demandId,
    antennaId: details.antennaId,
    title: details.title,
    description: details.description ?? null,
    category: details.category,
    explicit: details.explicit,
    quote: details.quote ?? null,
    priority: details.priority,
    level: details.level,
    addressees: [...details.addressees],
    observationIds: [...details.observationIds],
    legalRefs: [...details.legalRefs],
    legalBases: (details.legalBases ?? []).map((b) => ({ ...b })),
    sourceRef: details.sourceRef ?? null,
    illustrative: details.illustrative ?? false,
    draftedAt: previous?.draftedAt ?? at.draftedAt,
    raisedAt: at.raisedAt,
    firstSubmittedAt: null,
    lastSubmittedAt: null,
    lastSubmission: null,
    timesAsked: 0,
    acknowledgedAt: null,
    responseDueAt: null,
    lastResponse: null,
    responseCount: 0,
    deferCount: 0,
    suggestAgendaItem: false,
    commitments: [],
    progressPercent: null,
    verification: null,
    mergedInto: null,
    closedAt: null,
    closeReason: null,
    closeNote: null,
    reopenCount: 0,
    missedDeadlines: [],
    lastEventAt: latest(previous?.lastEventAt ?? null, details.occurredAt),
  };
};

const closed = (
  demand: Demand,
  status: TerminalStatus,
  at: string,
  reason: string | null,
  note: string | null,
): Demand => ({ ...demand, status, closedAt: at, closeReason: reason, closeNote: note, responseDueAt: null });

const updateCommitment = (
  demand: Demand,
  commitmentId: string,
  change: (c: Commitment) => Commitment,
): Commitment[] => demand.commitments.map((c) => (c.commitmentId === commitmentId ? change(c) : c));

type ChangeEvent = Exclude<DemandEvent, DemandDrafted | DemandRaised>;

const evolveDemand = (demand: Demand, event: ChangeEvent): Demand => {
  switch (event.type) {
    case 'DemandLinkedToObservation':
      return demand.observationIds.includes(event.data.observationId)
        ? demand
        : { ...demand, observationIds: [...demand.observationIds, event.data.observationId] };
    case 'DemandUnlinkedFromObservation':
      return {
        ...demand,
        observationIds: demand.observationIds.filter((id) => id !== event.data.observationId),
      };
    case 'DemandReworded':
      return {
        ...demand,
        title: event.data.title ?? demand.title,
        description: event.data.description ?? demand.description,
      };
    case 'DemandPrioritySet':
      return { ...demand, priority: event.data.priority };
    case 'DemandAddresseesChanged':
      return { ...demand, addressees: [...event.data.addressees] };
    case 'DemandSubmitted':
      return {
        ...demand,
        status: 'SUBMITTED',
        firstSubmittedAt: demand.firstSubmittedAt ?? event.data.submittedAt,
        lastSubmittedAt: event.data.submittedAt,
        lastSubmission: {
          channel: event.data.channel,
          addressee: event.data.addressee,
          meetingId: event.data.meetingId ?? null,
          submittedAt: event.data.submittedAt,
        },
        timesAsked: demand.timesAsked + 1,
        responseDueAt: event.data.responseDueAt,
      };
    case 'ReminderSent':
      return {
        ...demand,
        timesAsked: demand.timesAsked + 1,
        responseDueAt: event.data.responseDueAt ?? demand.responseDueAt,
      };
    case 'ManagementAcknowledged':
      return { ...demand, status: 'ACKNOWLEDGED', acknowledgedAt: event.data.occurredAt };
    case 'ManagementResponseReceived': {
      const deferred = event.data.stance === 'defer';
      const deferCount = demand.deferCount + (deferred ? 1 : 0);
      return {
        ...demand,
        status:
          demand.status === 'COMMITTED' || demand.status === 'IN_PROGRESS'
            ? demand.status
            : 'RESPONSE_RECEIVED',
        lastResponse: {
          responseId: event.data.responseId,
          stance: event.data.stance,
          text: event.data.text,
          authorRole: event.data.authorRole,
          channel: event.data.channel,
          respondedAt: event.data.respondedAt,
          documentRef: event.data.documentRef ?? null,
        },
        responseCount: demand.responseCount + 1,
        responseDueAt: deferred ? (event.data.newDueAt ?? demand.responseDueAt) : null,
        deferCount,
        suggestAgendaItem: demand.suggestAgendaItem || deferCount >= 2,
      };
    }
    case 'CommitmentMade':
      return {
        ...demand,
        status: demand.status === 'IN_PROGRESS' ? 'IN_PROGRESS' : 'COMMITTED',
        commitments: [
          ...demand.commitments,
          {
            commitmentId: event.data.commitmentId,
            deliverable: event.data.deliverable,
            owner: event.data.owner,
            dueAt: event.data.dueAt,
            acceptanceCriterion: event.data.acceptanceCriterion ?? null,
            madeAt: event.data.occurredAt,
            status: 'open',
            progressPercent: null,
            rescheduleCount: 0,
          },
        ],
      };
    case 'CommitmentRescheduled':
      return {
        ...demand,
        commitments: updateCommitment(demand, event.data.commitmentId, (c) => ({
          ...c,
          dueAt: event.data.newDueAt,
          rescheduleCount: c.rescheduleCount + 1,
        })),
      };
    case 'ProgressReported': {
      const { percent, commitmentId } = event.data;
      const done = percent >= 100;
      const commitments =
        commitmentId === undefined
          ? demand.commitments.map((c) => (done ? { ...c, status: 'done' as const } : c))
          : updateCommitment(demand, commitmentId, (c) => ({
              ...c,
              progressPercent: percent,
              status: done ? 'done' : c.status,
            }));
      return { ...demand, status: 'IN_PROGRESS', progressPercent: percent, commitments };
    }
    case 'DemandVerified':
      return {
        ...demand,
        verification: {
          evidence: event.data.evidence,
          finding: event.data.finding,
          verifiedAt: event.data.verifiedAt,
        },
      };
    case 'DemandSatisfied':
      return closed(demand, 'SATISFIED', event.data.occurredAt, null, event.data.note ?? null);
    case 'DemandPartiallySatisfied':
      return closed(demand, 'PARTIALLY_SATISFIED', event.data.occurredAt, null, event.data.note ?? null);
    case 'DemandRefused':
      return closed(demand, 'REFUSED', event.data.occurredAt, event.data.reason ?? null, null);
    case 'DemandAbandoned':
      return closed(demand, 'ABANDONED', event.data.occurredAt, event.data.reason, event.data.note ?? null);
    case 'DemandMerged':
      return {
        ...closed(demand, 'MERGED', event.data.occurredAt, null, null),
        mergedInto: event.data.intoDemandId,
      };
    case 'DemandReopened':
      return {
        ...demand,
        status: 'RAISED',
        verification: null,
        closedAt: null,
        closeReason: null,
        closeNote: null,
        responseDueAt: null,
        reopenCount: demand.reopenCount + 1,
      };
    case 'DemandEscalated':
      return {
        ...demand,
        status: 'RAISED',
        level: event.data.toLevel,
        addressees: event.data.addressees ? [...event.data.addressees] : demand.addressees,
        responseDueAt: null,
      };
    case 'ResponseDeadlineMissed':
    case 'CommitmentDeadlineMissed': {
      const key = deadlineKey(
        event.type === 'ResponseDeadlineMissed'
          ? { kind: 'response', dueAt: event.data.dueAt }
          : { kind: 'commitment', commitmentId: event.data.commitmentId, dueAt: event.data.dueAt },
      );
      return demand.missedDeadlines.includes(key)
        ? demand
        : { ...demand, missedDeadlines: [...demand.missedDeadlines, key] };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

/** Folds one event into the state. Pure and total; a change event on an unknown demand leaves the state as is. */
export const evolve = (state: DemandState, recorded: DemandEvent): DemandState => {
  // Version-1 details (legacy categories, bare legal references) read as version 2.
  const event = upcastDemandEvent(recorded);
  if (event.type === 'DemandDrafted') {
    return created(state, event.data, 'DRAFT', { draftedAt: event.data.draftedAt, raisedAt: null });
  }
  if (event.type === 'DemandRaised') {
    return created(state, event.data, 'RAISED', { draftedAt: null, raisedAt: event.data.raisedAt });
  }
  if (state.status === 'INITIAL') return state;
  return { ...evolveDemand(state, event), lastEventAt: latest(state.lastEventAt, event.data.occurredAt) };
};

// ---- Pure read helpers -----------------------------------------------------------------------------------------

export type OverdueFlags = { responseOverdue: boolean; commitmentOverdue: boolean };

/** Overdue means strictly after the due instant; closed or unknown demands are never overdue. */
export const overdueFlags = (state: DemandState, asOf: string): OverdueFlags => {
  if (state.status === 'INITIAL' || isTerminal(state.status)) {
    return { responseOverdue: false, commitmentOverdue: false };
  }
  const now = toMillis(asOf);
  return {
    responseOverdue: state.responseDueAt !== null && toMillis(state.responseDueAt) < now,
    commitmentOverdue: state.commitments.some((c) => c.status === 'open' && toMillis(c.dueAt) < now),
  };
};

/** The earliest pending due date (awaited answer or open commitment), or null when nothing is pending. */
export const nextDueDate = (state: DemandState): string | null => {
  if (state.status === 'INITIAL' || isTerminal(state.status)) return null;
  const pending = [
    ...(state.responseDueAt === null ? [] : [state.responseDueAt]),
    ...state.commitments.filter((c) => c.status === 'open').map((c) => c.dueAt),
  ];
  return pending.reduce<string | null>(
    (earliest, due) => (earliest === null || toMillis(due) < toMillis(earliest) ? due : earliest),
    null,
  );
};
