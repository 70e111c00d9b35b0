import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CheckMeetingDeadlinesCommand } from '../meetings/check-meeting-deadlines/check-meeting-deadlines.handler.js';
import { AppConfig } from '../config/app-config.js';
import { demandDecider } from '../demands/domain/demand.decide.js';
import { type MissedDeadline } from '../demands/domain/demand.commands.js';
import { type Demand, deadlineKey, demandStreamId } from '../demands/domain/demand.js';
import { DecisionExecutor } from '../infrastructure/commands/decision-executor.js';
import { DATABASE, type Database } from '../infrastructure/database/database.js';
import { ProjectionsService } from '../infrastructure/projections/projections.service.js';
import { Clock } from '../infrastructure/time/clock.js';

export const DEADLINE_ACTOR = 'system:deadline-check';

/**
 * The scheduled check: every deadline that has passed (an awaited answer, an open commitment, a meeting's minutes
 * or follow-up to an avis, an opened re-deliberation window) is recorded once, as
 * an event in the demand's history. Demands carry their own due dates (set when submitted, from the
 * organisation's response window when none was given); meetings are judged by the deadline rules in force for
 * their organisation (`DeadlineRules`, in `CheckMeetingDeadlinesHandler`). Several instances may run it at the
 * same time: the decision is idempotent (nothing when already recorded) and the append is conditional on the
 * revision read, so a race records once.
 */
@Injectable()
export class MissedDeadlinesCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Deadlines');
  private running: Promise<number> | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly executor: DecisionExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly projections: ProjectionsService,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DEADLINE_CHECK_INTERVAL_MS <= 0) return;
    const interval = setInterval(
      () => void this.run().catch((e: Error) => this.logger.warn(e.message)),
      this.config.DEADLINE_CHECK_INTERVAL_MS,
    );
    interval.unref();
    this.scheduler.addInterval('missed-deadlines', interval);
  }

  /** Runs one check; returns how many missed deadlines it recorded. Overlapping calls share one run. */
  run(): Promise<number> {
    this.running ??= this.check().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.db.query<{ demand_id: string; state: Demand }>(
      `SELECT demand_id, state FROM rm.demand_status
        WHERE awaiting_response_until < $1 OR open_commitment_due_at < $1`,
      [now],
    );
    let recorded = 0;
    let position = '';
    for (const row of rows) {
      for (const deadline of pendingDeadlines(row.state, now)) {
        if (row.state.missedDeadlines.includes(deadlineKey(deadline))) continue;
        const decision = await this.executor.execute(
          demandStreamId(row.demand_id),
          demandDecider,
          {
            type: 'RecordMissedDeadline',
            demandId: row.demand_id,
            occurredAt: now.toISOString(),
            asOf: now.toISOString(),
            deadline,
          },
          { actorId: DEADLINE_ACTOR, correlationId: `deadline:${row.demand_id}:${deadlineKey(deadline)}` },
          { commandType: 'RecordMissedDeadline', waitForProjections: false },
        );
        recorded += decision.events;
        if (decision.position) position = decision.position;
      }
    }
    if (position) await this.projections.waitFor(position);
    const meetings = await this.commands.execute(
      new CheckMeetingDeadlinesCommand({
        actorId: DEADLINE_ACTOR,
        correlationId: `deadline-check:${now.toISOString()}`,
      }),
    );
    recorded += meetings.recorded.length;
    if (recorded > 0) this.logger.log(`${recorded} missed deadline(s) recorded`);
    return recorded;
  }
}

const pendingDeadlines = (state: Demand, now: Date): MissedDeadline[] => {
  const passed = (iso: string) => Date.parse(iso) < now.getTime();
  return [
    ...(state.responseDueAt && passed(state.responseDueAt)
      ? [{ kind: 'response' as const, dueAt: state.responseDueAt }]
      : []),
    ...state.commitments
      .filter((c) => c.status === 'open' && passed(c.dueAt))
      .map((c) => ({ kind: 'commitment' as const, commitmentId: c.commitmentId, dueAt: c.dueAt })),
  ];
};
