import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { addMonths } from '../domain/meeting-dates.js';
import { meetingDeadlinesAt, type MeetingDeadlineAt } from '../domain/meeting-deadlines.js';
import { type DemandLink } from '../domain/meeting-links.js';
import { type MeetingRules } from '../domain/meeting-rules.js';
import { type Avis } from '../domain/meeting.events.js';
import { followUpOf, latestVoteOn, type Meeting, type MeetingItem } from '../domain/meeting.js';

/** An agenda item or a question diverse, with the avis that stands on it and whether it was followed up. */
export type MeetingItemView = MeetingItem & { avis: Avis | null; followUpReceivedOn: string | null };

export type MinutesView = Meeting['minutes'] & {
  /** The latest draft received (null while awaited). */
  receivedOn: string | null;
  /** When the minutes are due under the rules (null before the meeting is held). */
  dueAt: string | null;
};

/**
 * A meeting as the API shows it: its folded state, its revision, and the deadlines as they stand at `asOf`
 * (the clock's now). `mentions` is only there when meetings are listed for one demand.
 */
export class MeetingView {
  @ApiProperty() id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['SCHEDULED', 'HELD'] }) status!: Meeting['status'];
  @ApiProperty() instanceId!: string;
  @ApiProperty() instanceName!: string;
  @ApiProperty() instanceType!: Meeting['instanceType'];
  @ApiProperty() level!: Meeting['level'];
  @ApiProperty() kind!: Meeting['kind'];
  @ApiProperty({ example: '2023-10-13' }) scheduledFor!: string;
  @ApiPropertyOptional({ nullable: true }) heldOn!: string | null;
  @ApiPropertyOptional({ nullable: true }) quorum!: boolean | null;
  @ApiProperty({ type: [String] }) attendeeRoles!: string[];
  @ApiPropertyOptional({ nullable: true }) reconvenes!: string | null;
  @ApiPropertyOptional({ nullable: true }) sourceRef!: string | null;
  @ApiPropertyOptional({ nullable: true }) convocation!: Meeting['convocation'];
  @ApiProperty() documents!: Meeting['documents'];
  @ApiProperty({ description: 'Convocation and documents against the notice rule; refused mandatory items' })
  compliance!: { convocationLateDays: number | null; lateDocuments: number; mandatoryItemsRefused: number };
  @ApiProperty({ description: 'Agenda items and questions diverses' }) items!: MeetingItemView[];
  @ApiProperty({ description: "Management's exact words" }) statements!: Meeting['statements'];
  @ApiProperty() votes!: Meeting['votes'];
  @ApiProperty() followUps!: Meeting['followUps'];
  @ApiProperty() minutes!: MinutesView;
  @ApiProperty({ description: 'Pending deadlines with their status at asOf' })
  deadlines!: MeetingDeadlineAt[];
  @ApiProperty({ description: 'A deadline is overdue at asOf' }) overdue!: boolean;
  @ApiProperty({ description: 'The instant deadlines are judged at' }) asOf!: string;
  @ApiPropertyOptional({ description: 'How the demand listed for came up at this meeting' })
  mentions?: DemandLink[];
}

export const toMeetingView = (
  meeting: Meeting,
  revision: number,
  rules: MeetingRules,
  asOf: string,
): MeetingView => {
  const deadlines = meetingDeadlinesAt(meeting, rules, asOf);
  const { drafts } = meeting.minutes;
  return {
    id: meeting.meetingId,
    revision,
    status: meeting.status,
    instanceId: meeting.instanceId,
    instanceName: meeting.instanceName,
    instanceType: meeting.instanceType,
    level: meeting.level,
    kind: meeting.kind,
    scheduledFor: meeting.scheduledFor,
    heldOn: meeting.heldOn,
    quorum: meeting.quorum,
    attendeeRoles: meeting.attendeeRoles,
    reconvenes: meeting.reconvenes,
    sourceRef: meeting.sourceRef,
    convocation: meeting.convocation,
    documents: meeting.documents,
    compliance: {
      convocationLateDays: meeting.convocation?.lateDays ?? null,
      lateDocuments: meeting.documents.filter((d) => d.lateDays > 0).length,
      mandatoryItemsRefused: meeting.items.filter(
        (i) => i.kind === 'agenda_item' && i.mandatory && i.status === 'REFUSED',
      ).length,
    },
    items: meeting.items.map((item) => ({
      ...item,
      avis: latestVoteOn(meeting, item.itemId)?.avis ?? null,
      followUpReceivedOn: followUpOf(meeting, item.itemId)?.receivedOn ?? null,
    })),
    statements: meeting.statements,
    votes: meeting.votes,
    followUps: meeting.followUps,
    minutes: {
      ...meeting.minutes,
      receivedOn: drafts[drafts.length - 1] ?? null,
      dueAt: meeting.heldOn === null ? null : addMonths(meeting.heldOn, rules.minutesMonths),
    },
    deadlines,
    overdue: deadlines.some((d) => d.status === 'overdue'),
    asOf,
  };
};
