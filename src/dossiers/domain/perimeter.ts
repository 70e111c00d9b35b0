import type { InstanceLevel } from '../../meetings/domain/meeting.events.js';
import { count } from './french.js';

/** A unit as rm.units holds it (the part the dossier needs). */
export type UnitInfo = { id: string; kind: string; name: string; parentId: string | null };

/**
 * The instance's perimeter: the unit it sits at (a CSA SPIP local sits at its SPIP) and the antennas below it.
 * `antennaIds: null` means "every demand of the organisation" (no unit could be matched).
 */
export type Perimeter = { unitId: string | null; label: string; antennaIds: string[] | null };

const KIND_OF_LEVEL: Readonly<Record<InstanceLevel, string>> = {
  local: 'SPIP',
  disp: 'DISP',
  national: 'DAP',
};

const normalised = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The unit an instance sits at, found from its id ("csa-spip62" → unit "spip-62"): the unit whose normalised id is
 * the longest part of the instance's normalised id, preferring the kind that goes with the level (SPIP for a local
 * instance, DISP, DAP). A national instance with no match sits at the DAP if one is registered.
 */
export const instanceUnit = (
  instance: { instanceId: string; level: InstanceLevel },
  units: ReadonlyMap<string, UnitInfo>,
): UnitInfo | null => {
  const key = normalised(instance.instanceId);
  const wantedKind = KIND_OF_LEVEL[instance.level];
  const candidates = [...units.values()]
    .filter((unit) => {
      const id = normalised(unit.id);
      return id.length >= 3 && key.includes(id);
    })
    .sort(
      (a, b) =>
        Number(b.kind === wantedKind) - Number(a.kind === wantedKind) ||
        normalised(b.id).length - normalised(a.id).length ||
        a.id.localeCompare(b.id),
    );
  if (candidates[0]) return candidates[0];
  if (instance.level === 'national') return [...units.values()].find((u) => u.kind === 'DAP') ?? null;
  return null;
};

/** Every unit below `root` (and `root` itself), whatever the depth; a cycle in parent links stops the walk. */
export const unitsUnder = (rootId: string, units: ReadonlyMap<string, UnitInfo>): string[] => {
  const children = new Map<string, string[]>();
  for (const unit of units.values()) {
    if (!unit.parentId) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    for (const child of children.get(next) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return [...seen].sort();
};

/** The perimeter of an instance: its unit and everything under it, else the whole organisation. */
export const perimeterOf = (
  instance: { instanceId: string; instanceName: string; level: InstanceLevel },
  units: ReadonlyMap<string, UnitInfo>,
): Perimeter => {
  const unit = instanceUnit(instance, units);
  if (!unit) {
    return {
      unitId: null,
      label: `toutes les revendications de l’organisation (aucune unité rattachée à l’instance « ${instance.instanceId} »)`,
      antennaIds: null,
    };
  }
  const ids = unitsUnder(unit.id, units);
  const antennas = ids.filter((id) => units.get(id)?.kind === 'ANTENNA');
  return {
    unitId: unit.id,
    // Only what the store holds: the antennas registered here, never a claim on how many the SPIP has.
    label: `${unit.name} — ${count(antennas.length, { zero: 'aucune antenne suivie ici', one: 'antenne suivie ici', other: 'antennes suivies ici' })}`,
    antennaIds: ids,
  };
};
