import { DomainError } from '../../shared/domain-error.js';
import { type SqlExecutor } from '../database/database.js';
import { type RecordedEvent } from '../event-store/event-store.js';
import { type CommandContext } from './command-context.js';

/** The stream belongs to another organisation: for this actor it does not exist. */
export class NotInOrganisationError extends DomainError {
  readonly code = 'RESOURCE.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Ressource introuvable');
  }
}

export class OutsideSectionError extends DomainError {
  readonly code = 'ACCESS.OUTSIDE_SECTION';
  readonly kind = 'forbidden' as const;
  constructor(antennaId: string) {
    super(`L’antenne ${antennaId} est hors de vos sections : vous pouvez la consulter mais pas y écrire`, {
      antennaId,
    });
  }
}

/** Organisation of a stream: the one recorded with its first event ('default' before accounts existed). */
export const organisationOf = (events: readonly RecordedEvent[]): string | undefined =>
  events.length === 0 ? undefined : (events[0]?.metadata.organisationId ?? 'default');

/**
 * Antennas a decision touches: the antenna of the entity (its state's `antennaId`) and those named by the new
 * events (`antennaId`, `antennaIds`, and the antenna of a staffing snapshot). A visit planned for several antennas
 * is judged by the antenna each new event names, not by the whole plan.
 */
export const antennasTouched = (
  state: unknown,
  events: readonly { type?: string; data: object }[],
): string[] => {
  const ids = new Set<string>();
  const stateAntenna = (state as { antennaId?: unknown } | undefined)?.antennaId;
  if (typeof stateAntenna === 'string') ids.add(stateAntenna);
  for (const event of events) {
    const data = event.data as { antennaId?: unknown; antennaIds?: unknown; unitId?: unknown };
    if (typeof data.antennaId === 'string') ids.add(data.antennaId);
    if (Array.isArray(data.antennaIds))
      data.antennaIds.forEach((id) => typeof id === 'string' && ids.add(id));
    if (event.type === 'StaffingSnapshotRecorded' && typeof data.unitId === 'string') ids.add(data.unitId);
  }
  return [...ids];
};

/**
 * Whether an antenna lies within the given units: the antenna itself, or one of its ancestors (SPIP, DISP…) in
 * the organisation hierarchy (rm.units).
 */
export async function withinUnits(db: SqlExecutor, antennaId: string, unitIds: string[]): Promise<boolean> {
  if (unitIds.includes(antennaId)) return true;
  if (unitIds.length === 0) return false;
  const { rows } = await db.query<{ hit: boolean }>(
    `WITH RECURSIVE up(unit_id, parent_id, depth) AS (
       SELECT unit_id, parent_id, 0 FROM rm.units WHERE unit_id = $1
       UNION ALL
       SELECT u.unit_id, u.parent_id, up.depth + 1 FROM rm.units u JOIN up ON u.unit_id = up.parent_id WHERE up.depth < 10
     )
     SELECT EXISTS (SELECT 1 FROM up WHERE unit_id = ANY($2::text[])) AS hit`,
    [antennaId, unitIds],
  );
  return rows[0]?.hit === true;
}

export async function assertMayWrite(
  db: SqlExecutor,
  context: CommandContext,
  state: unknown,
  events: readonly { type?: string; data: object }[],
): Promise<void> {
  const allowed = context.writableUnitIds;
  if (allowed === undefined || allowed === 'all') return;
  for (const antennaId of antennasTouched(state, events)) {
    if (!(await withinUnits(db, antennaId, allowed))) throw new OutsideSectionError(antennaId);
  }
}
