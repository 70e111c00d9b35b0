import type {
  Avis,
  InstanceLevel,
  InstanceType,
  ItemNature,
  MeetingEvent,
  MeetingKind,
  MeetingScheduled,
  UnionVote,
} from './meeting.events.js';
import type { MeetingDeadlineRef } from './meeting.commands.js';

export const MEETING_STATUSES = ['SCHEDULED', 'HELD'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** NOT_DUE until the meeting is held; then AWAITED until a draft arrives. APPROVED is final. */
export const MINUTES_STATUSES = ['NOT_DUE', 'AWAITED', 'RECEIVED', 'CONTESTED', 'APPROVED'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** Items the president put on the agenda start ACCEPTED; items a union requests start REQUESTED. */
export const AGENDA_ITEM_STATUSES = ['REQUESTED', 'ACCEPTED', 'REFUSED'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const meetingStreamId = (meetingId: string): string => `meeting-${meetingId}`;

/** When a convocation or a document arrived, and how late against the notice rule. */
export type Receipt = {
  receivedOn: string;
  urgent: boolean;
  noticeDays: number;
  dueBy: string;
  lateDays: number;
};

export type AgendaItem = {
  kind: 'agenda_item';
  itemId: string;
  title: string;
  nature: ItemNature;
  origin: 'president' | 'union_request';
  status: AgendaItemStatus;
  /** Union request only (null for the president's items). */
  requestedBy: string | null;
  signatures: number | null;
  titularRepsTotal: number | null;
  /** Requested by at least half of the titular staff representatives: it must be put on the agenda. */
  mandatory: boolean;
  refusalReason: string | null;
  demandIds: string[];
  /** When it was put on the agenda or requested. */
  addedAt: string;
};

export type QuestionDiverse = {
  kind: 'question_diverse';
  itemId: string;
  text: string;
  submittedBy: string | null;
  demandIds: string[];
  submittedAt: string;
};

export type MeetingItem = AgendaItem | QuestionDiverse;

export type Statement = {
  statementId: string;
  itemId: string | null;
  text: string;
  authorRole: string;
  demandIds: string[];
  recordedAt: string;
};

export type Vote = {
  itemId: string;
  votedOn: string;
  votes: UnionVote[];
  avis: Avis;
  unanimousUnfavourable: boolean;
  redeliberation: boolean;
};

export type FollowUp = { itemId: string; receivedOn: string; text: string; documentRef: string | null };

export type Minutes = {
  status: MinutesStatus;
  /** Every draft received, in order (a contested draft may be followed by a revised one). */
  drafts: string[];
  approvedOn: string | null;
  approvedAtMeetingId: string | null;
  contestations: { contestedOn: string; points: string[] }[];
};

/** A meeting that exists. Everything a read model needs is here, so projections can fold with `evolve`. */
export type Meeting = {
  status: MeetingStatus;
  meetingId: string;
  instanceId: string;
  instanceName: string;
  instanceType: InstanceType;
  level: InstanceLevel;
  scheduledFor: string;
  kind: MeetingKind;
  reconvenes: string | null;
  sourceRef: string | null;
  convocation: Receipt | null;
  documents: (Receipt & { title: string })[];
  /** Agenda items and questions diverses, in the order they were recorded (one id space). */
  items: MeetingItem[];
  heldOn: string | null;
  quorum: boolean | null;
  attendeeRoles: string[];
  statements: Statement[];
  /** Every vote, in order; an item has a second one after a re-deliberation. */
  votes: Vote[];
  minutes: Minutes;
  followUps: FollowUp[];
  /** Keys of the deadline facts already recorded (see `deadlineKey`). */
  recordedDeadlines: string[];
  /** Latest `occurredAt` seen. */
  lastEventAt: string;
};

export type MeetingState = { status: 'INITIAL' } | Meeting;

export const initialState = (): MeetingState => ({ status: 'INITIAL' });

// ---- Pure rules used by the decider and the read side ----------------------------------------------------------

const LEVEL_OF_TYPE: Readonly<Partial<Record<InstanceType, InstanceLevel>>> = {
  csa_spip_local: 'local',
  csa_disp: 'disp',
  csa_national: 'national',
};

/** The level that goes with a known instance type; `fs` and `other` need one to be given. */
export const defaultLevelOf = (instanceType: InstanceType): InstanceLevel | undefined =>
  LEVEL_OF_TYPE[instanceType];

/** At least half of the titular staff representatives signed: the item must be put on the agenda. */
export const isMandatoryRequest = (signatures: number, titularRepsTotal: number): boolean =>
  signatures * 2 >= titularRepsTotal;

const totals = (votes: readonly UnionVote[]) =>
  votes.reduce(
    (sum, v) => ({
      pour: sum.pour + v.pour,
      contre: sum.contre + v.contre,
      abstention: sum.abstention + v.abstention,
    }),
    { pour: 0, contre: 0, abstention: 0 },
  );

/**
 * [known] The avis is taken by majority of those present (abstentions count as present); without a majority it is
 * deemed given.
 */
export const avisOf = (votes: readonly UnionVote[]): Avis => {
  const { pour, contre, abstention } = totals(votes);
  const present = pour + contre + abstention;
  if (pour * 2 > present) return 'favourable';
  if (contre * 2 > present) return 'defavourable';
  return 'deemed_given';
};

/** Every vote cast is "contre": at least one, no "pour", no abstention. */
export const isUnanimousUnfavourable = (votes: readonly UnionVote[]): boolean => {
  const { pour, contre, abstention } = totals(votes);
  return contre > 0 && pour === 0 && abstention === 0;
};

export const findItem = (meeting: Meeting, itemId: string): MeetingItem | undefined =>
  meeting.items.find((item) => item.itemId === itemId);

export const votesOn = (meeting: Meeting, itemId: string): Vote[] =>
  meeting.votes.filter((vote) => vote.itemId === itemId);

/** The vote whose avis stands (the re-deliberation's, when there was one). */
export const latestVoteOn = (meeting: Meeting, itemId: string): Vote | undefined => {
  const votes = votesOn(meeting, itemId);
  return votes[votes.length - 1];
};

/** A unanimous unfavourable first vote calls for a second deliberation, until that one is recorded. */
export const awaitsRedeliberation = (meeting: Meeting, itemId: string): boolean => {
  const latest = latestVoteOn(meeting, itemId);
  return latest !== undefined && latest.unanimousUnfavourable && !latest.redeliberation;
};

/** The written follow-up that answers the standing avis (received on or after its vote), if any. */
export const followUpOf = (meeting: Meeting, itemId: string): FollowUp | undefined => {
  const latest = latestVoteOn(meeting, itemId);
  if (!latest) return undefined;
  return meeting.followUps.find((f) => f.itemId === itemId && f.receivedOn >= latest.votedOn);
};

// ---- Evolve ----------------------------------------------------------------------------------------------------

const later = (previous: string, next: string): string =>
  new Date(next).getTime() > new Date(previous).getTime() ? next : previous;

const scheduled = (data: MeetingScheduled['data']): Meeting => ({
  status: 'SCHEDULED',
  meetingId: data.meetingId,
  instanceId: data.instanceId,
  instanceName: data.instanceName,
  instanceType: data.instanceType,
  level: data.level,
  scheduledFor: data.scheduledFor,
  kind: data.kind,
  reconvenes: data.reconvenes ?? null,
  sourceRef: data.sourceRef ?? null,
  convocation: null,
  documents: [],
  items: [],
  heldOn: null,
  quorum: null,
  attendeeRoles: [],
  statements: [],
  votes: [],
  minutes: { status: 'NOT_DUE', drafts: [], approvedOn: null, approvedAtMeetingId: null, contestations: [] },
  followUps: [],
  recordedDeadlines: [],
  lastEventAt: data.occurredAt,
});

const updateAgendaItem = (
  meeting: Meeting,
  itemId: string,
  change: (item: AgendaItem) => AgendaItem,
): MeetingItem[] =>
  meeting.items.map((item) => (item.itemId === itemId && item.kind === 'agenda_item' ? change(item) : item));

const withDeadline = (meeting: Meeting, key: string): Meeting =>
  meeting.recordedDeadlines.includes(key)
    ? meeting
    : { ...meeting, recordedDeadlines: [...meeting.recordedDeadlines, key] };

type ChangeEvent = Exclude<MeetingEvent, MeetingScheduled>;

const evolveMeeting = (meeting: Meeting, event: ChangeEvent): Meeting => {
  switch (event.type) {
    case 'ConvocationReceived': {
      const { receivedOn, urgent, noticeDays, dueBy, lateDays } = event.data;
      return { ...meeting, convocation: { receivedOn, urgent, noticeDays, dueBy, lateDays } };
    }
    case 'DocumentsReceived': {
      const { receivedOn, title, urgent, noticeDays, dueBy, lateDays } = event.data;
      return {
        ...meeting,
        documents: [...meeting.documents, { title, receivedOn, urgent, noticeDays, dueBy, lateDays }],
      };
    }
    case 'AgendaItemAdded':
      return {
        ...meeting,
        items: [
          ...meeting.items,
          {
            kind: 'agenda_item',
            itemId: event.data.itemId,
            title: event.data.title,
            nature: event.data.nature,
            origin: 'president',
            status: 'ACCEPTED',
            requestedBy: null,
            signatures: null,
            titularRepsTotal: null,
            mandatory: false,
            refusalReason: null,
            demandIds: [...event.data.demandIds],
            addedAt: event.data.occurredAt,
          },
        ],
      };
    case 'AgendaItemRequested':
      return {
        ...meeting,
        items: [
          ...meeting.items,
          {
            kind: 'agenda_item',
            itemId: event.data.itemId,
            title: event.data.title,
            nature: event.data.nature,
            origin: 'union_request',
            status: 'REQUESTED',
            requestedBy: event.data.requestedBy,
            signatures: event.data.signatures,
            titularRepsTotal: event.data.titularRepsTotal,
            mandatory: event.data.mandatory,
            refusalReason: null,
            demandIds: [...event.data.demandIds],
            addedAt: event.data.occurredAt,
          },
        ],
      };
    case 'AgendaItemAccepted':
      return {
        ...meeting,
        items: updateAgendaItem(meeting, event.data.itemId, (item) => ({ ...item, status: 'ACCEPTED' })),
      };
    case 'AgendaItemRefused':
      return {
        ...meeting,
        items: updateAgendaItem(meeting, event.data.itemId, (item) => ({
          ...item,
          status: 'REFUSED',
          refusalReason: event.data.reason ?? null,
        })),
      };
    case 'QuestionDiverseSubmitted':
      return {
        ...meeting,
        items: [
          ...meeting.items,
          {
            kind: 'question_diverse',
            itemId: event.data.itemId,
            text: event.data.text,
            submittedBy: event.data.submittedBy ?? null,
            demandIds: [...event.data.demandIds],
            submittedAt: event.data.occurredAt,
          },
        ],
      };
    case 'DemandLinkedToItem':
      return {
        ...meeting,
        items: meeting.items.map((item) =>
          item.itemId === event.data.itemId && !item.demandIds.includes(event.data.demandId)
            ? { ...item, demandIds: [...item.demandIds, event.data.demandId] }
            : item,
        ),
      };
    case 'MeetingHeld':
      return {
        ...meeting,
        status: 'HELD',
        heldOn: event.data.heldOn,
        quorum: event.data.quorum,
        attendeeRoles: [...event.data.attendeeRoles],
        minutes: { ...meeting.minutes, status: 'AWAITED' },
      };
    case 'ManagementStatementRecorded':
      return {
        ...meeting,
        statements: [
          ...meeting.statements,
          {
            statementId: event.data.statementId,
            itemId: event.data.itemId ?? null,
            text: event.data.text,
            authorRole: event.data.authorRole,
            demandIds: [...event.data.demandIds],
            recordedAt: event.data.occurredAt,
          },
        ],
      };
    case 'VoteRecorded': {
      const { itemId, votedOn, votes, avis, unanimousUnfavourable, redeliberation } = event.data;
      return {
        ...meeting,
        votes: [
          ...meeting.votes,
          {
            itemId,
            votedOn,
            votes: votes.map((v) => ({ ...v })),
            avis,
            unanimousUnfavourable,
            redeliberation,
          },
        ],
      };
    }
    case 'MinutesDraftReceived':
      return {
        ...meeting,
        minutes: {
          ...meeting.minutes,
          status: 'RECEIVED',
          drafts: [...meeting.minutes.drafts, event.data.receivedOn],
        },
      };
    case 'MinutesApproved':
      return {
        ...meeting,
        minutes: {
          ...meeting.minutes,
          status: 'APPROVED',
          approvedOn: event.data.approvedOn,
          approvedAtMeetingId: event.data.atMeetingId ?? null,
        },
      };
    case 'MinutesContested':
      return {
        ...meeting,
        minutes: {
          ...meeting.minutes,
          status: 'CONTESTED',
          contestations: [
            ...meeting.minutes.contestations,
            { contestedOn: event.data.contestedOn, points: [...event.data.points] },
          ],
        },
      };
    case 'AvisFollowUpReceived':
      return {
        ...meeting,
        followUps: [
          ...meeting.followUps,
          {
            itemId: event.data.itemId,
            receivedOn: event.data.receivedOn,
            text: event.data.text,
            documentRef: event.data.documentRef ?? null,
          },
        ],
      };
    case 'AvisFollowUpOverdue':
      return withDeadline(
        meeting,
        deadlineKey({ kind: 'avis_follow_up', itemId: event.data.itemId, dueAt: event.data.dueAt }),
      );
    case 'MinutesOverdue':
      return withDeadline(meeting, deadlineKey({ kind: 'minutes', dueAt: event.data.dueAt }));
    case 'RedeliberationDue':
      return withDeadline(
        meeting,
        deadlineKey({
          kind: 'redeliberation',
          itemId: event.data.itemId,
          from: event.data.from,
          to: event.data.to,
        }),
      );
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

/** Folds one event into the state. Pure and total; a change event on an unknown meeting leaves the state as is. */
export const evolve = (state: MeetingState, event: MeetingEvent): MeetingState => {
  if (event.type === 'MeetingScheduled') return state.status === 'INITIAL' ? scheduled(event.data) : state;
  if (state.status === 'INITIAL') return state;
  return { ...evolveMeeting(state, event), lastEventAt: later(state.lastEventAt, event.data.occurredAt) };
};

// ---- Deadline keys ---------------------------------------------------------------------------------------------

/** Stable key of a deadline, used to record each deadline fact once. */
export const deadlineKey = (deadline: MeetingDeadlineRef): string => {
  switch (deadline.kind) {
    case 'avis_follow_up':
      return `avis_follow_up:${deadline.itemId}@${deadline.dueAt}`;
    case 'minutes':
      return `minutes@${deadline.dueAt}`;
    case 'redeliberation':
      return `redeliberation:${deadline.itemId}@${deadline.from}`;
  }
};
