import type { Decider } from '../../shared/decider.js';
import {
  MEETING_COMMAND_LABELS,
  type AcceptAgendaItem,
  type AddAgendaItem,
  type ApproveMinutes,
  type ContestMinutes,
  type LinkDemandToItem,
  type MeetingCommand,
  type MeetingCommandType,
  type MeetingDeadlineRef,
  type RecordAvisFollowUp,
  type RecordConvocation,
  type RecordDocuments,
  type RecordManagementStatement,
  type RecordMeetingDeadline,
  type RecordMeetingHeld,
  type RecordMinutesDraft,
  type RecordVote,
  type RefuseAgendaItem,
  type RequestAgendaItem,
  type ScheduleMeeting,
  type SubmitQuestionDiverse,
} from './meeting.commands.js';
import { addDays, daysBetween, isCalendarDate, isInstant } from './meeting-dates.js';
import { deadlineStatusAt, meetingDeadlines, type MeetingDeadline } from './meeting-deadlines.js';
import {
  MeetingAlreadyExistsError,
  MeetingInvalidError,
  MeetingItemNotFoundError,
  MeetingNotFoundError,
  MeetingPreconditionFailedError,
  MeetingTransitionNotAllowedError,
} from './meeting.errors.js';
import {
  AVIS,
  INSTANCE_LEVELS,
  INSTANCE_TYPES,
  ITEM_NATURES,
  MEETING_KINDS,
  type AgendaItemAccepted,
  type AgendaItemAdded,
  type AgendaItemRefused,
  type AgendaItemRequested,
  type AvisFollowUpOverdue,
  type AvisFollowUpReceived,
  type ConvocationReceived,
  type DemandLinkedToItem,
  type DocumentsReceived,
  type ManagementStatementRecorded,
  type MeetingEvent,
  type MeetingHeld,
  type MeetingScheduled,
  type MinutesApproved,
  type MinutesContested,
  type MinutesDraftReceived,
  type MinutesOverdue,
  type QuestionDiverseSubmitted,
  type RedeliberationDue,
  type UnionVote,
  type VoteRecorded,
} from './meeting.events.js';
import type { MeetingRules } from './meeting-rules.js';
import {
  awaitsRedeliberation,
  avisOf,
  deadlineKey,
  defaultLevelOf,
  evolve,
  findItem,
  initialState,
  isMandatoryRequest,
  isUnanimousUnfavourable,
  latestVoteOn,
  type AgendaItem,
  type AgendaItemStatus,
  type Meeting,
  type MeetingItem,
  type MeetingState,
  type MeetingStatus,
  type MinutesStatus,
} from './meeting.js';

// ---- Where each command is allowed from ------------------------------------------------------------------------

const ANY: readonly MeetingStatus[] = ['SCHEDULED', 'HELD'];

/**
 * Meeting statuses from which each command is allowed (ScheduleMeeting needs a new stream). Preparation and
 * agenda facts may be entered after the meeting (meetings are often recorded after the fact); agenda requests
 * precede the meeting; what happens at and after the meeting needs it held.
 */
export const ALLOWED_FROM: Readonly<Record<MeetingCommandType, readonly MeetingStatus[]>> = {
  ScheduleMeeting: [],
  RecordConvocation: ANY,
  RecordDocuments: ANY,
  AddAgendaItem: ANY,
  RequestAgendaItem: ['SCHEDULED'],
  AcceptAgendaItem: ANY,
  RefuseAgendaItem: ANY,
  SubmitQuestionDiverse: ANY,
  LinkDemandToItem: ANY,
  RecordMeetingHeld: ['SCHEDULED'],
  RecordManagementStatement: ['HELD'],
  RecordVote: ['HELD'],
  RecordMinutesDraft: ['HELD'],
  ApproveMinutes: ['HELD'],
  ContestMinutes: ['HELD'],
  RecordAvisFollowUp: ['HELD'],
  // A deadline check may run at any time: on a meeting with nothing pending it records nothing.
  RecordMeetingDeadline: ANY,
};

/** Minutes statuses from which each minutes command is allowed. */
export const MINUTES_ALLOWED_FROM = {
  RecordMinutesDraft: ['AWAITED', 'CONTESTED'],
  ApproveMinutes: ['RECEIVED', 'CONTESTED'],
  ContestMinutes: ['RECEIVED'],
} as const satisfies Partial<Record<MeetingCommandType, readonly MinutesStatus[]>>;

/** Agenda item statuses from which each item command is allowed. */
export const ITEM_ALLOWED_FROM = {
  AcceptAgendaItem: ['REQUESTED'],
  RefuseAgendaItem: ['REQUESTED'],
  RecordVote: ['ACCEPTED'],
} as const satisfies Partial<Record<MeetingCommandType, readonly AgendaItemStatus[]>>;

// ---- Guards ----------------------------------------------------------------------------------------------------

const invalid = (command: MeetingCommand, rule: string, message: string): MeetingInvalidError =>
  new MeetingInvalidError(command.meetingId, rule, message);

const precondition = (
  command: MeetingCommand,
  rule: string,
  message: string,
): MeetingPreconditionFailedError => new MeetingPreconditionFailedError(command.meetingId, rule, message);

const requireText = (command: MeetingCommand, value: unknown, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(command, 'REQUIRED', `${field} est obligatoire`);
};

const requireOptionalText = (command: MeetingCommand, value: unknown, field: string): void => {
  if (value !== undefined) requireText(command, value, field);
};

const requireDate = (command: MeetingCommand, value: unknown, field: string): void => {
  if (!isCalendarDate(value))
    throw invalid(
      command,
      'INVALID_DATE',
      `${field} doit être une date AAAA-MM-JJ (reçu : « ${String(value)} »)`,
    );
};

const requireInstant = (command: MeetingCommand, value: unknown, field: string): void => {
  if (!isInstant(value))
    throw invalid(
      command,
      'INVALID_DATE',
      `${field} doit être une date ISO 8601 (reçu : « ${String(value)} »)`,
    );
};

const requireOneOf = <T extends string>(
  command: MeetingCommand,
  value: unknown,
  allowed: readonly T[],
  field: string,
): void => {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw invalid(
      command,
      'UNKNOWN_VALUE',
      `${field} doit valoir ${allowed.join(', ')} (reçu : « ${String(value)} »)`,
    );
  }
};

const requireBoolean = (command: MeetingCommand, value: unknown, field: string): void => {
  if (typeof value !== 'boolean') throw invalid(command, 'REQUIRED', `${field} doit valoir true ou false`);
};

const requireCount = (
  command: MeetingCommand,
  value: unknown,
  field: string,
  min = 0,
  max = 10_000,
): void => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      command,
      'COUNT_RANGE',
      `${field} doit être un nombre entier de ${min} à ${max} (reçu : ${String(value)})`,
    );
  }
};

/** `later` must not be before `earlier` (both valid dates). */
const requireNotBefore = (
  command: MeetingCommand,
  later: { field: string; value: string },
  earlier: { field: string; value: string },
): void => {
  if (later.value < earlier.value) {
    throw invalid(
      command,
      'DATE_ORDER',
      `${later.field} (${later.value}) ne peut pas précéder ${earlier.field} (${earlier.value})`,
    );
  }
};

/** A list of ids, each non-empty; duplicates dropped. */
const validIds = (command: MeetingCommand, ids: unknown, field: string): string[] => {
  if (ids === undefined) return [];
  if (!Array.isArray(ids)) throw invalid(command, 'REQUIRED', `${field} doit être une liste`);
  ids.forEach((id) => requireText(command, id, `${field}[]`));
  return [...new Set(ids as string[])];
};

/** The meeting must exist. Also checks `occurredAt`, which every command carries. */
const existing = (command: MeetingCommand, state: MeetingState): Meeting => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  if (state.status === 'INITIAL') throw new MeetingNotFoundError(command.meetingId);
  return state;
};

/** The meeting must exist and be in one of the statuses `ALLOWED_FROM` lists for this command. */
const inAllowedStatus = (command: MeetingCommand, state: MeetingState): Meeting => {
  const meeting = existing(command, state);
  const allowedFrom = ALLOWED_FROM[command.type];
  if (!allowedFrom.includes(meeting.status)) {
    throw new MeetingTransitionNotAllowedError(
      command.meetingId,
      command.type,
      MEETING_COMMAND_LABELS[command.type],
      { name: 'meeting' },
      meeting.status,
      allowedFrom,
    );
  }
  return meeting;
};

const minutesIn = (
  command: RecordMinutesDraft | ApproveMinutes | ContestMinutes,
  meeting: Meeting,
): Meeting['minutes'] => {
  const allowedFrom: readonly MinutesStatus[] = MINUTES_ALLOWED_FROM[command.type];
  if (!allowedFrom.includes(meeting.minutes.status)) {
    throw new MeetingTransitionNotAllowedError(
      command.meetingId,
      command.type,
      MEETING_COMMAND_LABELS[command.type],
      { name: 'minutes' },
      meeting.minutes.status,
      allowedFrom,
    );
  }
  return meeting.minutes;
};

const itemOf = (command: MeetingCommand, meeting: Meeting, itemId: string): MeetingItem => {
  requireText(command, itemId, 'itemId');
  const item = findItem(meeting, itemId);
  if (!item) throw new MeetingItemNotFoundError(command.meetingId, itemId);
  return item;
};

const agendaItemOf = (command: MeetingCommand, meeting: Meeting, itemId: string): AgendaItem => {
  const item = itemOf(command, meeting, itemId);
  if (item.kind !== 'agenda_item') {
    throw precondition(
      command,
      'NOT_AN_AGENDA_ITEM',
      `Le point ${itemId} est une question diverse, pas un point de l’ordre du jour : une question diverse ne donne lieu ni à vote ni à avis`,
    );
  }
  return item;
};

/** The agenda item must be in one of the statuses `ITEM_ALLOWED_FROM` lists for this command. */
const agendaItemIn = (
  command: AcceptAgendaItem | RefuseAgendaItem | RecordVote,
  meeting: Meeting,
): AgendaItem => {
  const item = agendaItemOf(command, meeting, command.itemId);
  const allowedFrom: readonly AgendaItemStatus[] = ITEM_ALLOWED_FROM[command.type];
  if (!allowedFrom.includes(item.status)) {
    throw new MeetingTransitionNotAllowedError(
      command.meetingId,
      command.type,
      MEETING_COMMAND_LABELS[command.type],
      { name: 'item', itemId: item.itemId },
      item.status,
      allowedFrom,
    );
  }
  return item;
};

const requireNewItemId = (command: MeetingCommand, meeting: Meeting, itemId: string): void => {
  requireText(command, itemId, 'itemId');
  if (findItem(meeting, itemId)) {
    throw precondition(command, 'ITEM_EXISTS', `Le point ${itemId} existe déjà dans cette séance`);
  }
};

/** The day the meeting took place, or the day it is convened for. */
const meetingDay = (meeting: Meeting): string => meeting.heldOn ?? meeting.scheduledFor;

/** Spreads `{ key: value }` only when the value is present, so events never carry `undefined`. */
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const base = (command: MeetingCommand) => ({ meetingId: command.meetingId, occurredAt: command.occurredAt });

/** Lateness of something received on `receivedOn` for a meeting on `meetingOn`, against `noticeDays`. */
const lateness = (
  command: RecordConvocation | RecordDocuments,
  meetingOn: string,
): { urgent: boolean; noticeDays: number; dueBy: string; lateDays: number } => {
  requireBoolean(command, command.urgent, 'urgent');
  requireCount(command, command.noticeDays, 'noticeDays', 0, 365);
  const dueBy = addDays(meetingOn, -command.noticeDays);
  return {
    urgent: command.urgent,
    noticeDays: command.noticeDays,
    dueBy,
    lateDays: Math.max(0, daysBetween(dueBy, command.receivedOn)),
  };
};

// ---- Scheduling and preparation --------------------------------------------------------------------------------

/** `level` follows from a known instance type; for `fs` and `other` it must be given. */
export const scheduleMeeting = (command: ScheduleMeeting, state: MeetingState): MeetingScheduled[] => {
  if (state.status !== 'INITIAL') throw new MeetingAlreadyExistsError(command.meetingId, state.status);
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.meetingId, 'meetingId');
  requireText(command, command.instanceId, 'instanceId');
  requireText(command, command.instanceName, 'instanceName');
  requireOneOf(command, command.instanceType, INSTANCE_TYPES, 'instanceType');
  const typeLevel = defaultLevelOf(command.instanceType);
  if (command.level !== undefined) requireOneOf(command, command.level, INSTANCE_LEVELS, 'level');
  if (command.level !== undefined && typeLevel !== undefined && command.level !== typeLevel) {
    throw invalid(
      command,
      'LEVEL_MISMATCH',
      `Une instance ${command.instanceType} siège au niveau « ${typeLevel} », pas « ${command.level} »`,
    );
  }
  const level = command.level ?? typeLevel;
  if (level === undefined) {
    throw invalid(
      command,
      'LEVEL_REQUIRED',
      `level est obligatoire pour le type d’instance « ${command.instanceType} »`,
    );
  }
  requireDate(command, command.scheduledFor, 'scheduledFor');
  requireOneOf(command, command.kind, MEETING_KINDS, 'kind');
  requireOptionalText(command, command.reconvenes, 'reconvenes');
  if (command.reconvenes === command.meetingId) {
    throw invalid(command, 'RECONVENES_ITSELF', 'Une séance ne peut pas se reconvoquer elle-même');
  }
  requireOptionalText(command, command.sourceRef, 'sourceRef');
  return [
    {
      type: 'MeetingScheduled',
      data: {
        ...base(command),
        instanceId: command.instanceId,
        instanceName: command.instanceName,
        instanceType: command.instanceType,
        level,
        scheduledFor: command.scheduledFor,
        kind: command.kind,
        ...opt('reconvenes', command.reconvenes),
        ...opt('sourceRef', command.sourceRef),
      },
    },
  ];
};

/**
 * Judged against the day the meeting is convened for. The same receipt again records nothing; another one is
 * refused (there is one convocation).
 */
export const recordConvocation = (command: RecordConvocation, state: MeetingState): ConvocationReceived[] => {
  const meeting = inAllowedStatus(command, state);
  requireDate(command, command.receivedOn, 'receivedOn');
  requireNotBefore(
    command,
    { field: 'scheduledFor', value: meeting.scheduledFor },
    { field: 'receivedOn', value: command.receivedOn },
  );
  const judged = lateness(command, meeting.scheduledFor);
  const previous = meeting.convocation;
  if (previous !== null) {
    if (
      previous.receivedOn === command.receivedOn &&
      previous.noticeDays === judged.noticeDays &&
      previous.urgent === judged.urgent
    ) {
      return [];
    }
    throw precondition(
      command,
      'CONVOCATION_ALREADY_RECORDED',
      `La convocation a déjà été enregistrée comme reçue le ${previous.receivedOn}`,
    );
  }
  return [
    { type: 'ConvocationReceived', data: { ...base(command), receivedOn: command.receivedOn, ...judged } },
  ];
};

/** Documents may arrive up to the day of the meeting ("sur table"). The same title on the same day records nothing. */
export const recordDocuments = (command: RecordDocuments, state: MeetingState): DocumentsReceived[] => {
  const meeting = inAllowedStatus(command, state);
  requireDate(command, command.receivedOn, 'receivedOn');
  requireText(command, command.title, 'title');
  requireNotBefore(
    command,
    { field: 'the meeting day', value: meetingDay(meeting) },
    { field: 'receivedOn', value: command.receivedOn },
  );
  const judged = lateness(command, meeting.scheduledFor);
  if (meeting.documents.some((d) => d.title === command.title && d.receivedOn === command.receivedOn))
    return [];
  return [
    {
      type: 'DocumentsReceived',
      data: { ...base(command), receivedOn: command.receivedOn, title: command.title, ...judged },
    },
  ];
};

// ---- Agenda ----------------------------------------------------------------------------------------------------

export const addAgendaItem = (command: AddAgendaItem, state: MeetingState): AgendaItemAdded[] => {
  const meeting = inAllowedStatus(command, state);
  requireNewItemId(command, meeting, command.itemId);
  requireText(command, command.title, 'title');
  const nature = command.nature ?? 'unknown';
  requireOneOf(command, nature, ITEM_NATURES, 'nature');
  return [
    {
      type: 'AgendaItemAdded',
      data: {
        ...base(command),
        itemId: command.itemId,
        title: command.title,
        nature,
        demandIds: validIds(command, command.demandIds, 'demandIds'),
      },
    },
  ];
};

/** Records whether the request is signed by at least half of the titular representatives (`mandatory`). */
export const requestAgendaItem = (command: RequestAgendaItem, state: MeetingState): AgendaItemRequested[] => {
  const meeting = inAllowedStatus(command, state);
  requireNewItemId(command, meeting, command.itemId);
  requireText(command, command.title, 'title');
  const nature = command.nature ?? 'unknown';
  requireOneOf(command, nature, ITEM_NATURES, 'nature');
  requireText(command, command.requestedBy, 'requestedBy');
  requireCount(command, command.titularRepsTotal, 'titularRepsTotal', 1, 1000);
  requireCount(command, command.signatures, 'signatures', 0, 1000);
  if (command.signatures > command.titularRepsTotal) {
    throw invalid(
      command,
      'SIGNATURES_EXCEED_TOTAL',
      `signatures (${command.signatures}) ne peut pas dépasser titularRepsTotal (${command.titularRepsTotal})`,
    );
  }
  return [
    {
      type: 'AgendaItemRequested',
      data: {
        ...base(command),
        itemId: command.itemId,
        title: command.title,
        nature,
        requestedBy: command.requestedBy,
        signatures: command.signatures,
        titularRepsTotal: command.titularRepsTotal,
        mandatory: isMandatoryRequest(command.signatures, command.titularRepsTotal),
        demandIds: validIds(command, command.demandIds, 'demandIds'),
      },
    },
  ];
};

export const acceptAgendaItem = (command: AcceptAgendaItem, state: MeetingState): AgendaItemAccepted[] => {
  const meeting = inAllowedStatus(command, state);
  const item = agendaItemIn(command, meeting);
  return [{ type: 'AgendaItemAccepted', data: { ...base(command), itemId: item.itemId } }];
};

/** A refusal is recorded even when the item was mandatory: that is the fact the union will cite. */
export const refuseAgendaItem = (command: RefuseAgendaItem, state: MeetingState): AgendaItemRefused[] => {
  const meeting = inAllowedStatus(command, state);
  const item = agendaItemIn(command, meeting);
  requireOptionalText(command, command.reason, 'reason');
  return [
    {
      type: 'AgendaItemRefused',
      data: {
        ...base(command),
        itemId: item.itemId,
        ...opt('reason', command.reason),
        mandatory: item.mandatory,
      },
    },
  ];
};

export const submitQuestionDiverse = (
  command: SubmitQuestionDiverse,
  state: MeetingState,
): QuestionDiverseSubmitted[] => {
  const meeting = inAllowedStatus(command, state);
  requireNewItemId(command, meeting, command.itemId);
  requireText(command, command.text, 'text');
  requireOptionalText(command, command.submittedBy, 'submittedBy');
  return [
    {
      type: 'QuestionDiverseSubmitted',
      data: {
        ...base(command),
        itemId: command.itemId,
        text: command.text,
        ...opt('submittedBy', command.submittedBy),
        demandIds: validIds(command, command.demandIds, 'demandIds'),
      },
    },
  ];
};

/** Any item (agenda item or question diverse). Linking an already linked demand records nothing. */
export const linkDemandToItem = (command: LinkDemandToItem, state: MeetingState): DemandLinkedToItem[] => {
  const meeting = inAllowedStatus(command, state);
  const item = itemOf(command, meeting, command.itemId);
  requireText(command, command.demandId, 'demandId');
  if (item.demandIds.includes(command.demandId)) return [];
  return [
    {
      type: 'DemandLinkedToItem',
      data: { ...base(command), itemId: item.itemId, demandId: command.demandId },
    },
  ];
};

// ---- The meeting -----------------------------------------------------------------------------------------------

export const recordMeetingHeld = (command: RecordMeetingHeld, state: MeetingState): MeetingHeld[] => {
  inAllowedStatus(command, state);
  requireDate(command, command.heldOn, 'heldOn');
  if (command.quorum !== undefined) requireBoolean(command, command.quorum, 'quorum');
  if (!Array.isArray(command.attendeeRoles)) {
    throw invalid(command, 'REQUIRED', 'attendeeRoles doit être une liste');
  }
  command.attendeeRoles.forEach((role) => requireText(command, role, 'attendeeRoles[]'));
  return [
    {
      type: 'MeetingHeld',
      data: {
        ...base(command),
        heldOn: command.heldOn,
        quorum: command.quorum ?? null,
        attendeeRoles: [...command.attendeeRoles],
      },
    },
  ];
};

/** Management's exact words at the meeting, about an item or in general, linked to the demands they concern. */
export const recordManagementStatement = (
  command: RecordManagementStatement,
  state: MeetingState,
): ManagementStatementRecorded[] => {
  const meeting = inAllowedStatus(command, state);
  requireText(command, command.statementId, 'statementId');
  if (meeting.statements.some((s) => s.statementId === command.statementId)) {
    throw precondition(command, 'STATEMENT_EXISTS', `La déclaration ${command.statementId} existe déjà`);
  }
  if (command.itemId !== undefined) itemOf(command, meeting, command.itemId);
  requireText(command, command.text, 'text');
  requireText(command, command.authorRole, 'authorRole');
  return [
    {
      type: 'ManagementStatementRecorded',
      data: {
        ...base(command),
        statementId: command.statementId,
        ...opt('itemId', command.itemId),
        text: command.text,
        authorRole: command.authorRole,
        demandIds: validIds(command, command.demandIds, 'demandIds'),
      },
    },
  ];
};

const validVotes = (command: RecordVote): UnionVote[] => {
  if (!Array.isArray(command.votes) || command.votes.length === 0) {
    throw invalid(command, 'VOTES_REQUIRED', 'votes doit nommer au moins une organisation syndicale');
  }
  const unions = new Set<string>();
  const votes = command.votes.map((vote) => {
    requireText(command, vote?.union, 'votes[].union');
    if (unions.has(vote.union)) {
      throw invalid(
        command,
        'DUPLICATE_UNION',
        `L’organisation « ${vote.union} » figure deux fois dans votes`,
      );
    }
    unions.add(vote.union);
    requireCount(command, vote.pour, 'votes[].pour', 0, 1000);
    requireCount(command, vote.contre, 'votes[].contre', 0, 1000);
    requireCount(command, vote.abstention, 'votes[].abstention', 0, 1000);
    return { union: vote.union, pour: vote.pour, contre: vote.contre, abstention: vote.abstention };
  });
  if (votes.every((v) => v.pour + v.contre + v.abstention === 0)) {
    throw invalid(command, 'NO_VOTE_CAST', 'Au moins une voix doit être exprimée');
  }
  return votes;
};

/**
 * Only on an accepted agenda item open to an avis, at a meeting that did not lack quorum (or reconvenes one that
 * did; an unknown quorum does not block). An item is voted once, and a second time only as the re-deliberation that follows a unanimous unfavourable
 * vote. `unanimousUnfavourable` and, unless given, `avis` are computed from the counts.
 */
export const recordVote = (command: RecordVote, state: MeetingState): VoteRecorded[] => {
  const meeting = inAllowedStatus(command, state);
  const item = agendaItemIn(command, meeting);
  if (item.nature === 'information') {
    throw precondition(
      command,
      'INFORMATION_ITEM',
      `Le point ${item.itemId} est pour information : il ne donne pas lieu à vote`,
    );
  }
  if (meeting.quorum === false && meeting.reconvenes === null) {
    throw precondition(
      command,
      'QUORUM_NOT_REACHED',
      'Le quorum n’a pas été atteint : la séance ne peut pas délibérer (elle doit être reconvoquée)',
    );
  }
  const votedOn = command.votedOn ?? meetingDay(meeting);
  requireDate(command, votedOn, 'votedOn');
  requireNotBefore(
    command,
    { field: 'votedOn', value: votedOn },
    { field: 'heldOn', value: meetingDay(meeting) },
  );
  const previous = latestVoteOn(meeting, item.itemId);
  const redeliberation = previous !== undefined;
  if (previous !== undefined) {
    if (!awaitsRedeliberation(meeting, item.itemId)) {
      throw precondition(
        command,
        'ALREADY_VOTED',
        `Le point ${item.itemId} a déjà été voté le ${previous.votedOn} ; seul un vote unanimement défavorable est délibéré de nouveau`,
      );
    }
    if (votedOn <= previous.votedOn) {
      throw invalid(
        command,
        'DATE_ORDER',
        `La nouvelle délibération (votedOn ${votedOn}) doit suivre le premier vote (${previous.votedOn})`,
      );
    }
  }
  const votes = validVotes(command);
  if (command.avis !== undefined) requireOneOf(command, command.avis, AVIS, 'avis');
  return [
    {
      type: 'VoteRecorded',
      data: {
        ...base(command),
        itemId: item.itemId,
        votedOn,
        votes,
        avis: command.avis ?? avisOf(votes),
        unanimousUnfavourable: isUnanimousUnfavourable(votes),
        redeliberation,
      },
    },
  ];
};

// ---- After the meeting -----------------------------------------------------------------------------------------

/** A first draft, or a revised one after a contestation. */
export const recordMinutesDraft = (
  command: RecordMinutesDraft,
  state: MeetingState,
): MinutesDraftReceived[] => {
  const meeting = inAllowedStatus(command, state);
  const minutes = minutesIn(command, meeting);
  requireDate(command, command.receivedOn, 'receivedOn');
  requireNotBefore(
    command,
    { field: 'receivedOn', value: command.receivedOn },
    { field: 'heldOn', value: meetingDay(meeting) },
  );
  const lastContestation = minutes.contestations[minutes.contestations.length - 1];
  if (lastContestation) {
    requireNotBefore(
      command,
      { field: 'receivedOn', value: command.receivedOn },
      { field: 'the contestation', value: lastContestation.contestedOn },
    );
  }
  return [{ type: 'MinutesDraftReceived', data: { ...base(command), receivedOn: command.receivedOn } }];
};

const lastDraftOf = (meeting: Meeting): string =>
  meeting.minutes.drafts[meeting.minutes.drafts.length - 1] ?? '';

/** Usually at the next meeting (`atMeetingId`); contested minutes may be approved as amended. */
export const approveMinutes = (command: ApproveMinutes, state: MeetingState): MinutesApproved[] => {
  const meeting = inAllowedStatus(command, state);
  minutesIn(command, meeting);
  requireDate(command, command.approvedOn, 'approvedOn');
  requireNotBefore(
    command,
    { field: 'approvedOn', value: command.approvedOn },
    { field: 'the draft', value: lastDraftOf(meeting) },
  );
  requireOptionalText(command, command.atMeetingId, 'atMeetingId');
  if (command.atMeetingId === command.meetingId) {
    throw invalid(
      command,
      'SAME_MEETING',
      'Un procès-verbal est approuvé lors d’une séance ultérieure, pas lors de celle qu’il relate',
    );
  }
  return [
    {
      type: 'MinutesApproved',
      data: { ...base(command), approvedOn: command.approvedOn, ...opt('atMeetingId', command.atMeetingId) },
    },
  ];
};

export const contestMinutes = (command: ContestMinutes, state: MeetingState): MinutesContested[] => {
  const meeting = inAllowedStatus(command, state);
  minutesIn(command, meeting);
  requireDate(command, command.contestedOn, 'contestedOn');
  requireNotBefore(
    command,
    { field: 'contestedOn', value: command.contestedOn },
    { field: 'the draft', value: lastDraftOf(meeting) },
  );
  if (!Array.isArray(command.points) || command.points.length === 0) {
    throw invalid(command, 'POINTS_REQUIRED', 'points doit citer au moins un point contesté');
  }
  command.points.forEach((point) => requireText(command, point, 'points[]'));
  return [
    {
      type: 'MinutesContested',
      data: { ...base(command), contestedOn: command.contestedOn, points: [...command.points] },
    },
  ];
};

/** Only for an agenda item with an avis; received on or after the vote it answers. */
export const recordAvisFollowUp = (
  command: RecordAvisFollowUp,
  state: MeetingState,
): AvisFollowUpReceived[] => {
  const meeting = inAllowedStatus(command, state);
  const item = agendaItemOf(command, meeting, command.itemId);
  const vote = latestVoteOn(meeting, item.itemId);
  if (!vote) {
    throw precondition(
      command,
      'NO_AVIS',
      `Le point ${item.itemId} n’a pas encore d’avis : il n’y a pas de suite à enregistrer`,
    );
  }
  requireDate(command, command.receivedOn, 'receivedOn');
  requireNotBefore(
    command,
    { field: 'receivedOn', value: command.receivedOn },
    { field: 'the vote', value: vote.votedOn },
  );
  requireText(command, command.text, 'text');
  requireOptionalText(command, command.documentRef, 'documentRef');
  return [
    {
      type: 'AvisFollowUpReceived',
      data: {
        ...base(command),
        itemId: item.itemId,
        receivedOn: command.receivedOn,
        text: command.text,
        ...opt('documentRef', command.documentRef),
      },
    },
  ];
};

// ---- Deadlines -------------------------------------------------------------------------------------------------

const validRules = (command: RecordMeetingDeadline): MeetingRules => {
  const rules = command.rules;
  if (typeof rules !== 'object' || rules === null)
    throw invalid(command, 'REQUIRED', 'rules est obligatoire');
  requireCount(command, rules.noticeDays, 'rules.noticeDays', 0, 365);
  requireCount(command, rules.urgentNoticeDays, 'rules.urgentNoticeDays', 0, 365);
  requireCount(command, rules.avisFollowUpMonths, 'rules.avisFollowUpMonths', 1, 60);
  requireCount(command, rules.minutesMonths, 'rules.minutesMonths', 1, 60);
  requireCount(command, rules.redeliberationMinDays, 'rules.redeliberationMinDays', 0, 365);
  requireCount(
    command,
    rules.redeliberationMaxDays,
    'rules.redeliberationMaxDays',
    rules.redeliberationMinDays,
    365,
  );
  return rules;
};

const sameRef = (a: MeetingDeadlineRef, b: MeetingDeadline): boolean => {
  if (a.kind !== b.kind || deadlineKey(a) !== b.key) return false;
  return a.kind !== 'redeliberation' || (b.kind === 'redeliberation' && a.to === b.to);
};

/**
 * Idempotent: records nothing when this exact deadline was already recorded, or when it is no longer pending
 * under `rules` (follow-up or minutes received, re-deliberation held, due date moved). Refused when it is too
 * early: an overdue deadline must be past as of `asOf`, a re-deliberation window must be open.
 */
export const recordMeetingDeadline = (
  command: RecordMeetingDeadline,
  state: MeetingState,
): (AvisFollowUpOverdue | MinutesOverdue | RedeliberationDue)[] => {
  const meeting = inAllowedStatus(command, state);
  const { deadline, asOf } = command;
  requireInstant(command, asOf, 'asOf');
  requireOneOf(command, deadline?.kind, ['avis_follow_up', 'minutes', 'redeliberation'], 'deadline.kind');
  if (deadline.kind === 'redeliberation') {
    requireText(command, deadline.itemId, 'deadline.itemId');
    requireDate(command, deadline.from, 'deadline.from');
    requireDate(command, deadline.to, 'deadline.to');
    if (deadlineStatusAt(deadline, asOf).status === 'upcoming') {
      throw invalid(
        command,
        'WINDOW_NOT_OPEN',
        `La fenêtre de nouvelle délibération s’ouvre le ${deadline.from}, pas avant`,
      );
    }
  } else {
    if (deadline.kind === 'avis_follow_up') requireText(command, deadline.itemId, 'deadline.itemId');
    requireDate(command, deadline.dueAt, 'deadline.dueAt');
    if (deadlineStatusAt(deadline, asOf).status !== 'overdue') {
      throw invalid(
        command,
        'DEADLINE_NOT_PASSED',
        `L’échéance du ${deadline.dueAt} n’est pas dépassée au ${asOf}`,
      );
    }
  }
  const rules = validRules(command);
  const pending = meetingDeadlines(meeting, rules).find((d) => sameRef(deadline, d));
  if (!pending || pending.recorded) return [];
  switch (pending.kind) {
    case 'avis_follow_up':
      return [
        {
          type: 'AvisFollowUpOverdue',
          data: { ...base(command), itemId: pending.itemId, dueAt: pending.dueAt, asOf },
        },
      ];
    case 'minutes':
      return [{ type: 'MinutesOverdue', data: { ...base(command), dueAt: pending.dueAt, asOf } }];
    case 'redeliberation':
      return [
        {
          type: 'RedeliberationDue',
          data: { ...base(command), itemId: pending.itemId, from: pending.from, to: pending.to, asOf },
        },
      ];
  }
};

// ---- Dispatcher ------------------------------------------------------------------------------------------------

export const decide = (command: MeetingCommand, state: MeetingState): MeetingEvent[] => {
  switch (command.type) {
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'RecordConvocation':
      return recordConvocation(command, state);
    case 'RecordDocuments':
      return recordDocuments(command, state);
    case 'AddAgendaItem':
      return addAgendaItem(command, state);
    case 'RequestAgendaItem':
      return requestAgendaItem(command, state);
    case 'AcceptAgendaItem':
      return acceptAgendaItem(command, state);
    case 'RefuseAgendaItem':
      return refuseAgendaItem(command, state);
    case 'SubmitQuestionDiverse':
      return submitQuestionDiverse(command, state);
    case 'LinkDemandToItem':
      return linkDemandToItem(command, state);
    case 'RecordMeetingHeld':
      return recordMeetingHeld(command, state);
    case 'RecordManagementStatement':
      return recordManagementStatement(command, state);
    case 'RecordVote':
      return recordVote(command, state);
    case 'RecordMinutesDraft':
      return recordMinutesDraft(command, state);
    case 'ApproveMinutes':
      return approveMinutes(command, state);
    case 'ContestMinutes':
      return contestMinutes(command, state);
    case 'RecordAvisFollowUp':
      return recordAvisFollowUp(command, state);
    case 'RecordMeetingDeadline':
      return recordMeetingDeadline(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown meeting command: ${JSON.stringify(unknown)}`);
    }
  }
};

export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  initialState,
  evolve,
  decide,
};
