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
  constructor(
    antennaId: string,
    message = `L’antenne ${antennaId} est hors de vos sections : vous pouvez la consulter mais pas y écrire`,
    details: Record<string, unknown> = { antennaId },
  ) {
    super(message, details);
  }

  /** What the refused write reached, said in French for the one who tried. */
  static of(reached: Reached): OutsideSectionError {
    switch (reached.kind) {
      case 'unit':
        return new OutsideSectionError(
          reached.unitId,
          `L’unité ${reached.unitId} n’est pas couverte par vos sections (elle les dépasse ou leur est étrangère) : ` +
            'vous pouvez la consulter mais pas y écrire',
          { unitId: reached.unitId },
        );
      case 'demand':
        return new OutsideSectionError(
          reached.antennaId ?? '',
          reached.antennaId
            ? `La revendication ${reached.demandId} relève de l’antenne ${reached.antennaId}, hors de vos sections : ` +
                'vous pouvez la consulter mais pas y écrire'
            : `La revendication ${reached.demandId} n’est rattachée à aucune antenne de vos sections`,
          { demandId: reached.demandId, ...(reached.antennaId ? { antennaId: reached.antennaId } : {}) },
        );
      case 'organisation':
        return new OutsideSectionError(
          '',
          `${reached.label} n’est rattachée à aucune unité de vos sections : elle concerne toute l’organisation`,
          {},
        );
    }
  }
}

/**
 * What a decision reaches besides the antennas its events name (see `antennasTouched`), declared by the command's
 * module through the executor's `reach` option: a unit (within the sections when it or an ancestor is one of
 * theirs), a demand (by its antenna; `null` when the organisation has no such demand), or the whole organisation.
 */
export type Reached =
  | { kind: 'unit'; unitId: string }
  | { kind: 'demand'; demandId: string; antennaId: string | null }
  | { kind: 'organisation'; label: string };

/** Resolves what a decision reaches from the state it was taken on and the events it would record. */
export type Reach<S = unknown, E = unknown> = (
  state: S,
  events: readonly E[],
  db: SqlExecutor,
  context: CommandContext,
) => Promise<readonly Reached[]>;

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

/**
 * Refuses a decision that writes outside the actor's sections: an antenna its events name, and whatever its `reach`
 * declares (a meeting's unit, the demands an agenda item names). Admins and the system are not checked.
 */
export async function assertMayWrite<S, E extends { type?: string; data: object }>(
  db: SqlExecutor,
  context: CommandContext,
  state: S,
  events: readonly E[],
  reach?: Reach<S, E>,
): Promise<void> {
  const allowed = context.writableUnitIds;
  if (allowed === undefined || allowed === 'all') return;
  for (const antennaId of antennasTouched(state, events)) {
    if (!(await withinUnits(db, antennaId, allowed))) throw new OutsideSectionError(antennaId);
  }
  for (const reached of reach ? await reach(state, events, db, context) : []) {
    const within =
      reached.kind === 'unit'
        ? await withinUnits(db, reached.unitId, allowed)
        : reached.kind === 'demand'
          ? reached.antennaId !== null && (await withinUnits(db, reached.antennaId, allowed))
          : false;
    if (!within) throw OutsideSectionError.of(reached);
  }
}
