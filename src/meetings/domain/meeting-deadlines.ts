import type { MeetingDeadlineRef } from './meeting.commands.js';
import { addDays, addMonths, dateOf, daysBetween } from './meeting-dates.js';
import type { MeetingRules } from './meeting-rules.js';
import {
  awaitsRedeliberation,
  deadlineKey,
  followUpOf,
  latestVoteOn,
  type AgendaItem,
  type MeetingState,
} from './meeting.js';

/**
 * A deadline still running on a meeting (dates are `YYYY-MM-DD`, inclusive: the last day to comply).
 * `recorded`: the scheduled check already recorded its fact (overdue, or re-deliberation due).
 */
export type MeetingDeadline = { key: string; recorded: boolean } & (
  | { kind: 'avis_follow_up'; itemId: string; itemTitle: string; votedOn: string; dueAt: string }
  | { kind: 'minutes'; heldOn: string; dueAt: string }
  | { kind: 'redeliberation'; itemId: string; itemTitle: string; votedOn: string; from: string; to: string }
);

/** A deadline before it gets its key and `recorded` flag (distributes over the kinds). */
type DeadlineDraft = MeetingDeadline extends infer D
  ? D extends MeetingDeadline
    ? Omit<D, 'key' | 'recorded'>
    : never
  : never;

/**
 * `pending`: before its due date; `overdue`: past it. A re-deliberation window is `upcoming` before `from`,
 * `open` from `from` to `to`, `overdue` after `to`. `daysLeft` counts to the due date (or `to`), negative once past.
 */
export type DeadlineStatus = 'pending' | 'overdue' | 'upcoming' | 'open';
export type MeetingDeadlineAt = MeetingDeadline & { status: DeadlineStatus; daysLeft: number };

/** The last day of a deadline. */
export const lastDayOf = (deadline: MeetingDeadlineRef): string =>
  deadline.kind === 'redeliberation' ? deadline.to : deadline.dueAt;

/**
 * Pending deadlines of a meeting, by last day:
 * - the written follow-up to each standing avis, within `avisFollowUpMonths` of its vote, until it arrives;
 * - the minutes, within `minutesMonths` of the meeting, until a draft arrives;
 * - a second deliberation `redeliberationMinDays`–`redeliberationMaxDays` after a unanimous unfavourable vote,
 *   until it is recorded.
 */
export const meetingDeadlines = (state: MeetingState, rules: MeetingRules): MeetingDeadline[] => {
  if (state.status !== 'HELD' || state.heldOn === null) return [];
  const meeting = state;
  const heldOn = state.heldOn;
  const refs: DeadlineDraft[] = [];
  const agendaItems = meeting.items.filter((item): item is AgendaItem => item.kind === 'agenda_item');
  for (const item of agendaItems) {
    const vote = latestVoteOn(meeting, item.itemId);
    if (!vote) continue;
    if (awaitsRedeliberation(meeting, item.itemId)) {
      refs.push({
        kind: 'redeliberation',
        itemId: item.itemId,
        itemTitle: item.title,
        votedOn: vote.votedOn,
        from: addDays(vote.votedOn, rules.redeliberationMinDays),
        to: addDays(vote.votedOn, rules.redeliberationMaxDays),
      });
    }
    if (!followUpOf(meeting, item.itemId)) {
      refs.push({
        kind: 'avis_follow_up',
        itemId: item.itemId,
        itemTitle: item.title,
        votedOn: vote.votedOn,
        dueAt: addMonths(vote.votedOn, rules.avisFollowUpMonths),
      });
    }
  }
  if (meeting.minutes.status === 'AWAITED') {
    refs.push({
      kind: 'minutes',
      heldOn,
      dueAt: addMonths(heldOn, rules.minutesMonths),
    });
  }
  return refs
    .map((ref) => {
      const key = deadlineKey(ref);
      return { ...ref, key, recorded: meeting.recordedDeadlines.includes(key) };
    })
    .sort((a, b) => (lastDayOf(a) < lastDayOf(b) ? -1 : lastDayOf(a) > lastDayOf(b) ? 1 : 0));
};

/** How a deadline stands on the day of `asOf` (an instant or a date; its UTC day counts). */
export const deadlineStatusAt = (
  deadline: MeetingDeadlineRef,
  asOf: string,
): { status: DeadlineStatus; daysLeft: number } => {
  const today = dateOf(asOf);
  const daysLeft = daysBetween(today, lastDayOf(deadline));
  if (deadline.kind !== 'redeliberation') return { status: daysLeft < 0 ? 'overdue' : 'pending', daysLeft };
  if (today < deadline.from) return { status: 'upcoming', daysLeft };
  return { status: daysLeft < 0 ? 'overdue' : 'open', daysLeft };
};

/** `meetingDeadlines` with each one's status on the day of `asOf`. */
export const meetingDeadlinesAt = (
  state: MeetingState,
  rules: MeetingRules,
  asOf: string,
): MeetingDeadlineAt[] =>
  meetingDeadlines(state, rules).map((deadline) => ({ ...deadline, ...deadlineStatusAt(deadline, asOf) }));

/**
 * What the scheduled check records as of `asOf`: overdue follow-ups and minutes, opened re-deliberation windows,
 * each once (not those already recorded).
 */
export const deadlinesToRecord = (
  state: MeetingState,
  rules: MeetingRules,
  asOf: string,
): MeetingDeadlineAt[] =>
  meetingDeadlinesAt(state, rules, asOf).filter(
    (d) => !d.recorded && (d.status === 'overdue' || (d.kind === 'redeliberation' && d.status === 'open')),
  );

/** The reference a `RecordMeetingDeadline` command carries for a listed deadline. */
export const deadlineRefOf = (deadline: MeetingDeadline): MeetingDeadlineRef => {
  switch (deadline.kind) {
    case 'avis_follow_up':
      return { kind: 'avis_follow_up', itemId: deadline.itemId, dueAt: deadline.dueAt };
    case 'minutes':
      return { kind: 'minutes', dueAt: deadline.dueAt };
    case 'redeliberation':
      return { kind: 'redeliberation', itemId: deadline.itemId, from: deadline.from, to: deadline.to };
  }
};
