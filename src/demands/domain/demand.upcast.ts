import {
  type DemandCategory,
  type LegacyDemandCategory,
  LEGACY_DEMAND_CATEGORIES,
  type LegalBasis,
} from './demand.events.js';

/**
 * Upcaster of DemandDrafted / DemandRaised from schema version 1 to 2, applied wherever those events are read
 * (evolve, projections, exports). Stored events are never rewritten. Pure and deterministic: the same version-1
 * event always reads the same.
 *
 * - `category`: the report's section headings become thematic categories. The heading alone is too coarse (the
 *   report files RPS, IT and premises under "locaux et sécurité" or "difficultés"), so the title and description
 *   choose, in this order; the heading's own default applies when nothing matches.
 * - `legalBases`: version 1 only had `legalRefs` (references without text or origin). Nothing says the raising
 *   document gave them, so they read as the officer's own additions.
 */
const RULES: readonly [RegExp, DemandCategory][] = [
  [
    /\bRPS\b|psychosociaux|DUERP|risques? professionnels|sécurité|alarme|agression|prévention|santé/i,
    'health_safety_rps',
  ],
  [
    /informatique|réseau|prises? (?:réseau|électriques?|informatiques?|RJ45)|ordinateur|poste de travail|logiciel|téléphon|équipement|matériel/i,
    'it_equipment',
  ],
  [
    /locaux|bureaux?|immobili|déménag|PMR|accessibilit|ascenseur|open[- ]space|parking|antenne mixte/i,
    'premises',
  ],
  [/partenai|CMP|soins|hébergement|association|France Travail|UHSA/i, 'partnership'],
  [
    /recrut|poste|remplac|effectif|vacan|mobilité|\bASE\b|\bASS\b|\bDPIP\b|\bCPIP\b|\bPA\b|contractuel/i,
    'staffing_recruitment',
  ],
  [/CAP\b|LSC|procédure|rôle|rapport|mission|JAP|permanence|astreinte/i, 'missions_procedures'],
  [/organisation|télétravail|concertation|réorganis|charge de travail|planning/i, 'work_organisation'],
];

const DEFAULT_OF_LEGACY: Readonly<Record<LegacyDemandCategory, DemandCategory>> = {
  hr: 'staffing_recruitment',
  premises_security: 'premises',
  difficulties: 'work_organisation',
};

export const isLegacyCategory = (category: unknown): category is LegacyDemandCategory =>
  (LEGACY_DEMAND_CATEGORIES as readonly unknown[]).includes(category);

/** The thematic category a version-1 demand reads as. */
export const categoryFromLegacy = (
  legacy: LegacyDemandCategory,
  text: { title?: unknown; description?: unknown },
): DemandCategory => {
  const words = `${typeof text.title === 'string' ? text.title : ''} ${typeof text.description === 'string' ? text.description : ''}`;
  return RULES.find(([pattern]) => pattern.test(words))?.[1] ?? DEFAULT_OF_LEGACY[legacy];
};

const DETAIL_EVENTS = new Set(['DemandDrafted', 'DemandRaised']);

/**
 * The event as version 2 reads it. `schemaVersion` when the caller knows it; without it a version-1 event is
 * recognised by its data (a legacy category, or no `legalBases`), which version 2 never writes.
 */
export const upcastDemandEvent = <E extends { type: string; data: unknown }>(
  event: E,
  schemaVersion?: number,
): E => {
  if (!DETAIL_EVENTS.has(event.type)) return event;
  if (schemaVersion !== undefined && schemaVersion >= 2) return event;
  const data = event.data as Record<string, unknown>;
  const legacyCategory = isLegacyCategory(data.category);
  const legacyBases = !Array.isArray(data.legalBases);
  if (!legacyCategory && !legacyBases) return event;
  const legalRefs = Array.isArray(data.legalRefs) ? (data.legalRefs as unknown[]) : [];
  return {
    ...event,
    data: {
      ...data,
      ...(legacyCategory
        ? {
            category: categoryFromLegacy(data.category as LegacyDemandCategory, data),
            legacyCategory: data.category,
          }
        : {}),
      ...(legacyBases
        ? {
            legalBases: legalRefs
              .filter((ref): ref is string => typeof ref === 'string')
              .map((reference): LegalBasis => ({ reference, origin: 'officer' })),
          }
        : {}),
    },
  };
};
