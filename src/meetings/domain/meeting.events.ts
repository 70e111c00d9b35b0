import type { Event } from '../../shared/event.js';

// ---- Vocabulary ------------------------------------------------------------------------------------------------

/**
 * Which body meets. The four known ones, or `other` (any instance named by its `instanceId`, with a level).
 * `fs` is the formation spécialisée (health, safety and working conditions) of a CSA.
 */
export const INSTANCE_TYPES = ['csa_spip_local', 'fs', 'csa_disp', 'csa_national', 'other'] as const;
export type InstanceType = (typeof INSTANCE_TYPES)[number];

export const INSTANCE_LEVELS = ['local', 'disp', 'national'] as const;
export type InstanceLevel = (typeof INSTANCE_LEVELS)[number];

export const MEETING_KINDS = ['ordinary', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** What an agenda item asks of the committee; `information` items take no vote. */
export const ITEM_NATURES = ['draft_text', 'consultation', 'information', 'unknown'] as const;
export type ItemNature = (typeof ITEM_NATURES)[number];

export const AVIS = ['favourable', 'defavourable', 'deemed_given'] as const;
export type Avis = (typeof AVIS)[number];

/** One union's votes on one item (only staff representatives vote). */
export type UnionVote = { union: string; pour: number; contre: number; abstention: number };

/**
 * Every meeting event carries `meetingId` and `occurredAt` (ISO 8601 instant, when it happened in the world).
 * Calendar dates (`scheduledFor`, `receivedOn`, `heldOn`, `dueAt`…) are `YYYY-MM-DD`.
 */
type MeetingEventData<Data extends object> = { meetingId: string; occurredAt: string } & Data;
type MeetingEventOf<Type extends string, Data extends object = object> = Event<Type, MeetingEventData<Data>>;

/** How a convocation or a document was judged: `dueBy` = meeting date − `noticeDays`; `lateDays` ≥ 0. */
type Lateness = { urgent: boolean; noticeDays: number; dueBy: string; lateDays: number };

// ---- Scheduling and preparation --------------------------------------------------------------------------------

export type MeetingScheduled = MeetingEventOf<
  'MeetingScheduled',
  {
    instanceId: string;
    instanceName: string;
    instanceType: InstanceType;
    level: InstanceLevel;
    scheduledFor: string;
    kind: MeetingKind;
    /** The meeting this one reconvenes after a lack of quorum: it then deliberates whatever the attendance. */
    reconvenes?: string;
    sourceRef?: string;
  }
>;
export type ConvocationReceived = MeetingEventOf<'ConvocationReceived', { receivedOn: string } & Lateness>;
export type DocumentsReceived = MeetingEventOf<
  'DocumentsReceived',
  { receivedOn: string; title: string } & Lateness
>;

// ---- Agenda ----------------------------------------------------------------------------------------------------

/** An item the president put on the agenda (the convocation's own agenda): on the agenda from the start. */
export type AgendaItemAdded = MeetingEventOf<
  'AgendaItemAdded',
  { itemId: string; title: string; nature: ItemNature; demandIds: string[] }
>;
/**
 * An item requested by a union. `mandatory`: signed by at least half of the titular staff representatives, so it
 * must be put on the agenda.
 */
export type AgendaItemRequested = MeetingEventOf<
  'AgendaItemRequested',
  {
    itemId: string;
    title: string;
    nature: ItemNature;
    requestedBy: string;
    signatures: number;
    titularRepsTotal: number;
    mandatory: boolean;
    demandIds: string[];
  }
>;
export type AgendaItemAccepted = MeetingEventOf<'AgendaItemAccepted', { itemId: string }>;
/** `mandatory` repeats the request's flag: refusing a mandatory item is the fact the union will cite. */
export type AgendaItemRefused = MeetingEventOf<
  'AgendaItemRefused',
  { itemId: string; reason?: string; mandatory: boolean }
>;
export type QuestionDiverseSubmitted = MeetingEventOf<
  'QuestionDiverseSubmitted',
  { itemId: string; text: string; submittedBy?: string; demandIds: string[] }
>;
export type DemandLinkedToItem = MeetingEventOf<'DemandLinkedToItem', { itemId: string; demandId: string }>;

// ---- The meeting -----------------------------------------------------------------------------------------------

/** `quorum` is null when it is not known (a meeting entered after the fact from a report). */
export type MeetingHeld = MeetingEventOf<
  'MeetingHeld',
  { heldOn: string; quorum: boolean | null; attendeeRoles: string[] }
>;
export type ManagementStatementRecorded = MeetingEventOf<
  'ManagementStatementRecorded',
  {
    statementId: string;
    itemId?: string;
    /** Management's exact words. */
    text: string;
    authorRole: string;
    demandIds: string[];
  }
>;
/**
 * `unanimousUnfavourable`: every vote cast is "contre" (no "pour", no abstention). `redeliberation`: this vote is
 * the second deliberation that follows such a vote.
 */
export type VoteRecorded = MeetingEventOf<
  'VoteRecorded',
  {
    itemId: string;
    votedOn: string;
    votes: UnionVote[];
    avis: Avis;
    unanimousUnfavourable: boolean;
    redeliberation: boolean;
  }
>;

// ---- After the meeting -----------------------------------------------------------------------------------------

export type MinutesDraftReceived = MeetingEventOf<'MinutesDraftReceived', { receivedOn: string }>;
export type MinutesApproved = MeetingEventOf<'MinutesApproved', { approvedOn: string; atMeetingId?: string }>;
export type MinutesContested = MeetingEventOf<'MinutesContested', { contestedOn: string; points: string[] }>;
/** The "suites données aux avis": the president's written follow-up. */
export type AvisFollowUpReceived = MeetingEventOf<
  'AvisFollowUpReceived',
  { itemId: string; receivedOn: string; text: string; documentRef?: string }
>;

// ---- Deadlines (recorded by a scheduled check) -----------------------------------------------------------------

export type AvisFollowUpOverdue = MeetingEventOf<
  'AvisFollowUpOverdue',
  { itemId: string; dueAt: string; asOf: string }
>;
export type MinutesOverdue = MeetingEventOf<'MinutesOverdue', { dueAt: string; asOf: string }>;
/** The re-deliberation window after a unanimous unfavourable vote has opened (`from`…`to`, inclusive). */
export type RedeliberationDue = MeetingEventOf<
  'RedeliberationDue',
  { itemId: string; from: string; to: string; asOf: string }
>;

export type MeetingEvent =
  | MeetingScheduled
  | ConvocationReceived
  | DocumentsReceived
  | AgendaItemAdded
  | AgendaItemRequested
  | AgendaItemAccepted
  | AgendaItemRefused
  | QuestionDiverseSubmitted
  | DemandLinkedToItem
  | MeetingHeld
  | ManagementStatementRecorded
  | VoteRecorded
  | MinutesDraftReceived
  | MinutesApproved
  | MinutesContested
  | AvisFollowUpReceived
  | AvisFollowUpOverdue
  | MinutesOverdue
  | RedeliberationDue;

export type MeetingEventType = MeetingEvent['type'];

// The record makes the compiler check that the list names every event type exactly once.
const meetingEventTypes: Record<MeetingEventType, true> = {
  MeetingScheduled: true,
  ConvocationReceived: true,
  DocumentsReceived: true,
  AgendaItemAdded: true,
  AgendaItemRequested: true,
  AgendaItemAccepted: true,
  AgendaItemRefused: true,
  QuestionDiverseSubmitted: true,
  DemandLinkedToItem: true,
  MeetingHeld: true,
  ManagementStatementRecorded: true,
  VoteRecorded: true,
  MinutesDraftReceived: true,
  MinutesApproved: true,
  MinutesContested: true,
  AvisFollowUpReceived: true,
  AvisFollowUpOverdue: true,
  MinutesOverdue: true,
  RedeliberationDue: true,
};

/** Every stored meeting event type (a contract: these names are persisted). */
export const MEETING_EVENT_TYPES = Object.keys(meetingEventTypes) as readonly MeetingEventType[];

export const isMeetingEvent = (event: { type: string }): event is MeetingEvent =>
  Object.prototype.hasOwnProperty.call(meetingEventTypes, event.type);
