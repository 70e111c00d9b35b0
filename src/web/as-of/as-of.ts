import { type AsOf } from '../../demands/as-of.js';
import { frDate } from '../i18n/fr.js';

/** "État au…" on a page: the date asked and how (what had happened then, or what was known then). */
export type AsOfView = {
  /** The page's own path (the form submits to it with GET). */
  action: string;
  active: boolean;
  /** YYYY-MM-DD as typed (empty when not asked). */
  date: string;
  known: 'occurred' | 'recorded';
  /** A sentence saying which state the page shows. */
  banner: string | null;
  /** A message when the date typed is not a date. */
  error: string | null;
  /** The query string to keep on links to other pages (empty when not asked). */
  query: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The `asOf` of the queries (end of that day) from `?asOf=YYYY-MM-DD&known=recorded`, or nothing. */
export const asOfParams = (
  action: string,
  query: { asOf?: unknown; known?: unknown },
): {
  view: AsOfView;
  asOf: AsOf | undefined;
  request: { asOf?: string; known?: 'occurred' | 'recorded' };
} => {
  const raw = typeof query.asOf === 'string' ? query.asOf.trim() : '';
  const known = query.known === 'recorded' ? 'recorded' : 'occurred';
  const valid = DATE.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`));
  const base = { action, date: raw, known } as const;
  if (!raw || !valid)
    return {
      view: {
        ...base,
        active: false,
        banner: null,
        query: '',
        error: raw ? 'Saisissez une date valide, par exemple 01/03/2024' : null,
      },
      asOf: undefined,
      request: {},
    };
  const banner =
    known === 'recorded'
      ? `Vous consultez l’état au ${frDate(raw)} tel que connu alors : seuls les faits déjà enregistrés ce jour-là comptent.`
      : `Vous consultez l’état au ${frDate(raw)} : les faits survenus jusqu’à cette date, y compris ceux enregistrés plus tard.`;
  return {
    view: {
      ...base,
      active: true,
      banner,
      error: null,
      query: `?asOf=${raw}${known === 'recorded' ? '&known=recorded' : ''}`,
    },
    asOf: { at: new Date(`${raw}T23:59:59.999Z`), known },
    request: { asOf: raw, known },
  };
};
