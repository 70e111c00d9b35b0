import { type SqlExecutor } from '../../infrastructure/database/database.js';
import { type Milieu, type UnitKind } from '../domain/units.events.js';

/** A unit as rm.units holds it. */
export type UnitRow = {
  id: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
  milieu: Milieu | null;
  establishment: string | null;
  registeredAt: string;
};

/** A unit above another one, nearest first (e.g. SPIP, then DISP, then DAP). */
export type UnitRef = { id: string; kind: UnitKind; name: string };

/**
 * Every registered unit by id (the hierarchy is small: a few hundred units at most); with an organisation, only
 * the units it registered (another organisation's units do not exist for it).
 */
export async function loadUnits(db: SqlExecutor, organisationId?: string): Promise<Map<string, UnitRow>> {
  const { rows } = await db.query<{
    unit_id: string;
    kind: UnitKind;
    name: string;
    parent_id: string | null;
    milieu: Milieu | null;
    establishment: string | null;
    registered_at: Date | string;
  }>(
    `SELECT unit_id, kind, name, parent_id, milieu, establishment, registered_at FROM rm.units
      WHERE $1::text IS NULL OR organisation_id = $1 ORDER BY unit_id`,
    [organisationId ?? null],
  );
  return new Map(
    rows.map((row) => [
      row.unit_id,
      {
        id: row.unit_id,
        kind: row.kind,
        name: row.name,
        parentId: row.parent_id,
        milieu: row.milieu,
        establishment: row.establishment,
        registeredAt: new Date(row.registered_at).toISOString(),
      },
    ]),
  );
}

/** The units above `unit`, nearest first; stops at a parent that is not registered (and at a cycle). */
export const ancestorsOf = (units: ReadonlyMap<string, UnitRow>, unit: UnitRow): UnitRef[] => {
  const chain: UnitRef[] = [];
  const seen = new Set([unit.id]);
  let parent = unit.parentId ? units.get(unit.parentId) : undefined;
  while (parent && !seen.has(parent.id)) {
    chain.push({ id: parent.id, kind: parent.kind, name: parent.name });
    seen.add(parent.id);
    parent = parent.parentId ? units.get(parent.parentId) : undefined;
  }
  return chain;
};

/** "DAP name > DISP name > SPIP name": the chain from the top, as an officer reads it. */
export const pathOf = (parents: readonly UnitRef[]): string =>
  [...parents]
    .reverse()
    .map((p) => p.name)
    .join(' > ');
