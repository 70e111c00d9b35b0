import * as Plot from '@observablehq/plot';
import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import { type Chart, countOf, renderPlot } from './chart.js';

export type AntennaStatusCounts = { name: string; byStatus: Readonly<Record<string, number>> };

/**
 * Light to dark in the order of the lifecycle (draft first, commitment in progress last): adjacent segments differ
 * in lightness, not only in hue, so the bars still read in grey; every segment also carries its count.
 */
const FILLS = ['#dbe9f6', '#b3d0ea', '#86b2db', '#5a92c8', '#3b74b0', '#245891', '#143d6b'];
const DARK_TEXT_UP_TO = 2;

const WIDTH = 400;
/** Height of one antenna: its name, then its bar. */
const ROW = 46;

/**
 * Open demands by status, one stacked bar per antenna (antennas with none keep their row and say so), with the
 * same figures as a table. `statusLabel` gives each status its French name.
 */
export const demandsByStatusChart = (
  antennas: readonly AntennaStatusCounts[],
  statusLabel: (status: string) => string,
): Chart => {
  const statuses = OPEN_STATUSES.filter((status) => antennas.some((a) => (a.byStatus[status] ?? 0) > 0));
  const labels = statuses.map(statusLabel);
  const fillOf = new Map(
    statuses.map((status) => [statusLabel(status), FILLS[OPEN_STATUSES.indexOf(status)]]),
  );
  const darkText = new Set(OPEN_STATUSES.slice(0, DARK_TEXT_UP_TO + 1).map(statusLabel));
  const names = antennas.map((a) => a.name);
  const segments = antennas.flatMap((antenna) =>
    statuses
      .filter((status) => (antenna.byStatus[status] ?? 0) > 0)
      .map((status) => ({
        antenna: antenna.name,
        status: statusLabel(status),
        n: antenna.byStatus[status] ?? 0,
      })),
  );
  const totals = antennas.map((a) => ({
    antenna: a.name,
    total: statuses.reduce((sum, status) => sum + (a.byStatus[status] ?? 0), 0),
  }));
  const max = Math.max(1, ...totals.map((t) => t.total));
  const empty = totals.filter((t) => t.total === 0);
  const open = totals.reduce((sum, t) => sum + t.total, 0);
  const summary =
    `${countOf(open, 'revendication ouverte', 'revendications ouvertes')} ` +
    `dans ${countOf(antennas.length, 'antenne', 'antennes')}, par statut` +
    (empty.length > 0
      ? ` ; ${countOf(empty.length, 'antenne sans', 'antennes sans')} revendication ouverte`
      : '') +
    '.';
  const svg =
    antennas.length === 0
      ? ''
      : renderPlot(
          {
            width: WIDTH,
            // Each antenna's name is written above its bar, not in a left margin: long names ("ALIP du CP de
            // Longuenesse") are neither cut nor shrunk on a phone, where the SVG is scaled to the screen's width.
            height: 48 + ROW * antennas.length,
            marginTop: 8,
            marginLeft: 8,
            marginRight: 16,
            x: {
              // No axis title: it ran over the last ticks on a phone; the caption says what is counted.
              label: null,
              domain: [0, max],
              ticks: Math.min(max, 5),
              tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
              grid: true,
            },
            y: { label: null, domain: names, axis: null, paddingInner: 0.5, paddingOuter: 0.4 },
            color: { domain: labels, range: labels.map((l) => fillOf.get(l) ?? '#888') },
            marks: [
              Plot.barX(
                segments,
                Plot.stackX({
                  y: 'antenna',
                  x: 'n',
                  fill: 'status',
                  order: labels,
                  stroke: 'white',
                  strokeWidth: 1.5,
                  title: (d: { antenna: string; status: string; n: number }) =>
                    `${d.antenna} : ${d.status}, ${d.n}`,
                }),
              ),
              Plot.text(
                segments,
                Plot.stackX({
                  y: 'antenna',
                  x: 'n',
                  z: 'status',
                  order: labels,
                  text: (d: { n: number }) => String(d.n),
                  fill: (d: { status: string }) => (darkText.has(d.status) ? '#111' : '#fff'),
                }),
              ),
              Plot.text(empty, {
                y: 'antenna',
                x: 0,
                text: () => 'aucune',
                textAnchor: 'start',
                dx: 4,
                fill: '#444',
              }),
              Plot.text(names, {
                y: (d: string) => d,
                x: 0,
                text: (d: string) => d,
                textAnchor: 'start',
                lineAnchor: 'bottom',
                dy: -ROW / 4 - 3,
                fontWeight: 600,
                fill: '#111',
              }),
              Plot.ruleX([0]),
            ],
          },
          summary,
        );
  return {
    id: 'revendications-par-statut',
    title: 'Revendications ouvertes par statut et par antenne',
    summary,
    svg,
    legend: labels.map((label) => ({ label, fill: fillOf.get(label) ?? '#888' })),
    table: {
      caption: 'Revendications ouvertes par antenne et par statut',
      head: ['Antenne', ...labels, 'Total'],
      rows: antennas.map((a, i) => [
        a.name,
        ...statuses.map((status) => String(a.byStatus[status] ?? 0)),
        String(totals[i]?.total ?? 0),
      ]),
    },
  };
};
