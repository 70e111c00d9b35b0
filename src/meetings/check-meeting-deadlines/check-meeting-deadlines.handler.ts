import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { ProjectionsService } from '../../infrastructure/projections/projections.service.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import { type MeetingDeadlineRef } from '../domain/meeting.commands.js';
import { meetingDecider } from '../domain/meeting.decide.js';
import { deadlineRefOf, deadlinesToRecord } from '../domain/meeting-deadlines.js';
import { meetingStreamId, type Meeting } from '../domain/meeting.js';

export type DeadlineCheckResult = {
  asOf: string;
  /** The deadline facts recorded by this run (AvisFollowUpOverdue, MinutesOverdue, RedeliberationDue). */
  recorded: ({ meetingId: string } & MeetingDeadlineRef)[];
};

/**
 * The scheduled deadline check: for every held meeting, records each deadline that is overdue (follow-up to an
 * avis, minutes) or whose re-deliberation window has opened, once. Safe to run as often as wanted.
 */
export class CheckMeetingDeadlinesCommand extends Command<DeadlineCheckResult> {
  constructor(readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(CheckMeetingDeadlinesCommand)
export class CheckMeetingDeadlinesHandler implements ICommandHandler<CheckMeetingDeadlinesCommand> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
    private readonly projections: ProjectionsService,
  ) {}

  async execute({ context }: CheckMeetingDeadlinesCommand): Promise<DeadlineCheckResult> {
    const asOf = this.clock.now().toISOString();
    // Several commands may go to one stream: no idempotency key (it would name them all alike), no If-Match.
    const checkContext: CommandContext = {
      actorId: context.actorId,
      correlationId: context.correlationId,
      organisationId: context.organisationId,
    };
    // An admin checks the meetings of their organisation; the scheduled check (no organisation) checks all.
    const { rows } = await this.db.query<{ meeting_id: string; state: Meeting; organisation_id: string }>(
      `SELECT meeting_id, state, organisation_id FROM rm.meetings
        WHERE status = 'HELD' AND ($1::text IS NULL OR organisation_id = $1) ORDER BY meeting_id`,
      [context.organisationId ?? null],
    );
    // Each meeting is judged by the rules in force for its organisation, read once per run.
    const rulesByOrganisation = await this.deadlineRules.forEach(rows.map((row) => row.organisation_id));
    const recorded: DeadlineCheckResult['recorded'] = [];
    let position = '';
    for (const { meeting_id: meetingId, state, organisation_id: organisationId } of rows) {
      const rules = rulesByOrganisation.get(organisationId) ?? this.deadlineRules.defaults();
      for (const deadline of deadlinesToRecord(state, rules, asOf)) {
        const ref = deadlineRefOf(deadline);
        const decision = await this.executor.execute(
          meetingStreamId(meetingId),
          meetingDecider,
          {
            type: 'RecordMeetingDeadline',
            meetingId,
            occurredAt: asOf,
            deadline: ref,
            asOf,
            rules,
          },
          checkContext,
          { commandType: 'RecordMeetingDeadline', waitForProjections: false },
        );
        if (decision.events > 0) recorded.push({ meetingId, ...ref });
        if (decision.position) position = decision.position;
      }
    }
    // Once, at the end: the caller then reads its own writes.
    if (position) await this.projections.waitFor(position);
    return { asOf, recorded };
  }
}
