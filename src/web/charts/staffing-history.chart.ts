import * as Plot from '@observablehq/plot';
import { frDate as frDay } from '../i18n/fr.js';
import { type Chart, decimal, renderPlot } from './chart.js';

type Range = { min: number; max: number };
type RoleFigures = { peoplePerAgent: Range | null; reference: number };

/** One staffing snapshot as the antenna dashboard gives it (`asOf`: the date of the figures). */
export type StaffingHistoryPoint = {
  asOf: string;
  illustrative?: boolean;
  cpip: RoleFigures;
  ase: RoleFigures;
};

const ROLES = [
  { key: 'cpip', facet: 'CPIP : personnes suivies par ETP' },
  { key: 'ase', facet: 'ASE : personnes sous bracelet par ASE' },
] as const;

const DAY = 86_400_000;
const WIDTH = 400;

/** The snapshots' days to write under the axis: the first, then each one at least a quarter of the span after. */
export const snapshotTicks = (days: readonly number[], span: number): number[] => {
  const ticks: number[] = [];
  for (const day of [...new Set(days)].sort((a, b) => a - b)) {
    const previous = ticks[ticks.length - 1];
    if (previous === undefined || day - previous >= span / 4) ticks.push(day);
  }
  return ticks;
};

const dateOf = (asOf: string): Date => new Date(`${asOf.slice(0, 10)}T12:00:00Z`);
/** "1er septembre 2023" (the ordinal French writes for the first), as everywhere else in the pages. */
const frDate = (date: Date): string => frDay(date.toISOString().slice(0, 10));
const rangeText = (r: Range): string =>
  r.min === r.max ? decimal(r.min) : `${decimal(r.min)} à ${decimal(r.max)}`;

/**
 * The staffing ratio (people per agent) against its reference, snapshot after snapshot: one panel per role, the
 * measured ratio as a solid line with its value written at each point (a range as a bar from low to high), the
 * reference as a dashed step line labelled in words. A higher ratio than the reference means too few agents.
 */
export const staffingHistoryChart = (points: readonly StaffingHistoryPoint[]): Chart => {
  const sorted = [...points].sort((a, b) => a.asOf.localeCompare(b.asOf));
  const rows = sorted.flatMap((point) =>
    ROLES.map(({ key, facet }) => {
      const figures = point[key];
      const r = figures.peoplePerAgent;
      return {
        role: facet,
        date: dateOf(point.asOf),
        reference: figures.reference,
        low: r?.min ?? null,
        high: r?.max ?? null,
        mid: r === null ? null : (r.min + r.max) / 2,
        text: r === null ? '' : rangeText(r),
      };
    }),
  );
  const measured = rows.filter((row) => row.mid !== null);
  const last = sorted[sorted.length - 1];
  const summary =
    last === undefined
      ? 'Aucun relevé d’effectifs pour cette antenne.'
      : `Ratio d’encadrement sur ${sorted.length === 1 ? '1 relevé' : `${sorted.length} relevés`}` +
        ROLES.map(({ key }) => {
          const f = last[key];
          const role = key === 'cpip' ? 'CPIP' : 'ASE';
          return f.peoplePerAgent === null
            ? ` ; ${role} : non mesuré`
            : ` ; ${role} au ${frDate(dateOf(last.asOf))} : ${rangeText(f.peoplePerAgent)} par agent ` +
                `pour une référence de ${decimal(f.reference)}`;
        }).join('') +
        '.';
  const dates = sorted.map((p) => dateOf(p.asOf).getTime());
  const from = Math.min(...dates) - 20 * DAY;
  const to = Math.max(...dates) + 20 * DAY;
  const top = Math.max(1, ...rows.map((row) => Math.max(row.high ?? 0, row.reference))) * 1.35;
  const references = ROLES.flatMap(({ facet }) => {
    const forRole = rows.filter((row) => row.role === facet);
    const end = forRole[forRole.length - 1];
    return end === undefined ? [] : [...forRole, { ...end, date: new Date(to) }];
  });
  const labels = ROLES.flatMap(({ facet }) => {
    const forRole = rows.filter((row) => row.role === facet);
    const end = forRole[forRole.length - 1];
    return end === undefined
      ? []
      : [{ ...end, date: new Date(to), label: `référence ${decimal(end.reference)}` }];
  });
  const svg =
    sorted.length === 0
      ? ''
      : renderPlot(
          {
            width: WIDTH,
            height: 340,
            marginLeft: 40,
            marginRight: 16,
            marginTop: 24,
            x: {
              type: 'utc',
              domain: [new Date(from), new Date(to)],
              // Ticks on the snapshots' own days (never closer than a quarter of the axis): a month-only
              // format on weekly ticks printed "janv. 2024" four times over a single snapshot.
              ticks: snapshotTicks(dates, to - from).map((t) => new Date(t)),
              label: null,
              tickFormat: (d: Date) =>
                d.toLocaleDateString('fr-FR', {
                  day: 'numeric',
                  month: 'short',
                  year: 'numeric',
                  timeZone: 'UTC',
                }),
            },
            y: { domain: [0, top], label: 'personnes par agent ↑', grid: true, ticks: 4 },
            fy: { label: null, axis: null, domain: ROLES.map((r) => r.facet) },
            facet: { data: rows, y: 'role' },
            marks: [
              Plot.frame({ stroke: '#ccc' }),
              Plot.text(ROLES, {
                fy: 'facet',
                text: 'facet',
                frameAnchor: 'top-left',
                dx: 6,
                dy: 6,
                fill: '#111',
                fontWeight: 'bold',
              }),
              Plot.line(references, {
                x: 'date',
                y: 'reference',
                fy: 'role',
                curve: 'step-after',
                stroke: '#555',
                strokeDasharray: '6,4',
              }),
              Plot.text(labels, {
                x: 'date',
                y: 'reference',
                fy: 'role',
                text: 'label',
                textAnchor: 'end',
                dy: -7,
                fill: '#333',
              }),
              Plot.ruleX(
                measured.filter((row) => row.low !== row.high),
                { x: 'date', y1: 'low', y2: 'high', fy: 'role', stroke: '#143d6b', strokeWidth: 3 },
              ),
              Plot.line(measured, { x: 'date', y: 'mid', fy: 'role', stroke: '#143d6b', strokeWidth: 2 }),
              Plot.dot(measured, { x: 'date', y: 'mid', fy: 'role', fill: '#143d6b', r: 4 }),
              Plot.text(measured, {
                x: 'date',
                y: 'high',
                fy: 'role',
                text: 'text',
                dy: -10,
                fill: '#111',
                fontWeight: 'bold',
              }),
            ],
          },
          summary,
        );
  return {
    id: 'effectifs-dans-le-temps',
    title: 'Ratio d’encadrement et référence, relevé après relevé',
    summary,
    svg,
    legend: [
      { label: 'Ratio mesuré (trait plein, valeur écrite)', fill: '#143d6b' },
      { label: 'Référence (tirets)', fill: '#555' },
    ],
    table: {
      caption: 'Personnes suivies par agent, à chaque relevé, et la référence',
      head: ['Relevé du', 'CPIP', 'Référence CPIP', 'ASE', 'Référence ASE'],
      rows: sorted.map((point) => [
        frDate(dateOf(point.asOf)) + (point.illustrative ? ' (illustratif)' : ''),
        point.cpip.peoplePerAgent === null ? 'non mesuré' : rangeText(point.cpip.peoplePerAgent),
        decimal(point.cpip.reference),
        point.ase.peoplePerAgent === null ? 'non mesuré' : rangeText(point.ase.peoplePerAgent),
        decimal(point.ase.reference),
      ]),
    },
  };
};
