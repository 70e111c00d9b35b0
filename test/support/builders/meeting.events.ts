import type {
  AgendaItemAccepted,
  AgendaItemAdded,
  AgendaItemRefused,
  AgendaItemRequested,
  AvisFollowUpOverdue,
  AvisFollowUpReceived,
  ConvocationReceived,
  DemandLinkedToItem,
  DocumentsReceived,
  ManagementStatementRecorded,
  MeetingEvent,
  MeetingHeld,
  MeetingScheduled,
  MinutesApproved,
  MinutesContested,
  MinutesDraftReceived,
  MinutesOverdue,
  QuestionDiverseSubmitted,
  RedeliberationDue,
  VoteRecorded,
} from '../../../src/meetings/domain/meeting.events.js';

/** The meeting every builder talks about, unless overridden: an ordinary CSA SPIP local of SPIP 62. */
export const MEETING_ID = 'mtg-csa-spip62-2024-03-14';
export const NEXT_MEETING_ID = 'mtg-csa-spip62-2024-06-20';
/** Agenda item requested by FO on the Béthune relocation project; a question diverse on the ASE vacancy. */
export const ITEM_ID = 'item-relocation';
export const PRESIDENT_ITEM_ID = 'item-budget';
export const QUESTION_ID = 'qd-ase';
export const STATEMENT_ID = 'stmt-1';
/** dem-B4 (associate colleagues with the relocation) and dem-B5 (individual offices), from the seed. */
export const DEMAND_B4 = 'dem-B4';
export const DEMAND_B5 = 'dem-B5';
export const DEMAND_B8 = 'dem-B8';

/**
 * A plausible, ordered timeline. Meeting on 2024-03-14: convocation due by 2024-02-28 (15 days), documents late;
 * minutes due by 2024-04-14, avis follow-up by 2024-05-14, re-deliberation window 2024-03-22…2024-04-13.
 */
export const T = {
  scheduled: '2024-02-26T09:00:00.000Z',
  scheduledFor: '2024-03-14',
  requested: '2024-02-27T09:00:00.000Z',
  convocationOn: '2024-02-28',
  convocationDueBy: '2024-02-28',
  documentsOn: '2024-03-08',
  heldOn: '2024-03-14',
  held: '2024-03-14T09:00:00.000Z',
  during: '2024-03-14T10:30:00.000Z',
  redeliberationFrom: '2024-03-22',
  redeliberationTo: '2024-04-13',
  redeliberatedOn: '2024-03-28',
  minutesDue: '2024-04-14',
  minutesOn: '2024-04-10',
  contestedOn: '2024-04-20',
  revisedOn: '2024-05-15',
  approvedOn: '2024-06-20',
  followUpDue: '2024-05-14',
  followUpOn: '2024-05-02',
  checked: '2024-06-01T06:00:00.000Z',
} as const;

export const FO = 'FO Justice';
export const CGT = 'CGT';

const builder =
  <E extends MeetingEvent>(type: E['type'], defaults: () => E['data']) =>
  (overrides: Partial<E['data']> = {}): E =>
    ({ type, data: { ...defaults(), ...overrides } }) as E;

const base = (occurredAt: string) => ({ meetingId: MEETING_ID, occurredAt });
const day = (date: string) => `${date}T00:00:00.000Z`;

export const meetingScheduled = builder<MeetingScheduled>('MeetingScheduled', () => ({
  ...base(T.scheduled),
  instanceId: 'csa-spip62',
  instanceName: 'CSA SPIP local (SPIP 62)',
  instanceType: 'csa_spip_local',
  level: 'local',
  scheduledFor: T.scheduledFor,
  kind: 'ordinary',
}));
export const convocationReceived = builder<ConvocationReceived>('ConvocationReceived', () => ({
  ...base(day(T.convocationOn)),
  receivedOn: T.convocationOn,
  urgent: false,
  noticeDays: 15,
  dueBy: T.convocationDueBy,
  lateDays: 0,
}));
export const documentsReceived = builder<DocumentsReceived>('DocumentsReceived', () => ({
  ...base(day(T.documentsOn)),
  receivedOn: T.documentsOn,
  title: 'Note de présentation du projet immobilier de Béthune',
  urgent: false,
  noticeDays: 15,
  dueBy: T.convocationDueBy,
  lateDays: 9,
}));
export const agendaItemAdded = builder<AgendaItemAdded>('AgendaItemAdded', () => ({
  ...base(T.scheduled),
  itemId: PRESIDENT_ITEM_ID,
  title: 'Budget 2024 du SPIP',
  nature: 'information',
  demandIds: [],
}));
export const agendaItemRequested = builder<AgendaItemRequested>('AgendaItemRequested', () => ({
  ...base(T.requested),
  itemId: ITEM_ID,
  title: 'Projet de déménagement de l’ALIP de Béthune : association des agents et configuration des bureaux',
  nature: 'consultation',
  requestedBy: FO,
  signatures: 3,
  titularRepsTotal: 6,
  mandatory: true,
  demandIds: [DEMAND_B4],
}));
export const agendaItemAccepted = builder<AgendaItemAccepted>('AgendaItemAccepted', () => ({
  ...base(day(T.convocationOn)),
  itemId: ITEM_ID,
}));
export const agendaItemRefused = builder<AgendaItemRefused>('AgendaItemRefused', () => ({
  ...base(day(T.convocationOn)),
  itemId: ITEM_ID,
  mandatory: true,
}));
export const questionDiverseSubmitted = builder<QuestionDiverseSubmitted>('QuestionDiverseSubmitted', () => ({
  ...base(T.requested),
  itemId: QUESTION_ID,
  text: 'Quand le poste d’ASE manquant à Béthune sera-t-il ouvert ?',
  demandIds: [DEMAND_B8],
}));
export const demandLinkedToItem = builder<DemandLinkedToItem>('DemandLinkedToItem', () => ({
  ...base(T.requested),
  itemId: ITEM_ID,
  demandId: DEMAND_B5,
}));
export const meetingHeld = builder<MeetingHeld>('MeetingHeld', () => ({
  ...base(T.held),
  heldOn: T.heldOn,
  quorum: true,
  attendeeRoles: ['DFSPIP (présidente)', 'secrétaire administratif', 'représentants du personnel FO', 'CGT'],
}));
export const managementStatementRecorded = builder<ManagementStatementRecorded>(
  'ManagementStatementRecorded',
  () => ({
    ...base(T.during),
    statementId: STATEMENT_ID,
    itemId: ITEM_ID,
    text: 'Les agents seront consultés sur l’aménagement des futurs locaux avant la validation des plans.',
    authorRole: 'DFSPIP',
    demandIds: [DEMAND_B4],
  }),
);
export const voteRecorded = builder<VoteRecorded>('VoteRecorded', () => ({
  ...base(T.during),
  itemId: ITEM_ID,
  votedOn: T.heldOn,
  votes: [
    { union: FO, pour: 0, contre: 3, abstention: 0 },
    { union: CGT, pour: 0, contre: 3, abstention: 0 },
  ],
  avis: 'defavourable',
  unanimousUnfavourable: true,
  redeliberation: false,
}));
/** A split vote: favourable, no re-deliberation. */
export const favourableVoteRecorded = (overrides: Partial<VoteRecorded['data']> = {}): VoteRecorded =>
  voteRecorded({
    votes: [
      { union: FO, pour: 3, contre: 0, abstention: 0 },
      { union: CGT, pour: 1, contre: 2, abstention: 0 },
    ],
    avis: 'favourable',
    unanimousUnfavourable: false,
    ...overrides,
  });
export const minutesDraftReceived = builder<MinutesDraftReceived>('MinutesDraftReceived', () => ({
  ...base(day(T.minutesOn)),
  receivedOn: T.minutesOn,
}));
export const minutesApproved = builder<MinutesApproved>('MinutesApproved', () => ({
  ...base(day(T.approvedOn)),
  approvedOn: T.approvedOn,
  atMeetingId: NEXT_MEETING_ID,
}));
export const minutesContested = builder<MinutesContested>('MinutesContested', () => ({
  ...base(day(T.contestedOn)),
  contestedOn: T.contestedOn,
  points: ['La déclaration liminaire de FO n’est pas annexée'],
}));
export const avisFollowUpReceived = builder<AvisFollowUpReceived>('AvisFollowUpReceived', () => ({
  ...base(day(T.followUpOn)),
  itemId: ITEM_ID,
  receivedOn: T.followUpOn,
  text: 'Suite à l’avis du CSA, un groupe de travail associant les agents est constitué.',
}));
export const avisFollowUpOverdue = builder<AvisFollowUpOverdue>('AvisFollowUpOverdue', () => ({
  ...base(T.checked),
  itemId: ITEM_ID,
  dueAt: T.followUpDue,
  asOf: T.checked,
}));
export const minutesOverdue = builder<MinutesOverdue>('MinutesOverdue', () => ({
  ...base(T.checked),
  dueAt: T.minutesDue,
  asOf: T.checked,
}));
export const redeliberationDue = builder<RedeliberationDue>('RedeliberationDue', () => ({
  ...base(T.checked),
  itemId: ITEM_ID,
  from: T.redeliberationFrom,
  to: T.redeliberationTo,
  asOf: T.checked,
}));

/** Scheduled, FO's item requested and accepted, then held with quorum. */
export const heldWithAcceptedItem = (): MeetingEvent[] => [
  meetingScheduled(),
  agendaItemRequested(),
  agendaItemAccepted(),
  meetingHeld(),
];
