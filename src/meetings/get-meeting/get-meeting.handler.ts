import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { MeetingNotFoundError } from '../domain/meeting.errors.js';
import { type Meeting } from '../domain/meeting.js';
import { type MeetingView, toMeetingView } from './meeting.view.js';

export class GetMeetingQuery extends Query<MeetingView> {
  constructor(
    readonly meetingId: string,
    readonly organisationId?: string,
  ) {
    super();
  }
}

@QueryHandler(GetMeetingQuery)
export class GetMeetingHandler implements IQueryHandler<GetMeetingQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ meetingId, organisationId }: GetMeetingQuery): Promise<MeetingView> {
    const { rows } = await this.db.query<{ state: Meeting; revision: string; organisation_id: string }>(
      `SELECT state, revision::text AS revision, organisation_id FROM rm.meetings
        WHERE meeting_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [meetingId, organisationId ?? null],
    );
    const row = rows[0];
    if (!row) throw new MeetingNotFoundError(meetingId);
    // Deadlines are judged by the rules in force for the meeting's organisation.
    const rules = await this.deadlineRules.for(row.organisation_id);
    return toMeetingView(row.state, Number(row.revision), rules, this.clock.now().toISOString());
  }
}
