import {
  CATEGORY_LABELS as DEMAND_CATEGORY_LABELS,
  CHANNEL_LABELS,
  frDate,
  frDateTime as dossierDateTime,
  label,
  LEVEL_LABELS,
  PRIORITY_LABELS,
  STANCE_LABELS,
  STATUS_LABELS,
} from '../../dossiers/domain/french.js';

/**
 * Every French word the web pages print that depends on data: dates, numbers, plurals and the labels of
 * statuses, categories, priorities… Dates and labels come from the dossier's French helper (one source for the
 * printed dossier and the screen); plurals use Intl.PluralRules, so 0 and 1 take the singular as French does.
 */
export { frDate };

/** "5 décembre 2026 à 9 h 50", the hour never split from its minutes at the end of a line (no-break spaces). */
export const frDateTime = (value: string): string =>
  dossierDateTime(value).replace(/(\d) h (\d)/g, '$1\u00a0h\u00a0$2');

const rules = new Intl.PluralRules('fr-FR');
const numbers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** "0 revendication", "1 revendication", "3 revendications" ("1 234" with a narrow no-break space). */
export const plural = (n: number, one: string, many: string): string =>
  `${numbers.format(n)} ${rules.select(n) === 'one' ? one : many}`;

/** The word alone, agreed with n (for "en retard", "ouverte(s)"…). */
export const agree = (n: number, one: string, many: string): string =>
  rules.select(n) === 'one' ? one : many;

export const frNumber = (n: number): string => numbers.format(n);
export const frPercent = (ratio: number): string => percents.format(ratio);

export const STATUS = STATUS_LABELS as Readonly<Record<string, string>>;
export const statusLabel = (status: string): string => label(STATUS_LABELS, status);
export const stanceLabel = (stance: string): string => label(STANCE_LABELS, stance);
export const channelLabel = (channel: string): string => label(CHANNEL_LABELS, channel);
export const levelLabel = (level: string): string => label(LEVEL_LABELS, level);

/** Capitalised for the start of a sentence or a table cell. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const priorityLabel = (priority: string): string => capitalise(label(PRIORITY_LABELS, priority));

/** Observation themes (and the categories of version 1 demands): the visit report's three headings. */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  difficulties: 'Difficultés de service',
  premises_security: 'Locaux et sécurité',
  hr: 'Ressources humaines',
};
/** A demand's category (schema version 2, as printed in the dossier) or an observation's theme, in French. */
export const categoryLabel = (category: string): string =>
  CATEGORY_LABELS[category] ??
  (DEMAND_CATEGORY_LABELS[category] ? capitalise(DEMAND_CATEGORY_LABELS[category]) : category);

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: 'administrateur·rice',
  officer: 'délégué·e',
  observer: 'lecteur·rice',
};
export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

/** "en retard de 1 jour", "en retard de 12 jours". */
export const lateBy = (days: number): string => `en retard de ${plural(days, 'jour', 'jours')}`;

/** Whole days between two instants (b − a), by calendar day in UTC: enough for lateness. */
export const daysBetween = (a: string, b: string): number =>
  Math.floor((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
