import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import { type DemandView } from '../../demands/get-demand/demand.view.js';
import { type ObservationView } from '../../observations/get-observation/observation.view.js';
import { type AntennaDashboardView } from '../../units/get-antenna-dashboard/antenna-dashboard.view.js';
import { type RoleRatio } from '../../units/domain/staffing-ratios.js';
import { type AsOfView } from '../as-of/as-of.js';
import { type Chart } from '../charts/chart.js';
import { staffingHistoryChart } from '../charts/staffing-history.chart.js';
import { categoryLabel, frDate, frNumber, plural, priorityLabel, statusLabel } from '../i18n/fr.js';
import { SENTIMENT_LABELS } from '../visite/visite.view.js';

export type Gauge = {
  role: string;
  /** "38 personnes suivies par CPIP (référence : 60)". */
  sentence: string;
  /** For <meter>: measured ratio against a scale of twice the reference. */
  value: number;
  max: number;
  high: number;
  verdict: string;
  over: boolean;
};

export type DemandRow = {
  title: string;
  href: string;
  status: string;
  category: string;
  priority: string;
  due: string;
  overdue: boolean;
};

export type AntennePage = {
  id: string;
  name: string;
  path: string;
  asOf: AsOfView;
  figures: { label: string; value: string; late?: boolean }[];
  byStatus: { label: string; n: number }[];
  byCategory: { label: string; n: number }[];
  visits: { last: string; next: string };
  staffing: {
    date: string | null;
    illustrative: boolean;
    gauges: Gauge[];
    vacancies: string[];
    assumptions: string[];
    reference: string;
    chart: Chart | null;
  };
  demands: DemandRow[] | null;
  observations: {
    text: string;
    theme: string;
    sentiment: string;
    positive: boolean;
    date: string;
    demand: boolean;
  }[];
};

const range = (r: { min: number; max: number }): string =>
  r.min === r.max ? frNumber(r.min) : `${frNumber(r.min)} à ${frNumber(r.max)}`;

const gaugeOf = (ratio: RoleRatio, people: string): Gauge | null => {
  if (!ratio.peoplePerAgent) return null;
  const measured = ratio.peoplePerAgent.max;
  const over = measured > ratio.reference;
  const gap = ratio.gapEtp;
  const verdict = over
    ? `Au-dessus de la référence${gap && gap.max > 0 ? ` : il manque ${range(gap)} ETP` : ''}`
    : 'Dans la référence';
  return {
    role: ratio.role,
    sentence: `${range(ratio.peoplePerAgent)} ${people} par ${ratio.role} (référence : ${ratio.reference})`,
    value: Math.min(measured, ratio.reference * 2),
    max: ratio.reference * 2,
    high: ratio.reference,
    verdict,
    over,
  };
};

/** One antenna's situation, from its dashboard, its demands and its observations (pure). */
export const antennePage = (input: {
  dashboard: AntennaDashboardView;
  demands: readonly DemandView[] | null;
  observations: readonly ObservationView[];
  asOf: AsOfView;
}): AntennePage => {
  const d = input.dashboard;
  const latest = d.staffing.latest;
  const gauges = latest
    ? [gaugeOf(latest.cpip, 'personnes suivies'), gaugeOf(latest.ase, 'personnes sous bracelet')].filter(
        (g): g is Gauge => g !== null,
      )
    : [];
  return {
    id: d.antenna.id,
    name: d.antenna.name,
    path: d.antenna.path,
    asOf: input.asOf,
    figures: [
      { label: 'Revendications ouvertes', value: String(d.demands.open) },
      { label: 'En retard', value: String(d.demands.overdue), late: d.demands.overdue > 0 },
      {
        label: 'Réponses attendues en retard',
        value: String(d.demands.overdueByKind.response),
        late: d.demands.overdueByKind.response > 0,
      },
      {
        label: 'Engagements en retard',
        value: String(d.demands.overdueByKind.commitment),
        late: d.demands.overdueByKind.commitment > 0,
      },
    ],
    byStatus: OPEN_STATUSES.map((s) => ({ label: statusLabel(s), n: d.demands.byStatus[s] ?? 0 })).filter(
      (x) => x.n > 0,
    ),
    byCategory: Object.entries(d.demands.byCategory)
      .filter(([, n]) => n > 0)
      .map(([c, n]) => ({ label: categoryLabel(c), n })),
    visits: {
      last: d.visits.lastVisit ? frDate(d.visits.lastVisit.conductedOn) : 'pas encore visitée',
      next: d.visits.nextPlannedVisit
        ? d.visits.nextPlannedVisit.plannedFor
          ? frDate(d.visits.nextPlannedVisit.plannedFor)
          : 'prévue, date à fixer'
        : 'aucune prévue',
    },
    staffing: {
      date: latest ? frDate(latest.asOf) : null,
      illustrative: latest?.illustrative ?? false,
      gauges,
      vacancies: latest
        ? latest.vacancies.map(
            (v) =>
              `${v.role}${v.scope ? ` (${v.scope})` : ''} : ${plural(v.count, 'poste vacant', 'postes vacants')}`,
          )
        : [],
      assumptions: latest?.assumptions ?? [],
      reference: d.staffing.reference.description,
      chart:
        d.staffing.series.length > 0
          ? staffingHistoryChart(
              d.staffing.series.map((p) => ({
                asOf: p.asOf,
                illustrative: p.illustrative,
                cpip: { peoplePerAgent: p.cpip.peoplePerAgent, reference: p.cpip.reference },
                ase: { peoplePerAgent: p.ase.peoplePerAgent, reference: p.ase.reference },
              })),
            )
          : null,
    },
    demands: input.demands
      ? input.demands.map((x) => ({
          title: x.title,
          href: `/revendications/${encodeURIComponent(x.id)}`,
          status: statusLabel(x.status),
          category: categoryLabel(x.category),
          priority: priorityLabel(x.priority),
          due: x.nextDueAt ? frDate(x.nextDueAt) : '—',
          overdue: x.overdue.any,
        }))
      : null,
    observations: input.observations.map((o) => ({
      text: o.text,
      theme: categoryLabel(o.category),
      sentiment: SENTIMENT_LABELS[o.sentiment] ?? o.sentiment,
      positive: o.sentiment === 'positive',
      date: frDate(o.observedOn),
      demand: o.leadsToDemand,
    })),
  };
};
