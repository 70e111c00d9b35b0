import type {
  AcceptAgendaItem,
  AddAgendaItem,
  ApproveMinutes,
  ContestMinutes,
  LinkDemandToItem,
  MeetingCommand,
  MeetingCommandType,
  RecordAvisFollowUp,
  RecordConvocation,
  RecordDocuments,
  RecordManagementStatement,
  RecordMeetingDeadline,
  RecordMeetingHeld,
  RecordMinutesDraft,
  RecordVote,
  RefuseAgendaItem,
  RequestAgendaItem,
  ScheduleMeeting,
  SubmitQuestionDiverse,
} from '../../../src/meetings/domain/meeting.commands.js';
import { DEFAULT_MEETING_RULES } from '../../../src/meetings/domain/meeting-rules.js';
import {
  CGT,
  DEMAND_B4,
  DEMAND_B5,
  DEMAND_B8,
  FO,
  ITEM_ID,
  MEETING_ID,
  NEXT_MEETING_ID,
  PRESIDENT_ITEM_ID,
  QUESTION_ID,
  STATEMENT_ID,
  T,
} from './meeting.events.js';

type Mutable<C> = { -readonly [K in keyof C]: C[K] };

const builder =
  <C extends MeetingCommand>(type: C['type'], defaults: () => Omit<Mutable<C>, 'type'>) =>
  (overrides: Partial<Omit<Mutable<C>, 'type'>> = {}): C =>
    ({ type, ...defaults(), ...overrides }) as C;

const base = (occurredAt: string) => ({ meetingId: MEETING_ID, occurredAt });
const day = (date: string) => `${date}T00:00:00.000Z`;

/** Command builders: `meetingCmd.recordVote({ avis: 'favourable' })`. Defaults match the event builders' timeline. */
export const meetingCmd = {
  scheduleMeeting: builder<ScheduleMeeting>('ScheduleMeeting', () => ({
    ...base(T.scheduled),
    instanceId: 'csa-spip62',
    instanceName: 'CSA SPIP local (SPIP 62)',
    instanceType: 'csa_spip_local',
    scheduledFor: T.scheduledFor,
    kind: 'ordinary',
  })),
  recordConvocation: builder<RecordConvocation>('RecordConvocation', () => ({
    ...base(day(T.convocationOn)),
    receivedOn: T.convocationOn,
    urgent: false,
    noticeDays: DEFAULT_MEETING_RULES.noticeDays,
  })),
  recordDocuments: builder<RecordDocuments>('RecordDocuments', () => ({
    ...base(day(T.documentsOn)),
    receivedOn: T.documentsOn,
    title: 'Note de présentation du projet immobilier de Béthune',
    urgent: false,
    noticeDays: DEFAULT_MEETING_RULES.noticeDays,
  })),
  addAgendaItem: builder<AddAgendaItem>('AddAgendaItem', () => ({
    ...base(T.scheduled),
    itemId: PRESIDENT_ITEM_ID,
    title: 'Budget 2024 du SPIP',
    nature: 'information',
  })),
  requestAgendaItem: builder<RequestAgendaItem>('RequestAgendaItem', () => ({
    ...base(T.requested),
    itemId: ITEM_ID,
    title:
      'Projet de déménagement de l’ALIP de Béthune : association des agents et configuration des bureaux',
    nature: 'consultation',
    requestedBy: FO,
    signatures: 3,
    titularRepsTotal: 6,
    demandIds: [DEMAND_B4],
  })),
  acceptAgendaItem: builder<AcceptAgendaItem>('AcceptAgendaItem', () => ({
    ...base(day(T.convocationOn)),
    itemId: ITEM_ID,
  })),
  refuseAgendaItem: builder<RefuseAgendaItem>('RefuseAgendaItem', () => ({
    ...base(day(T.convocationOn)),
    itemId: ITEM_ID,
  })),
  submitQuestionDiverse: builder<SubmitQuestionDiverse>('SubmitQuestionDiverse', () => ({
    ...base(T.requested),
    itemId: QUESTION_ID,
    text: 'Quand le poste d’ASE manquant à Béthune sera-t-il ouvert ?',
    demandIds: [DEMAND_B8],
  })),
  linkDemandToItem: builder<LinkDemandToItem>('LinkDemandToItem', () => ({
    ...base(T.requested),
    itemId: ITEM_ID,
    demandId: DEMAND_B5,
  })),
  recordMeetingHeld: builder<RecordMeetingHeld>('RecordMeetingHeld', () => ({
    ...base(T.held),
    heldOn: T.heldOn,
    quorum: true,
    attendeeRoles: [
      'DFSPIP (présidente)',
      'secrétaire administratif',
      'représentants du personnel FO',
      'CGT',
    ],
  })),
  recordManagementStatement: builder<RecordManagementStatement>('RecordManagementStatement', () => ({
    ...base(T.during),
    statementId: STATEMENT_ID,
    itemId: ITEM_ID,
    text: 'Les agents seront consultés sur l’aménagement des futurs locaux avant la validation des plans.',
    authorRole: 'DFSPIP',
    demandIds: [DEMAND_B4],
  })),
  recordVote: builder<RecordVote>('RecordVote', () => ({
    ...base(T.during),
    itemId: ITEM_ID,
    votes: [
      { union: FO, pour: 0, contre: 3, abstention: 0 },
      { union: CGT, pour: 0, contre: 3, abstention: 0 },
    ],
  })),
  recordMinutesDraft: builder<RecordMinutesDraft>('RecordMinutesDraft', () => ({
    ...base(day(T.minutesOn)),
    receivedOn: T.minutesOn,
  })),
  approveMinutes: builder<ApproveMinutes>('ApproveMinutes', () => ({
    ...base(day(T.approvedOn)),
    approvedOn: T.approvedOn,
    atMeetingId: NEXT_MEETING_ID,
  })),
  contestMinutes: builder<ContestMinutes>('ContestMinutes', () => ({
    ...base(day(T.contestedOn)),
    contestedOn: T.contestedOn,
    points: ['La déclaration liminaire de FO n’est pas annexée'],
  })),
  recordAvisFollowUp: builder<RecordAvisFollowUp>('RecordAvisFollowUp', () => ({
    ...base(day(T.followUpOn)),
    itemId: ITEM_ID,
    receivedOn: T.followUpOn,
    text: 'Suite à l’avis du CSA, un groupe de travail associant les agents est constitué.',
  })),
  recordMeetingDeadline: builder<RecordMeetingDeadline>('RecordMeetingDeadline', () => ({
    ...base(T.checked),
    deadline: { kind: 'minutes', dueAt: T.minutesDue },
    asOf: T.checked,
    rules: DEFAULT_MEETING_RULES,
    rulesSource: null,
  })),
} satisfies { [K in MeetingCommandType as Uncapitalize<K>]: (overrides?: never) => MeetingCommand };

/** One default command of each type, for table-driven specs. */
export const oneOfEachMeetingCommand = (): MeetingCommand[] =>
  Object.values(meetingCmd).map((build) => build());
