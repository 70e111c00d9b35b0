import { DEMAND_CATEGORIES } from '../../demands/domain/demand.events.js';
import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import {
  computeStaffingRatios,
  type ReferenceLabels,
  type ReferenceRatios,
} from '../domain/staffing-ratios.js';
import { type StaffingSnapshot } from '../domain/units.events.js';
import { type AntennaVisits } from '../visits/antenna-visits.js';
import {
  type AntennaDashboardView,
  type BalancingObservation,
  type LatestStaffing,
  type StaffingPoint,
} from './antenna-dashboard.view.js';

/**
 * The figures both paths of the dashboard shape the same way: today's (read models) and a past date's (events).
 * Pure: no SQL, no clock.
 */

/** Open demands of one status and category, and how many of them. */
export type DemandGroup = { status: string; category: string | null; n: number };
export type OverdueCounts = { response: number; commitment: number; any: number };

/** A staffing snapshot as the dashboard reads it (from rm.staffing_snapshots or folded from the unit's events). */
export type SnapshotFigures = Omit<StaffingSnapshot, 'illustrative'> & { illustrative: boolean };

/** What the dashboard is made of, before the staffing ratios are computed. */
export type DashboardSections = {
  demands: AntennaDashboardView['demands'];
  /** Oldest first; on the same date the last recorded comes last (it is the one that counts). */
  snapshots: SnapshotFigures[];
  visits: AntennaVisits;
  /** Positive, or leading to no demand (not withdrawn); split by `splitBalancingObservations` for the view. */
  balancingObservations: BalancingObservation[];
};

/** Positive observations on one side, those (not positive) that lead to no demand on the other. */
export const splitBalancingObservations = (
  observations: readonly BalancingObservation[],
): { positiveObservations: BalancingObservation[]; observationsWithoutDemand: BalancingObservation[] } => ({
  positiveObservations: observations.filter((o) => o.sentiment === 'positive'),
  observationsWithoutDemand: observations.filter((o) => o.sentiment !== 'positive' && !o.leadsToDemand),
});

const countBy = (keys: readonly string[], rows: { key: string; n: number }[]): Record<string, number> => {
  const counts: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]));
  for (const row of rows) counts[row.key] = (counts[row.key] ?? 0) + row.n;
  return counts;
};

export const demandCounts = (
  groups: readonly DemandGroup[],
  overdue: OverdueCounts,
): AntennaDashboardView['demands'] => ({
  open: groups.reduce((total, row) => total + row.n, 0),
  byStatus: countBy(
    OPEN_STATUSES,
    groups.map((row) => ({ key: row.status, n: row.n })),
  ),
  byCategory: countBy(
    DEMAND_CATEGORIES,
    groups.map((row) => ({ key: row.category ?? 'uncategorised', n: row.n })),
  ),
  overdue: overdue.any,
  overdueByKind: { response: overdue.response, commitment: overdue.commitment },
});

/**
 * The latest snapshot with its ratios against the reference, and the series of ratios (oldest first). `labels`
 * name where each reference comes from in the assumptions.
 */
export const staffingFigures = (
  snapshots: readonly SnapshotFigures[],
  refs: ReferenceRatios,
  labels?: ReferenceLabels,
): { latest: LatestStaffing | null; series: StaffingPoint[] } => {
  const series = snapshots.map((snapshot) => ({
    snapshot,
    ratios: computeStaffingRatios(
      { lines: snapshot.lines, caseload: snapshot.caseload, assumptions: snapshot.assumptions },
      refs,
      labels,
    ),
  }));
  const point = ({ snapshot, ratios }: (typeof series)[number]): StaffingPoint => ({
    snapshotId: snapshot.snapshotId,
    asOf: snapshot.asOf,
    illustrative: snapshot.illustrative,
    cpip: ratios.cpip,
    ase: ratios.ase,
  });
  const last = series[series.length - 1];
  const latest: LatestStaffing | null = last
    ? {
        ...point(last),
        lines: last.snapshot.lines,
        caseload: last.snapshot.caseload,
        vacancies: last.snapshot.lines
          .filter((line) => (line.vacancies ?? 0) > 0)
          .map((line) => ({ role: line.role, count: line.vacancies ?? 0, scope: line.scope ?? null })),
        assumptions: last.ratios.assumptions,
      }
    : null;
  return { latest, series: series.map(point) };
};
