import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { meetingDemandLinks } from '../domain/meeting-links.js';
import { type Meeting } from '../domain/meeting.js';
import { type MeetingView, toMeetingView } from '../get-meeting/meeting.view.js';
import { type ListMeetingsRequest } from './list-meetings.request.js';

export type MeetingPage = { items: MeetingView[]; total: number; limit: number; offset: number };

/**
 * Meetings in date order (oldest first: a demand's trail reads as a chronology). With `demandId`, only the meetings
 * where the demand came up, each with its `mentions` (the items, questions and statements that name it).
 */
export class ListMeetingsQuery extends Query<MeetingPage> {
  constructor(
    readonly filter: ListMeetingsRequest,
    readonly organisationId?: string,
  ) {
    super();
  }
}

@QueryHandler(ListMeetingsQuery)
export class ListMeetingsHandler implements IQueryHandler<ListMeetingsQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute({ filter, organisationId }: ListMeetingsQuery): Promise<MeetingPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (organisationId) add((p) => `m.organisation_id = ${p}`, organisationId);
    if (filter.instanceId) add((p) => `m.instance_id = ${p}`, filter.instanceId);
    if (filter.status) add((p) => `m.status = ${p}`, filter.status);
    if (filter.demandId) {
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM rm.meeting_demand_links l WHERE l.meeting_id = m.meeting_id AND l.demand_id = ${p})`,
        filter.demandId,
      );
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const { rows } = await this.db.query<{
      state: Meeting;
      revision: string;
      organisation_id: string;
      total: string;
    }>(
      `SELECT m.state, m.revision::text AS revision, m.organisation_id, count(*) OVER ()::text AS total
         FROM rm.meetings m ${whereSql}
        ORDER BY COALESCE(m.held_on, m.scheduled_for), m.meeting_id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && offset > 0) {
      const count = await this.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM rm.meetings m ${whereSql}`,
        params,
      );
      total = Number(count.rows[0]?.n ?? 0);
    }
    const asOf = this.clock.now().toISOString();
    // Each meeting is judged by the rules in force for its organisation (one read per organisation listed).
    const rulesByOrganisation = await this.deadlineRules.forEach(rows.map((row) => row.organisation_id));
    const { demandId } = filter;
    return {
      items: rows.map((row) => {
        const rules = rulesByOrganisation.get(row.organisation_id) ?? this.deadlineRules.defaults();
        const view = toMeetingView(row.state, Number(row.revision), rules, asOf);
        if (demandId === undefined) return view;
        return { ...view, mentions: meetingDemandLinks(row.state).filter((l) => l.demandId === demandId) };
      }),
      total,
      limit,
      offset,
    };
  }
}
