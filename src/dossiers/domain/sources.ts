import { frDate } from './french.js';
import type { UnitInfo } from './perimeter.js';

/**
 * Sources and organisations as a reader names them: a printed dossier never shows an internal reference
 * (`src-fo-cpip-spip62-2024-02-23`, `etab-cp-longuenesse`). Pure.
 */

/** Sources the product knows by their reference (the demo's visit report). */
const KNOWN_SOURCES: Readonly<Record<string, string>> = {
  'src-fo-cpip-spip62-2024-02-23': 'compte rendu de visite FO Justice CPIP du 23 février 2024',
};

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/i;

/** A source reference in words: known ones by name, a slug by its date, free text as written. */
export const describeSource = (reference: string): string => {
  const known = KNOWN_SOURCES[reference];
  if (known) return known;
  if (!SLUG.test(reference)) return reference;
  const date = /(\d{4}-\d{2}-\d{2})/.exec(reference)?.[1];
  return date ? `document du ${frDate(date)}` : 'document enregistré';
};

const ACRONYMS = new Set([
  'cp',
  'ma',
  'cd',
  'jap',
  'spip',
  'disp',
  'dap',
  'sas',
  'alip',
  'mo',
  'mf',
  'csa',
  'fs',
]);

/** An addressee's organisation: the unit's name when registered, else its reference in words ("CP Longuenesse"). */
export const organisationName = (id: string, units: ReadonlyMap<string, UnitInfo>): string => {
  const unit = units.get(id);
  if (unit) return unit.name;
  if (!SLUG.test(id)) return id;
  return id
    .split(/[-_]/)
    .filter((word) => word !== 'etab')
    .map((word) =>
      ACRONYMS.has(word.toLowerCase())
        ? word.toUpperCase()
        : /^\d+$/.test(word)
          ? word
          : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
};
