import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import { type OverdueFollowUpView } from '../../follow-ups/list-overdue-follow-ups/overdue-follow-up.view.js';
import { type MeetingView } from '../../meetings/get-meeting/meeting.view.js';
import { type AntennaDashboardView } from '../../units/get-antenna-dashboard/antenna-dashboard.view.js';
import { type AntennaSummary } from '../../units/list-antennas/list-antennas.handler.js';
import { type AsOfView } from '../as-of/as-of.js';
import { type Chart } from '../charts/chart.js';
import { demandsByStatusChart } from '../charts/demands-by-status.chart.js';
import { agree, daysBetween, frDate, lateBy, plural, statusLabel } from '../i18n/fr.js';

export type AntennaCard = {
  name: string;
  href: string;
  path: string;
  visit: string;
  nextVisit: string | null;
  open: string;
  overdue: number;
  overdueText: string | null;
  byStatus: { label: string; n: number }[];
  staffing: string[];
};

export type TodoItem = {
  title: string;
  href: string;
  antenna: string;
  what: string;
  due: string;
  late: string;
  daysLate: number;
};

export type AccueilPage = {
  asOf: AsOfView;
  figures: { label: string; value: string; late?: boolean }[];
  antennas: AntennaCard[];
  chart: Chart | null;
  nextCsa: { title: string; date: string; notice: string; href: string } | null;
  todo: TodoItem[];
  /** Whether the to-do list is today's even when the page shows a past date. */
  todoIsToday: boolean;
};

const vacancyText = (dashboard: AntennaDashboardView | undefined): string[] => {
  const latest = dashboard?.staffing.latest;
  if (!latest) return ['Effectifs : aucun relevé'];
  const lines = latest.vacancies.map(
    (v) => `${v.role} : ${plural(v.count, 'poste vacant', 'postes vacants')}`,
  );
  const gaps = [latest.cpip, latest.ase]
    .filter((r) => r.gapEtp && r.gapEtp.max > 0)
    .map((r) => {
      const g = r.gapEtp ?? { min: 0, max: 0 };
      const n = g.min === g.max ? `${g.max}` : `${g.min} à ${g.max}`;
      return `${r.role} : manque ${n} ETP au ratio de référence`;
    });
  return lines.length + gaps.length > 0 ? [...lines, ...gaps] : ['Aucun poste vacant signalé'];
};

/** The overview of the SPIP: built from the queries' results only (pure). */
export const accueilPage = (input: {
  asOf: AsOfView;
  antennas: readonly AntennaSummary[];
  dashboards: ReadonlyMap<string, AntennaDashboardView>;
  followUps: readonly OverdueFollowUpView[];
  meetings: readonly MeetingView[];
  noticeDays: number;
  today: string;
}): AccueilPage => {
  const { asOf, antennas, dashboards } = input;
  const q = asOf.query;
  const cards = antennas.map((a): AntennaCard => {
    const d = dashboards.get(a.id);
    const byStatus = OPEN_STATUSES.map((s) => ({
      label: statusLabel(s),
      n: d?.demands.byStatus[s] ?? 0,
    })).filter((x) => x.n > 0);
    const overdue = d?.demands.overdue ?? 0;
    const last = d ? d.visits.lastVisit : a.lastVisit;
    const next = d ? d.visits.nextPlannedVisit : a.nextPlannedVisit;
    return {
      name: a.name,
      href: `/antennes/${encodeURIComponent(a.id)}${q}`,
      path: a.path,
      visit: last ? `Dernière visite : ${frDate(last.conductedOn)}` : 'Pas encore visitée',
      nextVisit: next
        ? `Prochaine visite : ${next.plannedFor ? frDate(next.plannedFor) : 'date à fixer'}`
        : null,
      open: plural(d?.demands.open ?? a.openDemands, 'revendication ouverte', 'revendications ouvertes'),
      overdue,
      overdueText: overdue > 0 ? plural(overdue, 'en retard', 'en retard') : null,
      byStatus,
      staffing: vacancyText(d),
    };
  });
  const open = antennas.reduce((n, a) => n + (dashboards.get(a.id)?.demands.open ?? a.openDemands), 0);
  const overdue = cards.reduce((n, c) => n + c.overdue, 0);
  const vacancies = [...dashboards.values()].reduce(
    (n, d) => n + (d.staffing.latest?.vacancies.reduce((m, v) => m + v.count, 0) ?? 0),
    0,
  );
  const notVisited = cards.filter((c) => c.visit === 'Pas encore visitée').length;
  // The next meeting to come; else the last one scheduled and not yet recorded as held (its date has passed).
  const scheduled = input.meetings
    .filter((m) => m.status === 'SCHEDULED')
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const next = scheduled.find((m) => m.scheduledFor >= input.today) ?? scheduled[scheduled.length - 1];
  const noticeDay = next ? addDays(next.scheduledFor, -input.noticeDays) : null;
  const todo = [...input.followUps]
    .sort((a, b) => b.daysLate - a.daysLate || a.title.localeCompare(b.title, 'fr'))
    .map((f): TodoItem => ({
      title: f.title,
      href: `/revendications/${encodeURIComponent(f.demandId)}`,
      antenna: f.antennaName ?? '—',
      what: f.commitment ? `${f.label} : ${f.commitment.deliverable}` : f.label,
      due: frDate(f.dueAt),
      late: lateBy(Math.max(0, f.daysLate)),
      daysLate: f.daysLate,
    }));
  return {
    asOf,
    figures: [
      { label: 'Revendications ouvertes', value: String(open) },
      { label: 'En retard', value: String(overdue), late: overdue > 0 },
      { label: 'Postes vacants signalés', value: String(vacancies) },
      { label: 'Antennes pas encore visitées', value: `${notVisited} sur ${cards.length}` },
    ],
    antennas: cards,
    chart:
      antennas.length > 0
        ? demandsByStatusChart(
            antennas.map((a) => ({ name: a.name, byStatus: dashboards.get(a.id)?.demands.byStatus ?? {} })),
            statusLabel,
          )
        : null,
    nextCsa: next && noticeDay ? nextCsaOf(next, noticeDay, input.today) : null,
    todo,
    todoIsToday: asOf.active,
  };
};

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const nextCsaOf = (meeting: MeetingView, noticeDay: string, today: string): AccueilPage['nextCsa'] => {
  const left = daysBetween(today, noticeDay);
  const past = meeting.scheduledFor < today;
  return {
    title: meeting.instanceName,
    date: past
      ? `${frDate(meeting.scheduledFor)} (date passée : la séance n’est pas encore enregistrée comme tenue)`
      : frDate(meeting.scheduledFor),
    notice:
      left >= 0
        ? `Convocation et documents attendus au plus tard le ${frDate(noticeDay)} : ${plural(left, 'jour', 'jours')} ${agree(left, 'restant', 'restants')}.`
        : `Convocation et documents attendus au plus tard le ${frDate(noticeDay)} : date passée.`,
    href: `/instances/${encodeURIComponent(meeting.id)}`,
  };
};
