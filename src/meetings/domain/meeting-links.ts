import type { Avis } from './meeting.events.js';
import { findItem, latestVoteOn, type MeetingState } from './meeting.js';

export const DEMAND_LINK_KINDS = ['agenda_item', 'question_diverse', 'statement'] as const;
export type DemandLinkKind = (typeof DEMAND_LINK_KINDS)[number];

/**
 * One time a demand came up at a meeting: on an agenda item, in a question diverse, or in a management statement.
 * `refId` is the item id (agenda item, question) or the statement id. A statement about an item is linked to the
 * item's demands too (`explicit: false`); `explicit: true` when the demand was named on it directly.
 */
export type DemandLink = {
  meetingId: string;
  demandId: string;
  kind: DemandLinkKind;
  refId: string;
  itemId: string | null;
  statementId: string | null;
  /** Agenda item title, question text, or (for a statement) the title of its item. */
  title: string | null;
  /** Management's exact words (statements only). */
  text: string | null;
  authorRole: string | null;
  /** The standing avis on the item, when it was voted. */
  avis: Avis | null;
  explicit: boolean;
  /** When the item was added, the question submitted or the statement made (ISO 8601). */
  at: string;
};

/** Every link between the meeting and a demand, derived from the state (items first, then statements). */
export const meetingDemandLinks = (state: MeetingState): DemandLink[] => {
  if (state.status === 'INITIAL') return [];
  const meeting = state;
  const links: DemandLink[] = [];
  for (const item of meeting.items) {
    for (const demandId of item.demandIds) {
      links.push({
        meetingId: meeting.meetingId,
        demandId,
        kind: item.kind,
        refId: item.itemId,
        itemId: item.itemId,
        statementId: null,
        title: item.kind === 'agenda_item' ? item.title : item.text,
        text: null,
        authorRole: null,
        avis: latestVoteOn(meeting, item.itemId)?.avis ?? null,
        explicit: true,
        at: item.kind === 'agenda_item' ? item.addedAt : item.submittedAt,
      });
    }
  }
  for (const statement of meeting.statements) {
    const item = statement.itemId === null ? undefined : findItem(meeting, statement.itemId);
    const inherited = (item?.demandIds ?? []).filter((id) => !statement.demandIds.includes(id));
    const named = statement.demandIds.map((demandId) => ({ demandId, explicit: true }));
    for (const { demandId, explicit } of [
      ...named,
      ...inherited.map((demandId) => ({ demandId, explicit: false })),
    ]) {
      links.push({
        meetingId: meeting.meetingId,
        demandId,
        kind: 'statement',
        refId: statement.statementId,
        itemId: statement.itemId,
        statementId: statement.statementId,
        title: item === undefined ? null : item.kind === 'agenda_item' ? item.title : item.text,
        text: statement.text,
        authorRole: statement.authorRole,
        avis: statement.itemId === null ? null : (latestVoteOn(meeting, statement.itemId)?.avis ?? null),
        explicit,
        at: statement.recordedAt,
      });
    }
  }
  return links;
};
