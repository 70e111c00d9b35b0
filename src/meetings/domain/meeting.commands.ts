import type {
  Avis,
  InstanceLevel,
  InstanceType,
  ItemNature,
  MeetingKind,
  UnionVote,
} from './meeting.events.js';
import type { MeetingRules } from './meeting-rules.js';

/**
 * Every command names its meeting and says when the fact happened in the world (`occurredAt`, ISO 8601 instant).
 * Ids of new items and statements arrive in the command, as do the rules a lateness is judged against.
 */
type MeetingCommandOf<Type extends string, Data extends object = object> = Readonly<
  { type: Type; meetingId: string; occurredAt: string } & Data
>;

/** `level` may be left out for the four known instance types (it follows from the type). */
export type ScheduleMeeting = MeetingCommandOf<
  'ScheduleMeeting',
  {
    instanceId: string;
    instanceName: string;
    instanceType: InstanceType;
    level?: InstanceLevel;
    scheduledFor: string;
    kind: MeetingKind;
    reconvenes?: string;
    sourceRef?: string;
  }
>;

/** `noticeDays` is the rule the receipt is judged against (from `MeetingRules`, or the RI's own figure). */
export type RecordConvocation = MeetingCommandOf<
  'RecordConvocation',
  { receivedOn: string; urgent: boolean; noticeDays: number }
>;
export type RecordDocuments = MeetingCommandOf<
  'RecordDocuments',
  { receivedOn: string; title: string; urgent: boolean; noticeDays: number }
>;

export type AddAgendaItem = MeetingCommandOf<
  'AddAgendaItem',
  { itemId: string; title: string; nature?: ItemNature; demandIds?: string[] }
>;
export type RequestAgendaItem = MeetingCommandOf<
  'RequestAgendaItem',
  {
    itemId: string;
    title: string;
    nature?: ItemNature;
    requestedBy: string;
    signatures: number;
    titularRepsTotal: number;
    demandIds?: string[];
  }
>;
export type AcceptAgendaItem = MeetingCommandOf<'AcceptAgendaItem', { itemId: string }>;
export type RefuseAgendaItem = MeetingCommandOf<'RefuseAgendaItem', { itemId: string; reason?: string }>;
export type SubmitQuestionDiverse = MeetingCommandOf<
  'SubmitQuestionDiverse',
  { itemId: string; text: string; submittedBy?: string; demandIds?: string[] }
>;
export type LinkDemandToItem = MeetingCommandOf<'LinkDemandToItem', { itemId: string; demandId: string }>;

/** `quorum` left out when it is not known. */
export type RecordMeetingHeld = MeetingCommandOf<
  'RecordMeetingHeld',
  { heldOn: string; quorum?: boolean; attendeeRoles: string[] }
>;
export type RecordManagementStatement = MeetingCommandOf<
  'RecordManagementStatement',
  { statementId: string; itemId?: string; text: string; authorRole: string; demandIds?: string[] }
>;
/**
 * `votedOn` defaults to the day the meeting was held. `avis` defaults to the one the counts give (majority of
 * those present, else deemed given); give it when the minutes say otherwise.
 */
export type RecordVote = MeetingCommandOf<
  'RecordVote',
  { itemId: string; votedOn?: string; votes: UnionVote[]; avis?: Avis }
>;

export type RecordMinutesDraft = MeetingCommandOf<'RecordMinutesDraft', { receivedOn: string }>;
export type ApproveMinutes = MeetingCommandOf<'ApproveMinutes', { approvedOn: string; atMeetingId?: string }>;
export type ContestMinutes = MeetingCommandOf<'ContestMinutes', { contestedOn: string; points: string[] }>;
export type RecordAvisFollowUp = MeetingCommandOf<
  'RecordAvisFollowUp',
  { itemId: string; receivedOn: string; text: string; documentRef?: string }
>;

/** Names one deadline `meetingDeadlines` lists. */
export type MeetingDeadlineRef =
  | { kind: 'avis_follow_up'; itemId: string; dueAt: string }
  | { kind: 'minutes'; dueAt: string }
  | { kind: 'redeliberation'; itemId: string; from: string; to: string };

/**
 * Issued by the scheduled deadline check. `asOf` is the instant of the check: an overdue deadline must be past
 * (`asOf`'s day after `dueAt`), a re-deliberation window must be open (`asOf`'s day on or after `from`).
 */
export type RecordMeetingDeadline = MeetingCommandOf<
  'RecordMeetingDeadline',
  { deadline: MeetingDeadlineRef; asOf: string; rules: MeetingRules }
>;

export type MeetingCommand =
  | ScheduleMeeting
  | RecordConvocation
  | RecordDocuments
  | AddAgendaItem
  | RequestAgendaItem
  | AcceptAgendaItem
  | RefuseAgendaItem
  | SubmitQuestionDiverse
  | LinkDemandToItem
  | RecordMeetingHeld
  | RecordManagementStatement
  | RecordVote
  | RecordMinutesDraft
  | ApproveMinutes
  | ContestMinutes
  | RecordAvisFollowUp
  | RecordMeetingDeadline;

export type MeetingCommandType = MeetingCommand['type'];

/** Human wording of each command, used in error messages ("Cannot <label> while …"). */
export const MEETING_COMMAND_LABELS: Readonly<Record<MeetingCommandType, string>> = {
  ScheduleMeeting: 'programmer la séance',
  RecordConvocation: 'enregistrer la convocation',
  RecordDocuments: 'enregistrer des documents',
  AddAgendaItem: 'ajouter un point à l’ordre du jour',
  RequestAgendaItem: 'demander un point à l’ordre du jour',
  AcceptAgendaItem: 'accepter le point',
  RefuseAgendaItem: 'refuser le point',
  SubmitQuestionDiverse: 'déposer une question diverse',
  LinkDemandToItem: 'lier une revendication à un point',
  RecordMeetingHeld: 'enregistrer la tenue de la séance',
  RecordManagementStatement: 'enregistrer une déclaration de la direction',
  RecordVote: 'enregistrer un vote',
  RecordMinutesDraft: 'enregistrer le projet de procès-verbal',
  ApproveMinutes: 'approuver le procès-verbal',
  ContestMinutes: 'contester le procès-verbal',
  RecordAvisFollowUp: 'enregistrer la suite donnée à un avis',
  RecordMeetingDeadline: 'enregistrer une échéance',
};
