import {
  DEMAND_B4,
  DEMAND_B5,
  DEMAND_B8,
  ITEM_ID,
  MEETING_ID,
  QUESTION_ID,
  STATEMENT_ID,
  T,
  agendaItemRequested,
  avisFollowUpOverdue,
  avisFollowUpReceived,
  demandLinkedToItem,
  favourableVoteRecorded,
  heldWithAcceptedItem,
  managementStatementRecorded,
  meetingHeld,
  meetingScheduled,
  minutesDraftReceived,
  minutesOverdue,
  questionDiverseSubmitted,
  voteRecorded,
} from '../../../test/support/builders/meeting.events.js';
import { fold } from '../../shared/decider.js';
import { addDays, addMonths, dateOf, daysBetween, isCalendarDate } from './meeting-dates.js';
import {
  deadlineRefOf,
  deadlineStatusAt,
  deadlinesToRecord,
  meetingDeadlines,
  meetingDeadlinesAt,
} from './meeting-deadlines.js';
import { meetingDemandLinks } from './meeting-links.js';
import { DEFAULT_MEETING_RULES, noticeDaysFor } from './meeting-rules.js';
import type { MeetingEvent } from './meeting.events.js';
import {
  avisOf,
  evolve,
  initialState,
  isMandatoryRequest,
  isUnanimousUnfavourable,
  type MeetingState,
} from './meeting.js';

const stateOf = (events: MeetingEvent[]): MeetingState => fold(evolve, initialState(), events);

describe('Meeting dates', () => {
  it('knows a calendar date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-9')).toBe(false);
    expect(isCalendarDate('2024-03-14T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20240314)).toBe(false);
  });

  it('adds days and calendar months, clamping to the end of the month', () => {
    expect(addDays('2024-03-14', -15)).toBe('2024-02-28');
    expect(addDays('2024-03-30', 8)).toBe('2024-04-07');
    expect(addMonths('2024-03-14', 2)).toBe('2024-05-14');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });

  it('counts days between dates and takes the UTC day of an instant', () => {
    expect(daysBetween('2024-02-28', '2024-03-08')).toBe(9);
    expect(daysBetween('2024-03-08', '2024-02-28')).toBe(-9);
    expect(dateOf('2024-04-14T23:30:00.000Z')).toBe('2024-04-14');
    expect(dateOf('2024-04-15')).toBe('2024-04-15');
  });
});

describe('Meeting rules', () => {
  it('documents the [known] defaults: 15/8 days notice, 2 months follow-up, 1 month minutes, 8–30 days', () => {
    expect(DEFAULT_MEETING_RULES).toEqual({
      noticeDays: 15,
      urgentNoticeDays: 8,
      avisFollowUpMonths: 2,
      minutesMonths: 1,
      redeliberationMinDays: 8,
      redeliberationMaxDays: 30,
    });
    expect(Object.isFrozen(DEFAULT_MEETING_RULES)).toBe(true);
    expect(noticeDaysFor(DEFAULT_MEETING_RULES, false)).toBe(15);
    expect(noticeDaysFor(DEFAULT_MEETING_RULES, true)).toBe(8);
  });

  it('makes a request signed by half of the titular representatives mandatory', () => {
    expect(isMandatoryRequest(3, 6)).toBe(true);
    expect(isMandatoryRequest(3, 7)).toBe(false);
    expect(isMandatoryRequest(4, 7)).toBe(true);
  });

  it('takes the avis by majority of those present, else deemed given', () => {
    const v = (pour: number, contre: number, abstention: number) => [
      { union: 'FO', pour, contre, abstention },
    ];
    expect(avisOf(v(4, 2, 0))).toBe('favourable');
    expect(avisOf(v(2, 4, 0))).toBe('defavourable');
    expect(avisOf(v(3, 3, 0))).toBe('deemed_given');
    expect(avisOf(v(3, 1, 2))).toBe('deemed_given');
    expect(isUnanimousUnfavourable(v(0, 6, 0))).toBe(true);
    expect(isUnanimousUnfavourable(v(0, 5, 1))).toBe(false);
    expect(isUnanimousUnfavourable(v(0, 0, 0))).toBe(false);
  });
});

describe('meetingDeadlines', () => {
  const held = [meetingScheduled(), meetingHeld()];
  const voted = [...heldWithAcceptedItem(), voteRecorded()];

  it('lists nothing before the meeting is held', () => {
    expect(meetingDeadlines(stateOf([meetingScheduled()]), DEFAULT_MEETING_RULES)).toEqual([]);
    expect(meetingDeadlines(initialState(), DEFAULT_MEETING_RULES)).toEqual([]);
  });

  it('lists the minutes, due one month after the meeting', () => {
    expect(meetingDeadlines(stateOf(held), DEFAULT_MEETING_RULES)).toEqual([
      {
        kind: 'minutes',
        heldOn: T.heldOn,
        dueAt: T.minutesDue,
        key: `minutes@${T.minutesDue}`,
        recorded: false,
      },
    ]);
  });

  it('stops listing the minutes once a draft arrives', () => {
    expect(meetingDeadlines(stateOf([...held, minutesDraftReceived()]), DEFAULT_MEETING_RULES)).toEqual([]);
  });

  it('after a unanimous unfavourable vote lists the re-deliberation window, the minutes and the follow-up, by last day', () => {
    const deadlines = meetingDeadlines(stateOf(voted), DEFAULT_MEETING_RULES);
    expect(deadlines.map((d) => d.kind)).toEqual(['redeliberation', 'minutes', 'avis_follow_up']);
    expect(deadlines[0]).toMatchObject({
      kind: 'redeliberation',
      itemId: ITEM_ID,
      votedOn: T.heldOn,
      from: T.redeliberationFrom,
      to: T.redeliberationTo,
      recorded: false,
    });
    expect(deadlines[2]).toMatchObject({ kind: 'avis_follow_up', itemId: ITEM_ID, dueAt: T.followUpDue });
  });

  it('lists no re-deliberation after a favourable vote, and no follow-up once it arrived', () => {
    const state = stateOf([...heldWithAcceptedItem(), favourableVoteRecorded(), avisFollowUpReceived()]);
    expect(meetingDeadlines(state, DEFAULT_MEETING_RULES).map((d) => d.kind)).toEqual(['minutes']);
  });

  it('runs the follow-up from the re-deliberation once it is held', () => {
    const state = stateOf([...voted, voteRecorded({ votedOn: T.redeliberatedOn, redeliberation: true })]);
    expect(meetingDeadlines(state, DEFAULT_MEETING_RULES)).toEqual([
      expect.objectContaining({ kind: 'minutes' }),
      expect.objectContaining({ kind: 'avis_follow_up', votedOn: T.redeliberatedOn, dueAt: '2024-05-28' }),
    ]);
  });

  it('marks deadlines already recorded by the check', () => {
    const state = stateOf([...voted, minutesOverdue(), avisFollowUpOverdue()]);
    expect(meetingDeadlines(state, DEFAULT_MEETING_RULES).map((d) => [d.kind, d.recorded])).toEqual([
      ['redeliberation', false],
      ['minutes', true],
      ['avis_follow_up', true],
    ]);
  });

  it('follows the rules it is given', () => {
    const rules = { ...DEFAULT_MEETING_RULES, minutesMonths: 2, redeliberationMinDays: 15 };
    const deadlines = meetingDeadlines(stateOf(voted), rules);
    expect(deadlines.find((d) => d.kind === 'minutes')).toMatchObject({ dueAt: '2024-05-14' });
    expect(deadlines.find((d) => d.kind === 'redeliberation')).toMatchObject({ from: '2024-03-29' });
  });

  it('gives each deadline a status on a day: pending, overdue; upcoming, open, overdue for a window', () => {
    const minutes = { kind: 'minutes', dueAt: T.minutesDue } as const;
    expect(deadlineStatusAt(minutes, '2024-04-14T22:00:00.000Z')).toEqual({ status: 'pending', daysLeft: 0 });
    expect(deadlineStatusAt(minutes, '2024-04-15T00:00:00.000Z')).toEqual({
      status: 'overdue',
      daysLeft: -1,
    });
    const window = { kind: 'redeliberation', itemId: ITEM_ID, from: '2024-03-22', to: '2024-04-13' } as const;
    expect(deadlineStatusAt(window, '2024-03-21').status).toBe('upcoming');
    expect(deadlineStatusAt(window, '2024-03-22').status).toBe('open');
    expect(deadlineStatusAt(window, '2024-04-13')).toEqual({ status: 'open', daysLeft: 0 });
    expect(deadlineStatusAt(window, '2024-04-14').status).toBe('overdue');
  });

  it('lists with statuses, and what a check should record (overdue, or window opened, and not yet recorded)', () => {
    const state = stateOf(voted);
    expect(
      meetingDeadlinesAt(state, DEFAULT_MEETING_RULES, '2024-03-20T12:00:00.000Z').map((d) => d.status),
    ).toEqual(['upcoming', 'pending', 'pending']);
    expect(deadlinesToRecord(state, DEFAULT_MEETING_RULES, '2024-03-20T12:00:00.000Z')).toEqual([]);
    expect(
      deadlinesToRecord(state, DEFAULT_MEETING_RULES, '2024-03-25T12:00:00.000Z').map((d) => d.kind),
    ).toEqual(['redeliberation']);
    expect(deadlinesToRecord(state, DEFAULT_MEETING_RULES, T.checked).map(deadlineRefOf)).toEqual([
      { kind: 'redeliberation', itemId: ITEM_ID, from: T.redeliberationFrom, to: T.redeliberationTo },
      { kind: 'minutes', dueAt: T.minutesDue },
      { kind: 'avis_follow_up', itemId: ITEM_ID, dueAt: T.followUpDue },
    ]);
    const recorded = stateOf([...voted, minutesOverdue()]);
    expect(deadlinesToRecord(recorded, DEFAULT_MEETING_RULES, T.checked).map((d) => d.kind)).toEqual([
      'redeliberation',
      'avis_follow_up',
    ]);
  });
});

describe('meetingDemandLinks', () => {
  it('lists nothing for an unknown meeting', () => {
    expect(meetingDemandLinks(initialState())).toEqual([]);
  });

  it('links agenda items, questions diverses and statements to their demands', () => {
    const state = stateOf([
      meetingScheduled(),
      agendaItemRequested(),
      demandLinkedToItem(),
      questionDiverseSubmitted(),
      meetingHeld(),
      managementStatementRecorded(),
      managementStatementRecorded({
        statementId: 'stmt-2',
        itemId: QUESTION_ID,
        text: 'Le poste sera publié à la prochaine CAP.',
        demandIds: [],
      }),
      managementStatementRecorded({ statementId: 'stmt-3', itemId: undefined, demandIds: [] }),
    ]);
    const links = meetingDemandLinks(state);
    expect(links.map((l) => [l.kind, l.refId, l.demandId, l.explicit])).toEqual([
      ['agenda_item', ITEM_ID, DEMAND_B4, true],
      ['agenda_item', ITEM_ID, DEMAND_B5, true],
      ['question_diverse', QUESTION_ID, DEMAND_B8, true],
      ['statement', STATEMENT_ID, DEMAND_B4, true],
      ['statement', STATEMENT_ID, DEMAND_B5, false],
      ['statement', 'stmt-2', DEMAND_B8, false],
    ]);
    expect(links[3]).toEqual({
      meetingId: MEETING_ID,
      demandId: DEMAND_B4,
      kind: 'statement',
      refId: STATEMENT_ID,
      itemId: ITEM_ID,
      statementId: STATEMENT_ID,
      title: agendaItemRequested().data.title,
      text: managementStatementRecorded().data.text,
      authorRole: 'DFSPIP',
      avis: null,
      explicit: true,
      at: T.during,
    });
    expect(links[2]).toMatchObject({
      title: questionDiverseSubmitted().data.text,
      text: null,
      authorRole: null,
    });
  });

  it('carries the standing avis of the item', () => {
    const state = stateOf([...heldWithAcceptedItem(), voteRecorded()]);
    expect(meetingDemandLinks(state)).toEqual([
      expect.objectContaining({ kind: 'agenda_item', demandId: DEMAND_B4, avis: 'defavourable' }),
    ]);
  });
});
