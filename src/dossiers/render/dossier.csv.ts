import { dayOf } from '../domain/french.js';
import type { DossierModel } from '../domain/dossier.model.js';

/**
 * The summary table as CSV (RFC 4180): a header row, one row per demand, CRLF line ends, fields quoted when they
 * hold the separator, a quote or a line break (quotes doubled). UTF-8 with a byte-order mark so that Excel reads the
 * accents. Comma-separated by default; `;` for a French Excel that expects it. Dates are ISO 8601 (YYYY-MM-DD).
 */
export type CsvSeparator = ',' | ';';

const COLUMNS: readonly [string, (row: DossierModel['summary'][number]) => string | number | null][] = [
  ['ref', (r) => r.demandId],
  ['antenne', (r) => r.antennaName],
  ['titre', (r) => r.title],
  ['nature', (r) => (r.explicit ? 'explicite' : 'implicite')],
  ['cibles', (r) => r.targets],
  ['niveau', (r) => r.level],
  ['priorite', (r) => r.priority],
  ['soulevee_le', (r) => date(r.firstRaisedAt)],
  ['fois_demandee', (r) => r.timesAsked],
  ['derniere_position', (r) => r.lastPosition?.stanceLabel ?? null],
  ['derniere_position_le', (r) => date(r.lastPosition?.date ?? null)],
  ['derniere_position_canal', (r) => r.lastPosition?.channelLabel ?? null],
  ['derniere_position_auteur', (r) => r.lastPosition?.authorRole ?? null],
  ['echeance_reponse', (r) => date(r.responseDueAt)],
  ['echeance_engagement', (r) => date(r.commitmentDueAt)],
  ['statut', (r) => r.statusLabel],
  ['jours_ouverte', (r) => r.daysOpen],
  ['retards', (r) => r.flagLabels.join(' ; ')],
  ['cloturee_le', (r) => date(r.closedAt)],
];

const date = (value: string | null): string | null => (value ? dayOf(value) : null);

export const csvField = (value: string | number | null, separator: CsvSeparator = ','): string => {
  if (value === null) return '';
  const text = String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const renderSummaryCsv = (model: DossierModel, separator: CsvSeparator = ','): string => {
  const lines = [
    COLUMNS.map(([name]) => csvField(name, separator)).join(separator),
    ...model.summary.map((row) => COLUMNS.map(([, get]) => csvField(get(row), separator)).join(separator)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
