import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEMO_ORGANISATION } from '../accounts/demo-accounts.js';
import { AppConfig } from '../config/app-config.js';
import { demandDecider } from '../demands/domain/demand.decide.js';
import { demandStreamId } from '../demands/domain/demand.js';
import { DecisionExecutor } from '../infrastructure/commands/decision-executor.js';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.js';
import { ProjectionsService } from '../infrastructure/projections/projections.service.js';
import { observationDecider } from '../observations/domain/observation.decide.js';
import { observationStreamId } from '../observations/domain/observation.js';
import { unitDecider } from '../units/domain/unit.decide.js';
import { unitStreamId } from '../units/domain/unit.js';
import { visitDecider } from '../units/domain/visit.decide.js';
import { visitStreamId } from '../units/domain/visit.js';
import { type UnitKind } from '../units/domain/units.events.js';
import { loadMeetingsDemo } from './meetings-demo.js';
import { type DemoCommand, ILLUSTRATIVE_COMMANDS, spip62Report } from './spip62-report.js';

export const DEMO_ACTOR = 'demo';

/** A stable key per command, so that loading twice records nothing new (the store replays the batch). */
const keyOf = (step: DemoCommand): string => {
  const c = step.command as {
    type: string;
    demandId?: string;
    observationId?: string;
    unitId?: string;
    visitId?: string;
    snapshotId?: string;
  };
  return `demo-${c.type}-${c.snapshotId ?? c.demandId ?? c.observationId ?? c.visitId ?? c.unitId ?? ''}`;
};

/**
 * Loads the demo dataset (the SPIP 62 visit report) through the same deciders and store as any command, with
 * the actor "demo". Idempotent. On the embedded store it runs on first start unless DEMO_DATA=false.
 */
@Injectable()
export class DemoLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly executor: DecisionExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoMode) return;
    if ((await this.store.headPosition()) !== undefined) return;
    const { recorded } = await this.load();
    this.logger.log(`Demo data loaded: ${recorded} events (rapport de visite FO Justice CPIP, SPIP 62)`);
  }

  async load(): Promise<{ recorded: number; position: string }> {
    if (this.config.NODE_ENV === 'production') throw new Error('The demo data is never loaded in production');
    const kinds = new Map<string, UnitKind>();
    let recorded = 0;
    let position = '';
    for (const step of spip62Report) {
      const context = {
        actorId: DEMO_ACTOR,
        organisationId: DEMO_ORGANISATION.id,
        correlationId: keyOf(step),
        idempotencyKey: keyOf(step),
        idempotencyScope: 'demo',
      };
      const options = {
        commandType: step.command.type,
        waitForProjections: false,
        metadata: (ILLUSTRATIVE_COMMANDS.has(step.command.type) ? { illustrative: 'true' } : {}) as Record<
          string,
          string
        >,
      };
      let decision;
      switch (step.kind) {
        case 'unit': {
          const command = step.command;
          if (command.type === 'RegisterUnit') {
            kinds.set(command.unitId, command.kind);
            const parentKind = command.parentId ? kinds.get(command.parentId) : undefined;
            decision = await this.executor.execute(
              unitStreamId(command.unitId),
              unitDecider,
              { ...command, ...(parentKind ? { parentKind } : {}) },
              context,
              options,
            );
          } else {
            decision = await this.executor.execute(
              unitStreamId(command.unitId),
              unitDecider,
              command,
              context,
              options,
            );
          }
          break;
        }
        case 'visit':
          decision = await this.executor.execute(
            visitStreamId(step.command.visitId),
            visitDecider,
            step.command,
            context,
            options,
          );
          break;
        case 'observation':
          decision = await this.executor.execute(
            observationStreamId(step.command.observationId),
            observationDecider,
            step.command,
            context,
            options,
          );
          break;
        case 'demand':
          decision = await this.executor.execute(
            demandStreamId(step.command.demandId),
            demandDecider,
            step.command,
            context,
            options,
          );
          break;
      }
      recorded += decision.events;
      if (decision.position) position = decision.position;
    }
    const meetings = await loadMeetingsDemo(this.executor, {
      actorId: DEMO_ACTOR,
      organisationId: DEMO_ORGANISATION.id,
    });
    recorded += meetings.recorded;
    if (meetings.position) position = meetings.position;
    if (position) await this.projections.waitFor(position, 30_000);
    return { recorded, position };
  }
}
