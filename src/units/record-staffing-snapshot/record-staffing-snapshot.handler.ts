import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayWrite } from '../../infrastructure/commands/access.js';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { DecisionExecutor } from '../../infrastructure/commands/decision-executor.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { unitDecider } from '../domain/unit.decide.js';
import { unitStreamId } from '../domain/unit.js';
import { type RecordStaffingSnapshotRequest } from './record-staffing-snapshot.request.js';

export class RecordStaffingSnapshotCommand extends Command<CommandResult> {
  constructor(
    readonly antennaId: string,
    readonly request: RecordStaffingSnapshotRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Unit events name the antenna `unitId`, which the executor's section check does not read: the handler checks
 * the antenna against the actor's sections itself.
 */
@CommandHandler(RecordStaffingSnapshotCommand)
export class RecordStaffingSnapshotHandler implements ICommandHandler<RecordStaffingSnapshotCommand> {
  constructor(
    private readonly executor: DecisionExecutor,
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ antennaId, request, context }: RecordStaffingSnapshotCommand): Promise<CommandResult> {
    const { occurredAt, snapshotId, caseload, lines, ...snapshot } = request;
    await assertMayWrite(this.db, context, { antennaId }, []);
    const id = snapshotId ?? newIdFor('staffing-snapshot', context);
    const decision = await this.executor.execute(
      unitStreamId(antennaId),
      unitDecider,
      {
        type: 'RecordStaffingSnapshot',
        unitId: antennaId,
        occurredAt: occurredAt ?? this.clock.now().toISOString(),
        snapshotId: id,
        lines: lines.map((line) => ({ ...line })),
        ...(caseload === undefined ? {} : { caseload: { ...caseload } }),
        ...snapshot,
      },
      context,
      { commandType: 'RecordStaffingSnapshot' },
    );
    return { id, revision: Number(decision.revision), position: decision.position };
  }
}
