import { DEMAND_STATUSES } from '../../demands/domain/demand.js';
import { DEMAND_CATEGORIES, DEMAND_PRIORITIES } from '../../demands/domain/demand.events.js';
import { type DemandView } from '../../demands/get-demand/demand.view.js';
import { DEMAND_SORTS, type ListDemandsRequest } from '../../demands/list-demands/list-demands.request.js';
import { type AntennaSummary } from '../../units/list-antennas/list-antennas.handler.js';
import { categoryLabel, frDate, plural, priorityLabel, statusLabel } from '../i18n/fr.js';

export const PAGE_SIZE = 25;

const SORT_LABELS: Record<string, string> = {
  urgency: 'Urgence (retards, priorité, ancienneté)',
  due: 'Prochaine échéance',
  recent: 'Dernière modification',
  title: 'Titre (A à Z)',
  priority: 'Priorité',
};

export type RevendicationsFilter = {
  antennaId: string;
  status: string;
  category: string;
  priority: string;
  overdue: string;
  addressee: string;
  q: string;
  sort: string;
  page: number;
};

export type RevendicationsPage = {
  filter: RevendicationsFilter;
  options: {
    antennas: [string, string][];
    statuses: [string, string][];
    categories: [string, string][];
    priorities: [string, string][];
    sorts: [string, string][];
  };
  count: string;
  rows: {
    title: string;
    href: string;
    antenna: string;
    status: string;
    category: string;
    priority: string;
    due: string;
    overdue: string | null;
    timesAsked: string;
  }[];
  pager: { previous: string | null; next: string | null; label: string };
};

const pick = (value: unknown, allowed: readonly string[]): string =>
  typeof value === 'string' && allowed.includes(value) ? value : '';
const text = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 200) : '');

/** The filter as typed in the URL (unknown values are ignored, never an error page). */
export const filterOf = (
  query: Record<string, unknown>,
  antennaIds: readonly string[],
): RevendicationsFilter => {
  const page = Number(query.page);
  return {
    antennaId: pick(query.antennaId, antennaIds),
    status: pick(query.status, [...DEMAND_STATUSES, 'open', 'closed']),
    category: pick(query.category, DEMAND_CATEGORIES),
    priority: pick(query.priority, DEMAND_PRIORITIES),
    overdue: pick(query.overdue, ['true', 'false']),
    addressee: text(query.addressee),
    q: text(query.q),
    sort: pick(query.sort, DEMAND_SORTS) || 'urgency',
    page: Number.isInteger(page) && page > 1 && page < 100_000 ? page : 1,
  };
};

const OPEN = [
  'DRAFT',
  'RAISED',
  'SUBMITTED',
  'ACKNOWLEDGED',
  'RESPONSE_RECEIVED',
  'COMMITTED',
  'IN_PROGRESS',
];

/** The query the list sends, exactly as the API's GET /api/demands would take it. */
export const requestOf = (f: RevendicationsFilter): ListDemandsRequest => ({
  ...(f.antennaId ? { antennaId: f.antennaId } : {}),
  ...(f.status
    ? {
        status:
          f.status === 'open'
            ? OPEN
            : f.status === 'closed'
              ? DEMAND_STATUSES.filter((s) => !OPEN.includes(s))
              : [f.status],
      }
    : {}),
  ...(f.category ? { category: f.category } : {}),
  ...(f.priority ? { priority: f.priority } : {}),
  ...(f.overdue ? { overdue: f.overdue === 'true' } : {}),
  ...(f.addressee ? { addressee: f.addressee } : {}),
  ...(f.q ? { q: f.q } : {}),
  sort: f.sort as ListDemandsRequest['sort'],
  limit: PAGE_SIZE,
  offset: (f.page - 1) * PAGE_SIZE,
});

const linkTo = (f: RevendicationsFilter, page: number): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (k !== 'page' && v !== '' && !(k === 'sort' && v === 'urgency')) params.set(k, String(v));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return `/revendications${qs ? `?${qs}` : ''}`;
};

export const revendicationsPage = (input: {
  filter: RevendicationsFilter;
  antennas: readonly AntennaSummary[];
  items: readonly DemandView[];
  total: number;
  today: string;
}): RevendicationsPage => {
  const f = input.filter;
  const names = new Map(input.antennas.map((a) => [a.id, a.name]));
  const pages = Math.max(1, Math.ceil(input.total / PAGE_SIZE));
  return {
    filter: f,
    options: {
      antennas: [['', 'Toutes'], ...input.antennas.map((a): [string, string] => [a.id, a.name])],
      statuses: [
        ['', 'Tous'],
        ['open', 'Ouvertes (tous statuts en cours)'],
        ['closed', 'Closes'],
        ...DEMAND_STATUSES.map((s): [string, string] => [s, statusLabel(s)]),
      ],
      categories: [['', 'Toutes'], ...DEMAND_CATEGORIES.map((c): [string, string] => [c, categoryLabel(c)])],
      priorities: [['', 'Toutes'], ...DEMAND_PRIORITIES.map((p): [string, string] => [p, priorityLabel(p)])],
      sorts: DEMAND_SORTS.map((s): [string, string] => [s, SORT_LABELS[s] ?? s]),
    },
    count: plural(input.total, 'revendication trouvée', 'revendications trouvées'),
    rows: input.items.map((d) => {
      const late = d.overdue.any && d.nextDueAt ? daysLate(d.nextDueAt, input.today) : null;
      return {
        title: d.title,
        href: `/revendications/${encodeURIComponent(d.id)}`,
        antenna: names.get(d.antennaId) ?? d.antennaId,
        status: statusLabel(d.status),
        category: categoryLabel(d.category),
        priority: priorityLabel(d.priority),
        due: d.nextDueAt ? frDate(d.nextDueAt) : '—',
        overdue: d.overdue.any
          ? late !== null && late > 0
            ? `En retard de ${plural(late, 'jour', 'jours')}`
            : 'En retard'
          : null,
        timesAsked: plural(d.timesAsked, 'fois', 'fois'),
      };
    }),
    pager: {
      previous: f.page > 1 ? linkTo(f, f.page - 1) : null,
      next: f.page < pages ? linkTo(f, f.page + 1) : null,
      label: `Page ${f.page} sur ${pages}`,
    },
  };
};

const daysLate = (due: string, today: string): number =>
  Math.floor((Date.parse(today.slice(0, 10)) - Date.parse(due.slice(0, 10))) / 86_400_000);
