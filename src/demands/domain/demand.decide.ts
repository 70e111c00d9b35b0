import { categoryFromLegacy, isLegacyCategory } from './demand.upcast.js';
import type { Decider } from '../../shared/decider.js';
import {
  DEMAND_COMMAND_LABELS,
  type AbandonDemand,
  type AcknowledgeDemand,
  type ChangeDemandAddressees,
  type CloseAsPartiallySatisfied,
  type CloseAsRefused,
  type CloseAsSatisfied,
  type DemandCommand,
  type DemandCommandType,
  type DraftDemand,
  type EscalateDemand,
  type LinkObservation,
  type MakeCommitment,
  type MergeDemand,
  type RaiseDemand,
  type RecordManagementResponse,
  type RecordMissedDeadline,
  type ReopenDemand,
  type ReportProgress,
  type RescheduleCommitment,
  type RewordDemand,
  type SendReminder,
  type SetDemandPriority,
  type SubmitDemand,
  type UnlinkObservation,
  type VerifyDemand,
} from './demand.commands.js';
import {
  ABANDON_REASONS,
  DEMAND_CATEGORIES,
  DEMAND_DETAILS_SCHEMA_VERSION,
  LEGAL_BASIS_ORIGINS,
  type LegalBasis,
  DEMAND_CHANNELS,
  DEMAND_LEVELS,
  DEMAND_PRIORITIES,
  EVIDENCE_KINDS,
  RESPONSE_STANCES,
  VERIFICATION_FINDINGS,
  type Addressee,
  type CommitmentDeadlineMissed,
  type CommitmentMade,
  type CommitmentRescheduled,
  type DemandAbandoned,
  type DemandAddresseesChanged,
  type DemandCategory,
  type DemandDetails,
  type DemandDrafted,
  type DemandEscalated,
  type DemandEvent,
  type DemandLinkedToObservation,
  type DemandMerged,
  type DemandPartiallySatisfied,
  type DemandPrioritySet,
  type DemandRaised,
  type DemandRefused,
  type DemandReopened,
  type DemandReworded,
  type DemandSatisfied,
  type DemandSubmitted,
  type DemandUnlinkedFromObservation,
  type DemandVerified,
  type ManagementAcknowledged,
  type ManagementResponseReceived,
  type ProgressReported,
  type ReminderSent,
  type ResponseDeadlineMissed,
} from './demand.events.js';
import {
  DEMAND_STATUSES,
  OPEN_STATUSES,
  deadlineKey,
  evolve,
  initialState,
  isTerminal,
  type Commitment,
  type Demand,
  type DemandState,
  type DemandStatus,
} from './demand.js';
import {
  DemandAlreadyExistsError,
  DemandInvalidError,
  DemandNotFoundError,
  DemandPreconditionFailedError,
  DemandTransitionNotAllowedError,
} from './demand.errors.js';
import { isBefore, isValidInstant, sameInstant } from './iso-time.js';

// ---- Where each command is allowed from ------------------------------------------------------------------------

const AFTER_ANSWER = ['RESPONSE_RECEIVED', 'COMMITTED', 'IN_PROGRESS'] as const;

/**
 * Statuses from which each command is allowed (DraftDemand and RaiseDemand also accept a new stream).
 * Other rules (stance, verification, commitments…) are checked by the decision functions.
 */
export const ALLOWED_FROM: Readonly<Record<DemandCommandType, readonly DemandStatus[]>> = {
  DraftDemand: [],
  RaiseDemand: ['DRAFT'],
  LinkObservation: OPEN_STATUSES,
  UnlinkObservation: OPEN_STATUSES,
  RewordDemand: OPEN_STATUSES,
  SetDemandPriority: OPEN_STATUSES,
  ChangeDemandAddressees: OPEN_STATUSES,
  SubmitDemand: ['RAISED', 'SUBMITTED', 'ACKNOWLEDGED', 'RESPONSE_RECEIVED'],
  SendReminder: ['SUBMITTED', 'ACKNOWLEDGED'],
  AcknowledgeDemand: ['SUBMITTED'],
  RecordManagementResponse: ['SUBMITTED', 'ACKNOWLEDGED', 'RESPONSE_RECEIVED', 'COMMITTED', 'IN_PROGRESS'],
  MakeCommitment: AFTER_ANSWER,
  RescheduleCommitment: ['COMMITTED', 'IN_PROGRESS'],
  ReportProgress: ['COMMITTED', 'IN_PROGRESS'],
  VerifyDemand: AFTER_ANSWER,
  CloseAsSatisfied: AFTER_ANSWER,
  CloseAsPartiallySatisfied: AFTER_ANSWER,
  CloseAsRefused: AFTER_ANSWER,
  AbandonDemand: OPEN_STATUSES,
  MergeDemand: OPEN_STATUSES,
  ReopenDemand: ['SATISFIED', 'PARTIALLY_SATISFIED', 'REFUSED', 'ABANDONED'],
  EscalateDemand: OPEN_STATUSES.filter((status) => status !== 'DRAFT'),
  // A deadline check may run at any time: on a closed demand it records nothing.
  RecordMissedDeadline: DEMAND_STATUSES,
};

// ---- Guards ----------------------------------------------------------------------------------------------------

const invalid = (command: DemandCommand, rule: string, message: string): DemandInvalidError =>
  new DemandInvalidError(command.demandId, rule, message);

const precondition = (command: DemandCommand, rule: string, message: string): DemandPreconditionFailedError =>
  new DemandPreconditionFailedError(command.demandId, rule, message);

const requireInstant = (command: DemandCommand, value: string, field: string): void => {
  if (!isValidInstant(value))
    throw invalid(command, 'INVALID_DATE', `${field} doit être une date ISO 8601 (reçu : « ${value} »)`);
};

const requireText = (command: DemandCommand, value: string | undefined, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(command, 'REQUIRED', `${field} est obligatoire`);
};

const requireOneOf = <T extends string>(
  command: DemandCommand,
  value: T,
  allowed: readonly T[],
  field: string,
): void => {
  if (!allowed.includes(value)) {
    throw invalid(
      command,
      'UNKNOWN_VALUE',
      `${field} doit valoir ${allowed.join(', ')} (reçu : « ${value} »)`,
    );
  }
};

/** `later` must not be before `earlier` (both already valid instants). */
const requireNotBefore = (
  command: DemandCommand,
  later: { field: string; value: string },
  earlier: { field: string; value: string },
): void => {
  if (isBefore(later.value, earlier.value)) {
    throw invalid(
      command,
      'DATE_ORDER',
      `${later.field} (${later.value}) ne peut pas précéder ${earlier.field} (${earlier.value})`,
    );
  }
};

const requireAddressees = (command: DemandCommand, addressees: readonly Addressee[]): void => {
  if (!Array.isArray(addressees) || addressees.length === 0) {
    throw invalid(command, 'ADDRESSEE_REQUIRED', 'Au moins un destinataire est obligatoire');
  }
  addressees.forEach((addressee) => requireAddressee(command, addressee));
};

const requireAddressee = (command: DemandCommand, addressee: Addressee): void => {
  requireText(command, addressee?.role, 'addressee.role');
  requireText(command, addressee?.organisation, 'addressee.organisation');
};

/** The demand must exist. Also checks `occurredAt`, which every command carries. */
const existing = (command: DemandCommand, state: DemandState): Demand => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  if (state.status === 'INITIAL') throw new DemandNotFoundError(command.demandId);
  return state;
};

/** The demand must exist and be in one of the statuses `ALLOWED_FROM` lists for this command. */
const inAllowedStatus = (command: DemandCommand, state: DemandState): Demand => {
  const demand = existing(command, state);
  const allowedFrom = ALLOWED_FROM[command.type];
  if (!allowedFrom.includes(demand.status)) {
    throw new DemandTransitionNotAllowedError(
      command.demandId,
      command.type,
      DEMAND_COMMAND_LABELS[command.type],
      demand.status,
      allowedFrom,
    );
  }
  return demand;
};

const findCommitment = (command: DemandCommand, demand: Demand, commitmentId: string): Commitment => {
  const commitment = demand.commitments.find((c) => c.commitmentId === commitmentId);
  if (!commitment) {
    throw precondition(
      command,
      'COMMITMENT_NOT_FOUND',
      `L’engagement ${commitmentId} n’existe pas sur cette revendication`,
    );
  }
  return commitment;
};

/** Spreads `{ key: value }` only when the value is present, so events never carry `undefined`. */
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const sameAddressees = (a: readonly Addressee[], b: readonly Addressee[]): boolean =>
  a.length === b.length && a.every((x, i) => x.role === b[i]?.role && x.organisation === b[i]?.organisation);

// ---- Creation --------------------------------------------------------------------------------------------------

const validDetails = (command: DraftDemand | RaiseDemand): DemandDetails => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.antennaId, 'antennaId');
  requireText(command, command.title, 'title');
  const category: DemandCategory = isLegacyCategory(command.category)
    ? categoryFromLegacy(command.category, command)
    : command.category;
  requireOneOf(command, category, DEMAND_CATEGORIES, 'category');
  requireOneOf(command, command.priority, DEMAND_PRIORITIES, 'priority');
  requireOneOf(command, command.level, DEMAND_LEVELS, 'level');
  if (typeof command.explicit !== 'boolean') {
    throw invalid(command, 'REQUIRED', 'explicit doit valoir true ou false');
  }
  requireAddressees(command, command.addressees);
  const observationIds = command.observationIds ?? [];
  observationIds.forEach((id) => requireText(command, id, 'observationIds[]'));
  const legalBases: LegalBasis[] =
    command.legalBases?.map((basis, index) => {
      requireText(command, basis.reference, `legalBases[${index}].reference`);
      requireOneOf(command, basis.origin, LEGAL_BASIS_ORIGINS, `legalBases[${index}].origin`);
      return { reference: basis.reference, ...opt('text', basis.text), origin: basis.origin };
    }) ?? (command.legalRefs ?? []).map((reference) => ({ reference, origin: 'officer' as const }));
  const details = command;
  return {
    antennaId: details.antennaId,
    title: details.title,
    ...opt('description', details.description),
    category,
    explicit: details.explicit,
    ...opt('quote', details.quote),
    priority: details.priority,
    addressees: details.addressees.map(({ role, organisation }) => ({ role, organisation })),
    level: details.level,
    observationIds: [...new Set(observationIds)],
    legalRefs: legalBases.map((basis) => basis.reference),
    legalBases,
    ...opt('sourceRef', details.sourceRef),
    ...opt('illustrative', details.illustrative),
  };
};

export const draftDemand = (command: DraftDemand, state: DemandState): DemandDrafted[] => {
  if (state.status !== 'INITIAL') throw new DemandAlreadyExistsError(command.demandId, state.status);
  const details = validDetails(command);
  return [
    {
      type: 'DemandDrafted',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        ...details,
        draftedAt: command.occurredAt,
      },
    },
  ];
};

export const raiseDemand = (command: RaiseDemand, state: DemandState): DemandRaised[] => {
  if (state.status !== 'INITIAL' && state.status !== 'DRAFT') {
    throw new DemandAlreadyExistsError(command.demandId, state.status);
  }
  const details = validDetails(command);
  return [
    {
      type: 'DemandRaised',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        ...details,
        raisedAt: command.occurredAt,
      },
    },
  ];
};

// ---- Wording, links, targeting ---------------------------------------------------------------------------------

export const linkObservation = (
  command: LinkObservation,
  state: DemandState,
): DemandLinkedToObservation[] => {
  const demand = inAllowedStatus(command, state);
  requireText(command, command.observationId, 'observationId');
  if (demand.observationIds.includes(command.observationId)) return [];
  return [
    {
      type: 'DemandLinkedToObservation',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        observationId: command.observationId,
      },
    },
  ];
};

export const unlinkObservation = (
  command: UnlinkObservation,
  state: DemandState,
): DemandUnlinkedFromObservation[] => {
  const demand = inAllowedStatus(command, state);
  if (!demand.observationIds.includes(command.observationId)) {
    throw precondition(
      command,
      'OBSERVATION_NOT_LINKED',
      `L’observation ${command.observationId} n’est pas liée à cette revendication`,
    );
  }
  return [
    {
      type: 'DemandUnlinkedFromObservation',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        observationId: command.observationId,
        ...opt('reason', command.reason),
      },
    },
  ];
};

/** At least one of title/description must be given; values identical to the current ones record nothing. */
export const rewordDemand = (command: RewordDemand, state: DemandState): DemandReworded[] => {
  const demand = inAllowedStatus(command, state);
  if (command.title === undefined && command.description === undefined) {
    throw invalid(command, 'NOTHING_TO_CHANGE', 'Indiquez un nouveau titre ou une nouvelle description');
  }
  if (command.title !== undefined) requireText(command, command.title, 'title');
  const titleChanged = command.title !== undefined && command.title !== demand.title;
  const descriptionChanged = command.description !== undefined && command.description !== demand.description;
  if (!titleChanged && !descriptionChanged) return [];
  return [
    {
      type: 'DemandReworded',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        ...opt('title', titleChanged ? command.title : undefined),
        ...opt('description', descriptionChanged ? command.description : undefined),
        previousTitle: demand.title,
        ...opt('previousDescription', descriptionChanged ? (demand.description ?? undefined) : undefined),
      },
    },
  ];
};

export const setDemandPriority = (command: SetDemandPriority, state: DemandState): DemandPrioritySet[] => {
  const demand = inAllowedStatus(command, state);
  requireOneOf(command, command.priority, DEMAND_PRIORITIES, 'priority');
  if (command.priority === demand.priority) return [];
  return [
    {
      type: 'DemandPrioritySet',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        priority: command.priority,
        previousPriority: demand.priority,
      },
    },
  ];
};

export const changeDemandAddressees = (
  command: ChangeDemandAddressees,
  state: DemandState,
): DemandAddresseesChanged[] => {
  const demand = inAllowedStatus(command, state);
  requireAddressees(command, command.addressees);
  const addressees = command.addressees.map(({ role, organisation }) => ({ role, organisation }));
  if (sameAddressees(addressees, demand.addressees)) return [];
  return [
    {
      type: 'DemandAddresseesChanged',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        addressees,
        previousAddressees: demand.addressees,
      },
    },
  ];
};

// ---- Submission and response -----------------------------------------------------------------------------------

/** Also used to ask again (from SUBMITTED, ACKNOWLEDGED, RESPONSE_RECEIVED): each submission counts as one ask. */
export const submitDemand = (command: SubmitDemand, state: DemandState): DemandSubmitted[] => {
  inAllowedStatus(command, state);
  requireOneOf(command, command.channel, DEMAND_CHANNELS, 'channel');
  requireAddressee(command, command.addressee);
  requireInstant(command, command.responseDueAt, 'responseDueAt');
  requireNotBefore(
    command,
    { field: 'responseDueAt', value: command.responseDueAt },
    { field: 'submittedAt', value: command.occurredAt },
  );
  return [
    {
      type: 'DemandSubmitted',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        channel: command.channel,
        addressee: { role: command.addressee.role, organisation: command.addressee.organisation },
        ...opt('meetingId', command.meetingId),
        submittedAt: command.occurredAt,
        responseDueAt: command.responseDueAt,
      },
    },
  ];
};

export const sendReminder = (command: SendReminder, state: DemandState): ReminderSent[] => {
  inAllowedStatus(command, state);
  requireOneOf(command, command.channel, DEMAND_CHANNELS, 'channel');
  if (command.responseDueAt !== undefined) {
    requireInstant(command, command.responseDueAt, 'responseDueAt');
    requireNotBefore(
      command,
      { field: 'responseDueAt', value: command.responseDueAt },
      { field: 'sentAt', value: command.occurredAt },
    );
  }
  return [
    {
      type: 'ReminderSent',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        channel: command.channel,
        sentAt: command.occurredAt,
        ...opt('responseDueAt', command.responseDueAt),
      },
    },
  ];
};

export const acknowledgeDemand = (
  command: AcknowledgeDemand,
  state: DemandState,
): ManagementAcknowledged[] => {
  inAllowedStatus(command, state);
  return [
    {
      type: 'ManagementAcknowledged',
      data: { demandId: command.demandId, occurredAt: command.occurredAt, ...opt('note', command.note) },
    },
  ];
};

/**
 * `occurredAt` is when management answered; it must not be before the first submission.
 * Stance `defer` requires `newDueAt` (not before the answer), which becomes the new response due date;
 * `newDueAt` with any other stance is refused.
 */
export const recordManagementResponse = (
  command: RecordManagementResponse,
  state: DemandState,
): ManagementResponseReceived[] => {
  const demand = inAllowedStatus(command, state);
  requireText(command, command.responseId, 'responseId');
  requireOneOf(command, command.stance, RESPONSE_STANCES, 'stance');
  requireText(command, command.text, 'text');
  requireText(command, command.authorRole, 'authorRole');
  requireOneOf(command, command.channel, DEMAND_CHANNELS, 'channel');
  if (demand.firstSubmittedAt !== null) {
    requireNotBefore(
      command,
      { field: 'respondedAt', value: command.occurredAt },
      { field: 'the first submission', value: demand.firstSubmittedAt },
    );
  }
  if (command.stance === 'defer') {
    if (command.newDueAt === undefined) {
      throw invalid(
        command,
        'NEW_DUE_AT_REQUIRED',
        'Une réponse différée demande newDueAt (la nouvelle date de réponse attendue)',
      );
    }
    requireInstant(command, command.newDueAt, 'newDueAt');
    requireNotBefore(
      command,
      { field: 'newDueAt', value: command.newDueAt },
      { field: 'respondedAt', value: command.occurredAt },
    );
  } else if (command.newDueAt !== undefined) {
    throw invalid(
      command,
      'NEW_DUE_AT_NOT_ALLOWED',
      `newDueAt ne va qu’avec la position « defer », pas « ${command.stance} »`,
    );
  }
  return [
    {
      type: 'ManagementResponseReceived',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        responseId: command.responseId,
        stance: command.stance,
        text: command.text,
        authorRole: command.authorRole,
        channel: command.channel,
        respondedAt: command.occurredAt,
        ...opt('documentRef', command.documentRef),
        ...opt('newDueAt', command.newDueAt),
      },
    },
  ];
};

// ---- Commitments -----------------------------------------------------------------------------------------------

export const makeCommitment = (command: MakeCommitment, state: DemandState): CommitmentMade[] => {
  const demand = inAllowedStatus(command, state);
  const stance = demand.lastResponse?.stance;
  if (demand.status === 'RESPONSE_RECEIVED' && stance !== 'accept' && stance !== 'partial') {
    throw precondition(
      command,
      'ANSWER_NOT_FAVOURABLE',
      `Un engagement suit une réponse « accept » ou « partial » ; la dernière réponse était « ${stance} »`,
    );
  }
  if (demand.commitments.some((c) => c.commitmentId === command.commitmentId)) {
    throw precondition(command, 'COMMITMENT_EXISTS', `L’engagement ${command.commitmentId} existe déjà`);
  }
  requireText(command, command.commitmentId, 'commitmentId');
  requireText(command, command.deliverable, 'deliverable');
  requireText(command, command.owner, 'owner');
  requireInstant(command, command.dueAt, 'dueAt');
  requireNotBefore(
    command,
    { field: 'dueAt', value: command.dueAt },
    { field: 'occurredAt', value: command.occurredAt },
  );
  return [
    {
      type: 'CommitmentMade',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        commitmentId: command.commitmentId,
        deliverable: command.deliverable,
        owner: command.owner,
        dueAt: command.dueAt,
        ...opt('acceptanceCriterion', command.acceptanceCriterion),
      },
    },
  ];
};

/** Rescheduling to the same due date records nothing. */
export const rescheduleCommitment = (
  command: RescheduleCommitment,
  state: DemandState,
): CommitmentRescheduled[] => {
  const demand = inAllowedStatus(command, state);
  const commitment = findCommitment(command, demand, command.commitmentId);
  if (commitment.status !== 'open') {
    throw precondition(
      command,
      'COMMITMENT_NOT_OPEN',
      `L’engagement ${command.commitmentId} est déjà terminé`,
    );
  }
  requireText(command, command.reason, 'reason');
  requireInstant(command, command.newDueAt, 'newDueAt');
  requireNotBefore(
    command,
    { field: 'newDueAt', value: command.newDueAt },
    { field: 'occurredAt', value: command.occurredAt },
  );
  if (sameInstant(command.newDueAt, commitment.dueAt)) return [];
  return [
    {
      type: 'CommitmentRescheduled',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        commitmentId: command.commitmentId,
        previousDueAt: commitment.dueAt,
        newDueAt: command.newDueAt,
        reason: command.reason,
      },
    },
  ];
};

/** 100 % marks the named commitment done (or every open commitment when none is named). */
export const reportProgress = (command: ReportProgress, state: DemandState): ProgressReported[] => {
  const demand = inAllowedStatus(command, state);
  if (typeof command.percent !== 'number' || !(command.percent >= 0 && command.percent <= 100)) {
    throw invalid(
      command,
      'PERCENT_RANGE',
      `percent doit être compris entre 0 et 100 (reçu : ${command.percent})`,
    );
  }
  requireText(command, command.note, 'note');
  if (command.commitmentId !== undefined) findCommitment(command, demand, command.commitmentId);
  return [
    {
      type: 'ProgressReported',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        percent: command.percent,
        note: command.note,
        ...opt('commitmentId', command.commitmentId),
      },
    },
  ];
};

// ---- Verification and closure ----------------------------------------------------------------------------------

export const verifyDemand = (command: VerifyDemand, state: DemandState): DemandVerified[] => {
  inAllowedStatus(command, state);
  requireOneOf(command, command.evidence?.kind, EVIDENCE_KINDS, 'evidence.kind');
  requireText(command, command.evidence.reference, 'evidence.reference');
  requireText(command, command.evidence.description, 'evidence.description');
  requireOneOf(command, command.finding, VERIFICATION_FINDINGS, 'finding');
  const { kind, reference, description } = command.evidence;
  return [
    {
      type: 'DemandVerified',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        evidence: { kind, reference, description },
        finding: command.finding,
        verifiedAt: command.occurredAt,
      },
    },
  ];
};

/** Requires the latest verification since the last reopening to have found the demand met. */
export const closeAsSatisfied = (command: CloseAsSatisfied, state: DemandState): DemandSatisfied[] => {
  const demand = inAllowedStatus(command, state);
  if (demand.verification?.finding !== 'met') {
    throw precondition(
      command,
      'VERIFICATION_REQUIRED',
      `Clore comme satisfaite demande une vérification au constat « met » ; dernier constat : ${demand.verification?.finding ?? 'aucun'}`,
    );
  }
  return [
    {
      type: 'DemandSatisfied',
      data: { demandId: command.demandId, occurredAt: command.occurredAt, ...opt('note', command.note) },
    },
  ];
};

/** Requires the latest verification since the last reopening to have found the demand met or partly met. */
export const closeAsPartiallySatisfied = (
  command: CloseAsPartiallySatisfied,
  state: DemandState,
): DemandPartiallySatisfied[] => {
  const demand = inAllowedStatus(command, state);
  const finding = demand.verification?.finding;
  if (finding !== 'met' && finding !== 'partly_met') {
    throw precondition(
      command,
      'VERIFICATION_REQUIRED',
      `Clore comme partiellement satisfaite demande une vérification au constat « met » ou « partly_met » ; dernier constat : ${finding ?? 'aucun'}`,
    );
  }
  return [
    {
      type: 'DemandPartiallySatisfied',
      data: { demandId: command.demandId, occurredAt: command.occurredAt, ...opt('note', command.note) },
    },
  ];
};

export const closeAsRefused = (command: CloseAsRefused, state: DemandState): DemandRefused[] => {
  const demand = inAllowedStatus(command, state);
  if (demand.lastResponse?.stance !== 'refuse') {
    throw precondition(
      command,
      'REFUSAL_REQUIRED',
      `Clore comme refusée demande une réponse de la direction de position « refuse » ; dernière position : ${demand.lastResponse?.stance ?? 'aucune'}`,
    );
  }
  return [
    {
      type: 'DemandRefused',
      data: { demandId: command.demandId, occurredAt: command.occurredAt, ...opt('reason', command.reason) },
    },
  ];
};

export const abandonDemand = (command: AbandonDemand, state: DemandState): DemandAbandoned[] => {
  inAllowedStatus(command, state);
  requireOneOf(command, command.reason, ABANDON_REASONS, 'reason');
  if (command.reason === 'other') requireText(command, command.note, 'note (reason "other")');
  return [
    {
      type: 'DemandAbandoned',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        reason: command.reason,
        ...opt('note', command.note),
      },
    },
  ];
};

export const mergeDemand = (command: MergeDemand, state: DemandState): DemandMerged[] => {
  inAllowedStatus(command, state);
  requireText(command, command.intoDemandId, 'intoDemandId');
  if (command.intoDemandId === command.demandId) {
    throw invalid(
      command,
      'MERGE_INTO_ITSELF',
      'Une revendication ne peut pas être fusionnée dans elle-même',
    );
  }
  return [
    {
      type: 'DemandMerged',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        intoDemandId: command.intoDemandId,
      },
    },
  ];
};

/** Back to RAISED; the previous verification no longer counts. */
export const reopenDemand = (command: ReopenDemand, state: DemandState): DemandReopened[] => {
  inAllowedStatus(command, state);
  requireText(command, command.reason, 'reason');
  return [
    {
      type: 'DemandReopened',
      data: { demandId: command.demandId, occurredAt: command.occurredAt, reason: command.reason },
    },
  ];
};

/** Changes the level and sends the demand back to RAISED for a new submission cycle at the higher instance. */
export const escalateDemand = (command: EscalateDemand, state: DemandState): DemandEscalated[] => {
  const demand = inAllowedStatus(command, state);
  requireOneOf(command, command.toLevel, DEMAND_LEVELS, 'toLevel');
  if (command.toLevel === demand.level) {
    throw invalid(command, 'SAME_LEVEL', `La revendication est déjà au niveau « ${demand.level} »`);
  }
  requireText(command, command.reason, 'reason');
  if (command.addressees !== undefined) requireAddressees(command, command.addressees);
  return [
    {
      type: 'DemandEscalated',
      data: {
        demandId: command.demandId,
        occurredAt: command.occurredAt,
        fromLevel: demand.level,
        toLevel: command.toLevel,
        reason: command.reason,
        ...opt(
          'addressees',
          command.addressees?.map(({ role, organisation }) => ({ role, organisation })),
        ),
      },
    },
  ];
};

// ---- Deadlines -------------------------------------------------------------------------------------------------

/**
 * Idempotent: records nothing when this exact deadline was already recorded, or when it is no longer pending
 * (answer received, commitment done, demand closed, due date moved). Refused when `asOf` is not after `dueAt`.
 */
export const recordMissedDeadline = (
  command: RecordMissedDeadline,
  state: DemandState,
): (ResponseDeadlineMissed | CommitmentDeadlineMissed)[] => {
  const demand = existing(command, state);
  const { deadline, asOf } = command;
  requireInstant(command, deadline.dueAt, 'dueAt');
  requireInstant(command, asOf, 'asOf');
  if (!isBefore(deadline.dueAt, asOf)) {
    throw invalid(
      command,
      'DEADLINE_NOT_PASSED',
      `L’échéance du ${deadline.dueAt} n’est pas dépassée au ${asOf}`,
    );
  }
  if (isTerminal(demand.status) || demand.missedDeadlines.includes(deadlineKey(deadline))) return [];
  const base = { demandId: command.demandId, occurredAt: command.occurredAt, dueAt: deadline.dueAt, asOf };
  if (deadline.kind === 'response') {
    const pending = demand.responseDueAt !== null && sameInstant(demand.responseDueAt, deadline.dueAt);
    return pending ? [{ type: 'ResponseDeadlineMissed', data: base }] : [];
  }
  const commitment = findCommitment(command, demand, deadline.commitmentId);
  const pending = commitment.status === 'open' && sameInstant(commitment.dueAt, deadline.dueAt);
  return pending
    ? [{ type: 'CommitmentDeadlineMissed', data: { ...base, commitmentId: deadline.commitmentId } }]
    : [];
};

// ---- Dispatcher ------------------------------------------------------------------------------------------------

export const decide = (command: DemandCommand, state: DemandState): DemandEvent[] => {
  switch (command.type) {
    case 'DraftDemand':
      return draftDemand(command, state);
    case 'RaiseDemand':
      return raiseDemand(command, state);
    case 'LinkObservation':
      return linkObservation(command, state);
    case 'UnlinkObservation':
      return unlinkObservation(command, state);
    case 'RewordDemand':
      return rewordDemand(command, state);
    case 'SetDemandPriority':
      return setDemandPriority(command, state);
    case 'ChangeDemandAddressees':
      return changeDemandAddressees(command, state);
    case 'SubmitDemand':
      return submitDemand(command, state);
    case 'SendReminder':
      return sendReminder(command, state);
    case 'AcknowledgeDemand':
      return acknowledgeDemand(command, state);
    case 'RecordManagementResponse':
      return recordManagementResponse(command, state);
    case 'MakeCommitment':
      return makeCommitment(command, state);
    case 'RescheduleCommitment':
      return rescheduleCommitment(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'VerifyDemand':
      return verifyDemand(command, state);
    case 'CloseAsSatisfied':
      return closeAsSatisfied(command, state);
    case 'CloseAsPartiallySatisfied':
      return closeAsPartiallySatisfied(command, state);
    case 'CloseAsRefused':
      return closeAsRefused(command, state);
    case 'AbandonDemand':
      return abandonDemand(command, state);
    case 'MergeDemand':
      return mergeDemand(command, state);
    case 'ReopenDemand':
      return reopenDemand(command, state);
    case 'EscalateDemand':
      return escalateDemand(command, state);
    case 'RecordMissedDeadline':
      return recordMissedDeadline(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown demand command: ${JSON.stringify(unknown)}`);
    }
  }
};

export const demandDecider: Decider<DemandState, DemandCommand, DemandEvent> = {
  schemaVersionOf: (type) =>
    type === 'DemandDrafted' || type === 'DemandRaised' ? DEMAND_DETAILS_SCHEMA_VERSION : 1,
  initialState,
  evolve,
  decide,
};
