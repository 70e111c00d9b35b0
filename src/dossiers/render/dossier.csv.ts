import { stringify } from 'csv-stringify/sync';
import type { DossierModel } from '../domain/dossier.model.js';
import { frShortDate } from '../domain/french.js';

/**
 * The summary table as CSV, written by `csv-stringify`: a header row, one row per demand, CRLF line ends, fields
 * quoted when they need it (quotes doubled), UTF-8 with a byte-order mark so that a spreadsheet reads the accents.
 * Semicolon-separated by default (what a French spreadsheet expects), comma on request. Values in French (statuses,
 * priorities, channels, categories), dates as JJ/MM/AAAA. A cell that a spreadsheet would run as a formula (starting
 * with =, +, -, @, a tab or a carriage return, or their full-width forms) is neutralised with a leading apostrophe.
 */
export type CsvSeparator = ',' | ';';

type Row = DossierModel['summary'][number];

const COLUMNS: readonly [string, (row: Row) => string | number | null][] = [
  ['n°', (r) => r.ref],
  ['antenne', (r) => r.antennaName],
  ['titre', (r) => r.title],
  ['catégorie', (r) => r.category],
  ['nature', (r) => (r.explicit ? 'explicite' : 'implicite')],
  ['cibles', (r) => r.targets],
  ['niveau', (r) => r.level],
  ['priorité', (r) => r.priorityLabel],
  ['soulevée le', (r) => date(r.firstRaisedAt)],
  ['fois demandée', (r) => r.timesAsked],
  ['dernière position', (r) => r.lastPosition?.stanceLabel ?? null],
  ['dernière position le', (r) => date(r.lastPosition?.date ?? null)],
  ['dernière position par', (r) => r.lastPosition?.channelLabel ?? null],
  ['dernière position, auteur', (r) => r.lastPosition?.authorRole ?? null],
  ['échéance de réponse', (r) => date(r.responseDueAt)],
  ['échéance d’engagement', (r) => date(r.commitmentDueAt)],
  ['statut', (r) => r.statusLabel],
  ['jours ouverte', (r) => r.daysOpen],
  ['retards', (r) => r.flagLabels.join(' ; ')],
  ['clôturée le', (r) => date(r.closedAt)],
];

const date = (value: string | null): string | null => (value ? frShortDate(value) : null);

/** Any table as CSV with the same rules (separator, formula neutralisation, BOM, CRLF). */
export const renderCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  separator: CsvSeparator = ';',
): string =>
  `\uFEFF${stringify([header, ...rows] as unknown[][], {
    delimiter: separator,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { number: (n) => String(n).replace('.', separator === ';' ? ',' : '.') },
  })}`;

export const renderSummaryCsv = (model: DossierModel, separator: CsvSeparator = ';'): string =>
  renderCsv(
    COLUMNS.map(([name]) => name),
    model.summary.map((row) => COLUMNS.map(([, get]) => get(row))),
    separator,
  );
