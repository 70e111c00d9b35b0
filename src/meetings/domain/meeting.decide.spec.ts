import { deciderSpec } from '../../../test/support/decider-spec.js';
import { meetingCmd, oneOfEachMeetingCommand } from '../../../test/support/builders/meeting.commands.js';
import {
  CGT,
  DEMAND_B4,
  DEMAND_B5,
  FO,
  ITEM_ID,
  MEETING_ID,
  NEXT_MEETING_ID,
  PRESIDENT_ITEM_ID,
  QUESTION_ID,
  STATEMENT_ID,
  T,
  agendaItemAccepted,
  agendaItemAdded,
  agendaItemRefused,
  agendaItemRequested,
  avisFollowUpOverdue,
  avisFollowUpReceived,
  convocationReceived,
  demandLinkedToItem,
  documentsReceived,
  favourableVoteRecorded,
  heldWithAcceptedItem,
  managementStatementRecorded,
  meetingHeld,
  meetingScheduled,
  minutesApproved,
  minutesContested,
  minutesDraftReceived,
  minutesOverdue,
  questionDiverseSubmitted,
  redeliberationDue,
  voteRecorded,
} from '../../../test/support/builders/meeting.events.js';
import { DEFAULT_MEETING_RULES } from './meeting-rules.js';
import { ALLOWED_FROM, meetingDecider } from './meeting.decide.js';
import {
  MeetingAlreadyExistsError,
  MeetingInvalidError,
  MeetingItemNotFoundError,
  MeetingNotFoundError,
  MeetingPreconditionFailedError,
  MeetingTransitionNotAllowedError,
} from './meeting.errors.js';
import type { Meeting, MeetingState } from './meeting.js';

const { given } = deciderSpec(meetingDecider);

const asMeeting = (state: MeetingState): Meeting => {
  if (state.status === 'INITIAL') throw new Error('expected an existing meeting');
  return state;
};

const rule = (expected: string) => (error: { details: Record<string, unknown> }) =>
  expect(error.details.rule).toBe(expected);

const scheduled = [meetingScheduled()];
const held = [meetingScheduled(), meetingHeld()];
const voted = [...heldWithAcceptedItem(), voteRecorded()];

describe('Meeting › When new', () => {
  it('schedules a meeting; the level follows from a known instance type', () => {
    given([])
      .when(meetingCmd.scheduleMeeting())
      .then([meetingScheduled()], (state) => {
        expect(asMeeting(state)).toMatchObject({
          status: 'SCHEDULED',
          level: 'local',
          minutes: { status: 'NOT_DUE' },
        });
      });
  });

  it('schedules an extraordinary meeting of another instance with its level and source', () =>
    given([])
      .when(
        meetingCmd.scheduleMeeting({
          instanceId: 'fs-csa-spip62',
          instanceName: 'Formation spécialisée du CSA SPIP 62',
          instanceType: 'fs',
          level: 'local',
          kind: 'extraordinary',
          sourceRef: 'src-fo-cpip-spip62-2024-02-23',
        }),
      )
      .then([
        meetingScheduled({
          instanceId: 'fs-csa-spip62',
          instanceName: 'Formation spécialisée du CSA SPIP 62',
          instanceType: 'fs',
          kind: 'extraordinary',
          sourceRef: 'src-fo-cpip-spip62-2024-02-23',
        }),
      ]));

  it('records the meeting it reconvenes', () =>
    given([])
      .when(meetingCmd.scheduleMeeting({ reconvenes: 'mtg-no-quorum' }))
      .then([meetingScheduled({ reconvenes: 'mtg-no-quorum' })]));

  it('needs a level for an FS or another instance', () =>
    given([])
      .when(meetingCmd.scheduleMeeting({ instanceType: 'fs' }))
      .thenThrows(MeetingInvalidError, rule('LEVEL_REQUIRED')));

  it('refuses a level that contradicts the instance type', () =>
    given([])
      .when(meetingCmd.scheduleMeeting({ instanceType: 'csa_disp', level: 'local' }))
      .thenThrows(MeetingInvalidError, rule('LEVEL_MISMATCH')));

  it('refuses an unknown instance type, meeting kind or level', () => {
    given([])
      .when(meetingCmd.scheduleMeeting({ instanceType: 'chsct' as never }))
      .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE'));
    given([])
      .when(meetingCmd.scheduleMeeting({ kind: 'urgent' as never }))
      .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE'));
    given([])
      .when(meetingCmd.scheduleMeeting({ instanceType: 'other', level: 'regional' as never }))
      .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE'));
  });

  it('refuses a meeting date that is not a calendar date', () => {
    given([])
      .when(meetingCmd.scheduleMeeting({ scheduledFor: '2024-02-30' }))
      .thenThrows(MeetingInvalidError, rule('INVALID_DATE'));
    given([])
      .when(meetingCmd.scheduleMeeting({ scheduledFor: '14/03/2024' }))
      .thenThrows(MeetingInvalidError, rule('INVALID_DATE'));
  });

  it('refuses an empty instance name and a malformed occurredAt', () => {
    given([])
      .when(meetingCmd.scheduleMeeting({ instanceName: ' ' }))
      .thenThrows(MeetingInvalidError, rule('REQUIRED'));
    given([])
      .when(meetingCmd.scheduleMeeting({ occurredAt: 'hier' }))
      .thenThrows(MeetingInvalidError, rule('INVALID_DATE'));
  });

  it('refuses a meeting that reconvenes itself', () =>
    given([])
      .when(meetingCmd.scheduleMeeting({ reconvenes: MEETING_ID }))
      .thenThrows(MeetingInvalidError, rule('RECONVENES_ITSELF')));

  it.each(
    oneOfEachMeetingCommand()
      .filter((command) => command.type !== 'ScheduleMeeting')
      .map((command) => [command.type, command] as const),
  )('refuses %s on a meeting that does not exist (404)', (_type, command) =>
    given([])
      .when(command)
      .thenThrows(MeetingNotFoundError, (e) => expect(e.kind).toBe('not_found')),
  );
});

describe('Meeting › When scheduled', () => {
  it('refuses to be scheduled again', () =>
    given(scheduled)
      .when(meetingCmd.scheduleMeeting())
      .thenThrows(MeetingAlreadyExistsError, (e) => expect(e.kind).toBe('conflict')));

  describe('convocation and documents', () => {
    it('records a convocation received on time (15 days before)', () =>
      given(scheduled).when(meetingCmd.recordConvocation()).then([convocationReceived()]));

    it('counts the days a convocation is late against the notice rule', () =>
      given(scheduled)
        .when(
          meetingCmd.recordConvocation({ receivedOn: '2024-03-06', occurredAt: '2024-03-06T00:00:00.000Z' }),
        )
        .then([
          convocationReceived({
            receivedOn: '2024-03-06',
            occurredAt: '2024-03-06T00:00:00.000Z',
            lateDays: 7,
          }),
        ]));

    it('judges an urgent convocation against the shorter notice it carries (8 days)', () =>
      given(scheduled)
        .when(meetingCmd.recordConvocation({ receivedOn: '2024-03-06', urgent: true, noticeDays: 8 }))
        .then([
          convocationReceived({
            receivedOn: '2024-03-06',
            urgent: true,
            noticeDays: 8,
            dueBy: '2024-03-06',
            lateDays: 0,
          }),
        ]));

    it('records nothing when the same convocation is recorded again', () =>
      given([...scheduled, convocationReceived()])
        .when(meetingCmd.recordConvocation())
        .thenNothing());

    it('refuses a second, different convocation', () =>
      given([...scheduled, convocationReceived()])
        .when(meetingCmd.recordConvocation({ receivedOn: '2024-03-01' }))
        .thenThrows(MeetingPreconditionFailedError, rule('CONVOCATION_ALREADY_RECORDED')));

    it('refuses a convocation received after the meeting date', () =>
      given(scheduled)
        .when(meetingCmd.recordConvocation({ receivedOn: '2024-03-15' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER')));

    it('refuses a negative or fractional notice', () => {
      given(scheduled)
        .when(meetingCmd.recordConvocation({ noticeDays: -1 }))
        .thenThrows(MeetingInvalidError, rule('COUNT_RANGE'));
      given(scheduled)
        .when(meetingCmd.recordConvocation({ noticeDays: 7.5 }))
        .thenThrows(MeetingInvalidError, rule('COUNT_RANGE'));
    });

    it('records late documents with their delay', () =>
      given(scheduled).when(meetingCmd.recordDocuments()).then([documentsReceived()]));

    it('accepts documents handed out on the day of the meeting ("sur table")', () =>
      given(scheduled)
        .when(meetingCmd.recordDocuments({ receivedOn: T.scheduledFor }))
        .then([documentsReceived({ receivedOn: T.scheduledFor, lateDays: 15 })]));

    it('records nothing for the same document on the same day', () =>
      given([...scheduled, documentsReceived()])
        .when(meetingCmd.recordDocuments())
        .thenNothing());

    it('refuses documents without a title or received after the meeting', () => {
      given(scheduled)
        .when(meetingCmd.recordDocuments({ title: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
      given(scheduled)
        .when(meetingCmd.recordDocuments({ receivedOn: '2024-03-20' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
    });
  });

  describe('agenda', () => {
    it("adds an item from the president's agenda: it is on the agenda at once", () => {
      given(scheduled)
        .when(meetingCmd.addAgendaItem())
        .then([agendaItemAdded()], (state) => {
          expect(asMeeting(state).items[0]).toMatchObject({ status: 'ACCEPTED', origin: 'president' });
        });
    });

    it('adds an item of unknown nature when none is given, without duplicate demands', () =>
      given(scheduled)
        .when(meetingCmd.addAgendaItem({ nature: undefined, demandIds: [DEMAND_B4, DEMAND_B4] }))
        .then([agendaItemAdded({ nature: 'unknown', demandIds: [DEMAND_B4] })]));

    it('records a union request signed by half of the titular representatives as mandatory', () => {
      given(scheduled)
        .when(meetingCmd.requestAgendaItem())
        .then([agendaItemRequested()], (state) => {
          expect(asMeeting(state).items[0]).toMatchObject({
            status: 'REQUESTED',
            origin: 'union_request',
            mandatory: true,
          });
        });
    });

    it('records a request signed by fewer than half as not mandatory', () =>
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ signatures: 2 }))
        .then([agendaItemRequested({ signatures: 2, mandatory: false })]));

    it('refuses more signatures than titular representatives', () =>
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ signatures: 7 }))
        .thenThrows(MeetingInvalidError, rule('SIGNATURES_EXCEED_TOTAL')));

    it('refuses a request without a union, or with no titular representatives', () => {
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ requestedBy: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ titularRepsTotal: 0 }))
        .thenThrows(MeetingInvalidError, rule('COUNT_RANGE'));
    });

    it('refuses an unknown nature and an empty demand id', () => {
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ nature: 'debate' as never }))
        .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE'));
      given(scheduled)
        .when(meetingCmd.requestAgendaItem({ demandIds: [''] }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
    });

    it('refuses an item id already used (items and questions share ids)', () =>
      given([...scheduled, questionDiverseSubmitted()])
        .when(meetingCmd.requestAgendaItem({ itemId: QUESTION_ID }))
        .thenThrows(MeetingPreconditionFailedError, rule('ITEM_EXISTS')));

    it('accepts a requested item', () => {
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.acceptAgendaItem())
        .then([agendaItemAccepted()], (state) => {
          expect(asMeeting(state).items[0]).toMatchObject({ status: 'ACCEPTED' });
        });
    });

    it('records the refusal of a mandatory item, with its reason', () => {
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.refuseAgendaItem({ reason: 'Hors du champ de compétence' }))
        .then([agendaItemRefused({ reason: 'Hors du champ de compétence' })], (state) => {
          expect(asMeeting(state).items[0]).toMatchObject({
            status: 'REFUSED',
            refusalReason: 'Hors du champ de compétence',
          });
        });
    });

    it('refuses to accept an item that is not requested, naming where it is allowed from', () =>
      given([...scheduled, agendaItemRequested(), agendaItemRefused()])
        .when(meetingCmd.acceptAgendaItem())
        .thenThrows(MeetingTransitionNotAllowedError, (e) => {
          expect(e.message).toBe(
            `Impossible d’accepter le point tant que le point ${ITEM_ID} est au statut REFUSED ; possible depuis : REQUESTED`,
          );
          expect(e.details).toMatchObject({ subject: 'item', itemId: ITEM_ID, allowedFrom: ['REQUESTED'] });
        }));

    it("refuses to refuse the president's own item (it was never requested)", () =>
      given([...scheduled, agendaItemAdded()])
        .when(meetingCmd.refuseAgendaItem({ itemId: PRESIDENT_ITEM_ID }))
        .thenThrows(MeetingTransitionNotAllowedError));

    it('refuses to accept an unknown item (404) or a question diverse', () => {
      given(scheduled)
        .when(meetingCmd.acceptAgendaItem({ itemId: 'item-unknown' }))
        .thenThrows(MeetingItemNotFoundError, (e) => expect(e.kind).toBe('not_found'));
      given([...scheduled, questionDiverseSubmitted()])
        .when(meetingCmd.acceptAgendaItem({ itemId: QUESTION_ID }))
        .thenThrows(MeetingPreconditionFailedError, rule('NOT_AN_AGENDA_ITEM'));
    });

    it('refuses an empty refusal reason', () =>
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.refuseAgendaItem({ reason: ' ' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED')));

    it('submits a question diverse linked to a demand', () =>
      given(scheduled).when(meetingCmd.submitQuestionDiverse()).then([questionDiverseSubmitted()]));

    it('submits a question diverse with its author', () =>
      given(scheduled)
        .when(meetingCmd.submitQuestionDiverse({ submittedBy: FO, demandIds: undefined }))
        .then([questionDiverseSubmitted({ submittedBy: FO, demandIds: [] })]));

    it('refuses an empty question', () =>
      given(scheduled)
        .when(meetingCmd.submitQuestionDiverse({ text: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED')));

    it('links a demand to an item', () => {
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.linkDemandToItem())
        .then([demandLinkedToItem()], (state) => {
          expect(asMeeting(state).items[0]?.demandIds).toEqual([DEMAND_B4, DEMAND_B5]);
        });
    });

    it('links a demand to a question diverse', () =>
      given([...scheduled, questionDiverseSubmitted()])
        .when(meetingCmd.linkDemandToItem({ itemId: QUESTION_ID }))
        .then([demandLinkedToItem({ itemId: QUESTION_ID })]));

    it('records nothing when the demand is already linked', () =>
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.linkDemandToItem({ demandId: DEMAND_B4 }))
        .thenNothing());

    it('refuses to link to an unknown item (404) or an empty demand id', () => {
      given(scheduled).when(meetingCmd.linkDemandToItem()).thenThrows(MeetingItemNotFoundError);
      given([...scheduled, agendaItemRequested()])
        .when(meetingCmd.linkDemandToItem({ demandId: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
    });
  });

  it('records that the meeting was held; the minutes are then awaited', () => {
    given(scheduled)
      .when(meetingCmd.recordMeetingHeld())
      .then([meetingHeld()], (state) => {
        expect(asMeeting(state)).toMatchObject({
          status: 'HELD',
          heldOn: T.heldOn,
          quorum: true,
          minutes: { status: 'AWAITED' },
        });
      });
  });

  it('records an unknown quorum as null (a meeting entered after the fact)', () =>
    given(scheduled)
      .when(meetingCmd.recordMeetingHeld({ quorum: undefined }))
      .then([meetingHeld({ quorum: null })]));

  it('refuses a quorum that is not true or false, or an empty role', () => {
    given(scheduled)
      .when(meetingCmd.recordMeetingHeld({ quorum: 'yes' as never }))
      .thenThrows(MeetingInvalidError, rule('REQUIRED'));
    given(scheduled)
      .when(meetingCmd.recordMeetingHeld({ attendeeRoles: ['DFSPIP', ''] }))
      .thenThrows(MeetingInvalidError, rule('REQUIRED'));
  });

  it.each([
    ['RecordManagementStatement', meetingCmd.recordManagementStatement({ itemId: undefined })],
    ['RecordVote', meetingCmd.recordVote()],
    ['RecordMinutesDraft', meetingCmd.recordMinutesDraft()],
    ['ApproveMinutes', meetingCmd.approveMinutes()],
    ['ContestMinutes', meetingCmd.contestMinutes()],
    ['RecordAvisFollowUp', meetingCmd.recordAvisFollowUp()],
  ] as const)('refuses %s before the meeting is held, naming HELD', (type, command) =>
    given([...scheduled, agendaItemRequested(), agendaItemAccepted()])
      .when(command)
      .thenThrows(MeetingTransitionNotAllowedError, (e) => {
        expect(e.message).toMatch(/tant que la séance est au statut SCHEDULED ; possible depuis : HELD$/);
        expect(e.details).toMatchObject({ command: type, status: 'SCHEDULED', allowedFrom: ['HELD'] });
      }),
  );

  it('records nothing for a deadline check (nothing runs before the meeting)', () =>
    given(scheduled).when(meetingCmd.recordMeetingDeadline()).thenNothing());
});

describe('Meeting › When held', () => {
  it('refuses to be held twice', () =>
    given(held)
      .when(meetingCmd.recordMeetingHeld())
      .thenThrows(MeetingTransitionNotAllowedError, (e) =>
        expect(e.message).toBe(
          'Impossible d’enregistrer la tenue de la séance tant que la séance est au statut HELD ; possible depuis : SCHEDULED',
        ),
      ));

  it('refuses a late agenda request (requests precede the meeting)', () =>
    given(held).when(meetingCmd.requestAgendaItem()).thenThrows(MeetingTransitionNotAllowedError));

  it('still takes agenda facts entered after the fact: an item presented, a question asked on the day', () => {
    given(held).when(meetingCmd.addAgendaItem()).then([agendaItemAdded()]);
    given(held).when(meetingCmd.submitQuestionDiverse()).then([questionDiverseSubmitted()]);
    given(held).when(meetingCmd.recordConvocation()).then([convocationReceived()]);
  });

  describe('management statements', () => {
    it("records management's exact words on an item, linked to a demand", () =>
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordManagementStatement())
        .then([managementStatementRecorded()]));

    it('records a general statement (no item, no demand)', () =>
      given(held)
        .when(meetingCmd.recordManagementStatement({ itemId: undefined, demandIds: undefined }))
        .then([
          {
            type: 'ManagementStatementRecorded',
            data: {
              meetingId: MEETING_ID,
              occurredAt: T.during,
              statementId: STATEMENT_ID,
              text: managementStatementRecorded().data.text,
              authorRole: 'DFSPIP',
              demandIds: [],
            },
          },
        ]));

    it('answers a question diverse', () =>
      given([...held, questionDiverseSubmitted()])
        .when(meetingCmd.recordManagementStatement({ itemId: QUESTION_ID, demandIds: [] }))
        .then([managementStatementRecorded({ itemId: QUESTION_ID, demandIds: [] })]));

    it('refuses a statement on an unknown item (404), without words or author, or with a used id', () => {
      given(held).when(meetingCmd.recordManagementStatement()).thenThrows(MeetingItemNotFoundError);
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordManagementStatement({ text: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordManagementStatement({ authorRole: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
      given([...heldWithAcceptedItem(), managementStatementRecorded()])
        .when(meetingCmd.recordManagementStatement())
        .thenThrows(MeetingPreconditionFailedError, rule('STATEMENT_EXISTS'));
    });
  });

  describe('votes', () => {
    it('records a unanimous unfavourable vote on the day of the meeting', () =>
      given(heldWithAcceptedItem()).when(meetingCmd.recordVote()).then([voteRecorded()]));

    it('computes a favourable avis from the counts (majority of those present)', () =>
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ votes: favourableVoteRecorded().data.votes }))
        .then([favourableVoteRecorded()]));

    it('computes "deemed given" when no majority emerges', () =>
      given(heldWithAcceptedItem())
        .when(
          meetingCmd.recordVote({
            votes: [
              { union: FO, pour: 3, contre: 0, abstention: 0 },
              { union: CGT, pour: 0, contre: 0, abstention: 3 },
            ],
          }),
        )
        .then([
          voteRecorded({
            votes: [
              { union: FO, pour: 3, contre: 0, abstention: 0 },
              { union: CGT, pour: 0, contre: 0, abstention: 3 },
            ],
            avis: 'deemed_given',
            unanimousUnfavourable: false,
          }),
        ]));

    it('keeps the avis the minutes give when it is stated', () =>
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ avis: 'deemed_given' }))
        .then([voteRecorded({ avis: 'deemed_given' })]));

    it('does not call an unfavourable vote with an abstention unanimous', () =>
      given(heldWithAcceptedItem())
        .when(
          meetingCmd.recordVote({
            votes: [
              { union: FO, pour: 0, contre: 3, abstention: 0 },
              { union: CGT, pour: 0, contre: 2, abstention: 1 },
            ],
          }),
        )
        .then([
          voteRecorded({
            votes: [
              { union: FO, pour: 0, contre: 3, abstention: 0 },
              { union: CGT, pour: 0, contre: 2, abstention: 1 },
            ],
            unanimousUnfavourable: false,
          }),
        ]));

    it('votes on an item of the president (on the agenda from the start)', () =>
      given([...held, agendaItemAdded({ nature: 'draft_text' })])
        .when(meetingCmd.recordVote({ itemId: PRESIDENT_ITEM_ID }))
        .then([voteRecorded({ itemId: PRESIDENT_ITEM_ID })]));

    it('refuses a vote on an item that is only requested, naming ACCEPTED', () =>
      given([...scheduled, agendaItemRequested(), meetingHeld()])
        .when(meetingCmd.recordVote())
        .thenThrows(MeetingTransitionNotAllowedError, (e) =>
          expect(e.message).toBe(
            `Impossible d’enregistrer un vote tant que le point ${ITEM_ID} est au statut REQUESTED ; possible depuis : ACCEPTED`,
          ),
        ));

    it('refuses a vote on a refused item, a question diverse, an unknown item', () => {
      given([...scheduled, agendaItemRequested(), agendaItemRefused(), meetingHeld()])
        .when(meetingCmd.recordVote())
        .thenThrows(MeetingTransitionNotAllowedError);
      given([...held, questionDiverseSubmitted()])
        .when(meetingCmd.recordVote({ itemId: QUESTION_ID }))
        .thenThrows(MeetingPreconditionFailedError, rule('NOT_AN_AGENDA_ITEM'));
      given(held).when(meetingCmd.recordVote()).thenThrows(MeetingItemNotFoundError);
    });

    it('refuses a vote on an information item', () =>
      given([...held, agendaItemAdded()])
        .when(meetingCmd.recordVote({ itemId: PRESIDENT_ITEM_ID }))
        .thenThrows(MeetingPreconditionFailedError, rule('INFORMATION_ITEM')));

    it('refuses a vote when the meeting lacked quorum, unless it reconvenes one that did', () => {
      const withoutQuorum = [meetingScheduled(), agendaItemRequested(), agendaItemAccepted()];
      given([...withoutQuorum, meetingHeld({ quorum: false })])
        .when(meetingCmd.recordVote())
        .thenThrows(MeetingPreconditionFailedError, rule('QUORUM_NOT_REACHED'));
      given([
        meetingScheduled({ reconvenes: 'mtg-no-quorum' }),
        agendaItemRequested(),
        agendaItemAccepted(),
        meetingHeld({ quorum: false }),
      ])
        .when(meetingCmd.recordVote())
        .then([voteRecorded()]);
    });

    it('does not block a vote when the quorum is not known', () =>
      given([meetingScheduled(), agendaItemRequested(), agendaItemAccepted(), meetingHeld({ quorum: null })])
        .when(meetingCmd.recordVote())
        .then([voteRecorded()]));

    it('refuses a second vote on an item whose avis was not unanimously unfavourable', () =>
      given([...heldWithAcceptedItem(), favourableVoteRecorded()])
        .when(meetingCmd.recordVote({ votedOn: T.redeliberatedOn }))
        .thenThrows(MeetingPreconditionFailedError, rule('ALREADY_VOTED')));

    it('records the re-deliberation after a unanimous unfavourable vote; then no third vote', () => {
      given(voted)
        .when(meetingCmd.recordVote({ votedOn: T.redeliberatedOn }))
        .then([voteRecorded({ votedOn: T.redeliberatedOn, redeliberation: true })]);
      given([...voted, voteRecorded({ votedOn: T.redeliberatedOn, redeliberation: true })])
        .when(meetingCmd.recordVote({ votedOn: '2024-04-30' }))
        .thenThrows(MeetingPreconditionFailedError, rule('ALREADY_VOTED'));
    });

    it('refuses a re-deliberation on the day of the first vote, or a vote before the meeting', () => {
      given(voted).when(meetingCmd.recordVote()).thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ votedOn: '2024-03-13' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
    });

    it('refuses votes that list no union, a union twice, a negative count, or no vote cast', () => {
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ votes: [] }))
        .thenThrows(MeetingInvalidError, rule('VOTES_REQUIRED'));
      given(heldWithAcceptedItem())
        .when(
          meetingCmd.recordVote({
            votes: [
              { union: FO, pour: 1, contre: 0, abstention: 0 },
              { union: FO, pour: 0, contre: 1, abstention: 0 },
            ],
          }),
        )
        .thenThrows(MeetingInvalidError, rule('DUPLICATE_UNION'));
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ votes: [{ union: FO, pour: -1, contre: 0, abstention: 0 }] }))
        .thenThrows(MeetingInvalidError, rule('COUNT_RANGE'));
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ votes: [{ union: FO, pour: 0, contre: 0, abstention: 0 }] }))
        .thenThrows(MeetingInvalidError, rule('NO_VOTE_CAST'));
    });

    it('refuses an unknown avis', () =>
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordVote({ avis: 'reserve' as never }))
        .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE')));
  });

  describe('minutes', () => {
    it('records the draft minutes', () => {
      given(held)
        .when(meetingCmd.recordMinutesDraft())
        .then([minutesDraftReceived()], (state) => {
          expect(asMeeting(state).minutes).toMatchObject({ status: 'RECEIVED', drafts: [T.minutesOn] });
        });
    });

    it('refuses draft minutes dated before the meeting', () =>
      given(held)
        .when(meetingCmd.recordMinutesDraft({ receivedOn: '2024-03-01' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER')));

    it('refuses to approve minutes not yet received, naming where it is allowed from', () =>
      given(held)
        .when(meetingCmd.approveMinutes())
        .thenThrows(MeetingTransitionNotAllowedError, (e) =>
          expect(e.message).toBe(
            'Impossible d’approuver le procès-verbal tant que le procès-verbal est au statut AWAITED ; possible depuis : RECEIVED, CONTESTED',
          ),
        ));

    it('approves received minutes at the next meeting', () => {
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.approveMinutes())
        .then([minutesApproved()], (state) => {
          expect(asMeeting(state).minutes).toMatchObject({
            status: 'APPROVED',
            approvedOn: T.approvedOn,
            approvedAtMeetingId: NEXT_MEETING_ID,
          });
        });
    });

    it('refuses an approval dated before the draft, or at the meeting the minutes record', () => {
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.approveMinutes({ approvedOn: '2024-04-01' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.approveMinutes({ atMeetingId: MEETING_ID }))
        .thenThrows(MeetingInvalidError, rule('SAME_MEETING'));
    });

    it('contests received minutes, then takes a revised draft, then approves it', () => {
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.contestMinutes())
        .then([minutesContested()], (state) => {
          expect(asMeeting(state).minutes.status).toBe('CONTESTED');
        });
      given([...held, minutesDraftReceived(), minutesContested()])
        .when(meetingCmd.recordMinutesDraft({ receivedOn: T.revisedOn }))
        .then([minutesDraftReceived({ receivedOn: T.revisedOn })], (state) => {
          expect(asMeeting(state).minutes.drafts).toEqual([T.minutesOn, T.revisedOn]);
        });
      given([...held, minutesDraftReceived(), minutesContested()])
        .when(meetingCmd.approveMinutes())
        .then([minutesApproved()]);
    });

    it('refuses a revised draft dated before the contestation', () =>
      given([...held, minutesDraftReceived(), minutesContested()])
        .when(meetingCmd.recordMinutesDraft({ receivedOn: '2024-04-15' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER')));

    it('refuses a contestation without points or before the draft', () => {
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.contestMinutes({ points: [] }))
        .thenThrows(MeetingInvalidError, rule('POINTS_REQUIRED'));
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.contestMinutes({ contestedOn: '2024-04-01' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
    });

    it('refuses to contest minutes not received, a second draft while one is pending, anything once approved', () => {
      given(held).when(meetingCmd.contestMinutes()).thenThrows(MeetingTransitionNotAllowedError);
      given([...held, minutesDraftReceived()])
        .when(meetingCmd.recordMinutesDraft())
        .thenThrows(MeetingTransitionNotAllowedError, (e) =>
          expect(e.details).toMatchObject({ subject: 'minutes', allowedFrom: ['AWAITED', 'CONTESTED'] }),
        );
      const approved = [...held, minutesDraftReceived(), minutesApproved()];
      given(approved).when(meetingCmd.contestMinutes()).thenThrows(MeetingTransitionNotAllowedError);
      given(approved).when(meetingCmd.approveMinutes()).thenThrows(MeetingTransitionNotAllowedError);
    });
  });

  describe('follow-up to an avis ("suites données")', () => {
    it('records the written follow-up to an avis', () =>
      given(voted).when(meetingCmd.recordAvisFollowUp()).then([avisFollowUpReceived()]));

    it('refuses a follow-up for an item without an avis', () =>
      given(heldWithAcceptedItem())
        .when(meetingCmd.recordAvisFollowUp())
        .thenThrows(MeetingPreconditionFailedError, rule('NO_AVIS')));

    it('refuses a follow-up for a question diverse or an unknown item', () => {
      given([...held, questionDiverseSubmitted()])
        .when(meetingCmd.recordAvisFollowUp({ itemId: QUESTION_ID }))
        .thenThrows(MeetingPreconditionFailedError, rule('NOT_AN_AGENDA_ITEM'));
      given(held).when(meetingCmd.recordAvisFollowUp()).thenThrows(MeetingItemNotFoundError);
    });

    it('refuses a follow-up dated before the vote, or without text', () => {
      given(voted)
        .when(meetingCmd.recordAvisFollowUp({ receivedOn: '2024-03-10' }))
        .thenThrows(MeetingInvalidError, rule('DATE_ORDER'));
      given(voted)
        .when(meetingCmd.recordAvisFollowUp({ text: '' }))
        .thenThrows(MeetingInvalidError, rule('REQUIRED'));
    });
  });
});

describe('Meeting › Deadline facts (scheduled check, idempotent)', () => {
  const minutes = (overrides = {}) =>
    meetingCmd.recordMeetingDeadline({ deadline: { kind: 'minutes', dueAt: T.minutesDue }, ...overrides });
  const followUp = (overrides = {}) =>
    meetingCmd.recordMeetingDeadline({
      deadline: { kind: 'avis_follow_up', itemId: ITEM_ID, dueAt: T.followUpDue },
      ...overrides,
    });
  const redeliberation = (overrides = {}) =>
    meetingCmd.recordMeetingDeadline({
      deadline: {
        kind: 'redeliberation',
        itemId: ITEM_ID,
        from: T.redeliberationFrom,
        to: T.redeliberationTo,
      },
      ...overrides,
    });

  it('records minutes not received within a month', () => {
    given(held)
      .when(minutes())
      .then([minutesOverdue()], (state) => {
        expect(asMeeting(state).recordedDeadlines).toEqual([`minutes@${T.minutesDue}`]);
      });
  });

  it('records the overdue minutes once', () =>
    given([...held, minutesOverdue()])
      .when(minutes())
      .thenNothing());

  it('records nothing once the minutes have arrived', () =>
    given([...held, minutesDraftReceived()])
      .when(minutes())
      .thenNothing());

  it('records nothing for a due date the rules do not give', () =>
    given(held)
      .when(minutes({ deadline: { kind: 'minutes', dueAt: '2024-04-13' } }))
      .thenNothing());

  it('uses the rules the command carries', () =>
    given(held)
      .when(
        minutes({
          deadline: { kind: 'minutes', dueAt: '2024-05-14' },
          rules: { ...DEFAULT_MEETING_RULES, minutesMonths: 2 },
        }),
      )
      .then([minutesOverdue({ dueAt: '2024-05-14' })]));

  it('refuses to record a deadline that has not passed (the due day itself is still in time)', () =>
    given(held)
      .when(minutes({ asOf: '2024-04-14T20:00:00.000Z' }))
      .thenThrows(MeetingInvalidError, rule('DEADLINE_NOT_PASSED')));

  it('refuses malformed rules or deadline', () => {
    given(held)
      .when(minutes({ rules: { ...DEFAULT_MEETING_RULES, minutesMonths: 0 } }))
      .thenThrows(MeetingInvalidError, rule('COUNT_RANGE'));
    given(held)
      .when(minutes({ deadline: { kind: 'minutes', dueAt: 'soon' } }))
      .thenThrows(MeetingInvalidError, rule('INVALID_DATE'));
    given(held)
      .when(minutes({ deadline: { kind: 'agenda', dueAt: T.minutesDue } as never }))
      .thenThrows(MeetingInvalidError, rule('UNKNOWN_VALUE'));
  });

  it('records an avis follow-up overdue two months after the vote', () =>
    given(voted).when(followUp()).then([avisFollowUpOverdue()]));

  it('records nothing once the follow-up has arrived, or when already recorded', () => {
    given([...voted, avisFollowUpReceived()])
      .when(followUp())
      .thenNothing();
    given([...voted, avisFollowUpOverdue()])
      .when(followUp())
      .thenNothing();
  });

  it('records a new follow-up deadline after a re-deliberation (the first one no longer runs)', () => {
    const redeliberated = [...voted, voteRecorded({ votedOn: T.redeliberatedOn, redeliberation: true })];
    given(redeliberated).when(followUp()).thenNothing();
    given(redeliberated)
      .when(followUp({ deadline: { kind: 'avis_follow_up', itemId: ITEM_ID, dueAt: '2024-05-28' } }))
      .then([avisFollowUpOverdue({ dueAt: '2024-05-28' })]);
  });

  it('records that the re-deliberation window has opened, once', () => {
    given(voted).when(redeliberation()).then([redeliberationDue()]);
    given([...voted, redeliberationDue()])
      .when(redeliberation())
      .thenNothing();
  });

  it('records nothing once the re-deliberation is held', () =>
    given([...voted, voteRecorded({ votedOn: T.redeliberatedOn, redeliberation: true })])
      .when(redeliberation())
      .thenNothing());

  it('refuses to record a re-deliberation window before it opens', () =>
    given(voted)
      .when(redeliberation({ asOf: '2024-03-21T12:00:00.000Z' }))
      .thenThrows(MeetingInvalidError, rule('WINDOW_NOT_OPEN')));

  it('records nothing for a window that does not match the rules', () =>
    given(voted)
      .when(
        redeliberation({
          deadline: { kind: 'redeliberation', itemId: ITEM_ID, from: T.redeliberationFrom, to: '2024-04-30' },
        }),
      )
      .thenNothing());
});

describe('Meeting › Transition table', () => {
  it('names HELD as the only status for what happens at and after the meeting', () => {
    for (const type of [
      'RecordManagementStatement',
      'RecordVote',
      'RecordMinutesDraft',
      'ApproveMinutes',
      'ContestMinutes',
      'RecordAvisFollowUp',
    ] as const) {
      expect(ALLOWED_FROM[type]).toEqual(['HELD']);
    }
    expect(ALLOWED_FROM.ScheduleMeeting).toEqual([]);
  });

  it('folds a whole meeting without losing anything', () => {
    given([
      meetingScheduled(),
      convocationReceived(),
      documentsReceived(),
      agendaItemRequested(),
      agendaItemAccepted(),
      questionDiverseSubmitted(),
      demandLinkedToItem(),
      meetingHeld(),
      managementStatementRecorded(),
      voteRecorded(),
      redeliberationDue(),
      minutesDraftReceived(),
    ])
      .when(meetingCmd.recordAvisFollowUp())
      .then([avisFollowUpReceived()], (state) => {
        const meeting = asMeeting(state);
        expect(meeting).toMatchObject({
          status: 'HELD',
          convocation: { lateDays: 0 },
          documents: [{ lateDays: 9 }],
          minutes: { status: 'RECEIVED' },
          recordedDeadlines: [`redeliberation:${ITEM_ID}@${T.redeliberationFrom}`],
          lastEventAt: T.checked,
        });
        expect(meeting.items.map((i) => i.itemId)).toEqual([ITEM_ID, QUESTION_ID]);
        expect(meeting.statements).toHaveLength(1);
        expect(meeting.votes).toHaveLength(1);
        expect(meeting.followUps).toHaveLength(1);
      });
  });
});
