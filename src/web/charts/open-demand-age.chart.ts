import * as Plot from '@observablehq/plot';
import { type Chart, countOf, renderPlot } from './chart.js';

/** An open demand: since when it is open (raised, else drafted) and whether it is overdue. */
export type OpenDemandAge = { openSince: string; overdue: boolean };

const DAY = 86_400_000;

/** Age brackets, in days (upper bound excluded). */
export const AGE_BRACKETS = [
  { label: 'moins d’un mois', upTo: 30 },
  { label: '1 à 3 mois', upTo: 91 },
  { label: '3 à 6 mois', upTo: 182 },
  { label: '6 mois à 1 an', upTo: 365 },
  { label: 'plus d’un an', upTo: Number.POSITIVE_INFINITY },
] as const;

/** Whole days between `since` and `today` (ISO dates or instants), never negative. */
export const ageInDays = (since: string, today: string): number =>
  Math.max(0, Math.floor((Date.parse(today.slice(0, 10)) - Date.parse(since.slice(0, 10))) / DAY));

const WIDTH = 400;

/**
 * How long open demands have been waiting: one bar per age bracket, its count written at its end, and how many of
 * them are overdue in words (the overdue part is hatched darker, never told by colour alone). `today` is the
 * date the page is seen at (or its "état au").
 */
export const openDemandAgeChart = (demands: readonly OpenDemandAge[], today: string): Chart => {
  const brackets = AGE_BRACKETS.map((bracket, index) => {
    const lower = index === 0 ? 0 : (AGE_BRACKETS[index - 1]?.upTo ?? 0);
    const inside = demands.filter((d) => {
      const age = ageInDays(d.openSince, today);
      return age >= lower && age < bracket.upTo;
    });
    return {
      bracket: bracket.label,
      n: inside.length,
      overdue: inside.filter((d) => d.overdue).length,
    };
  });
  const max = Math.max(1, ...brackets.map((b) => b.n));
  const oldest = [...brackets].reverse().find((b) => b.n > 0);
  const summary =
    demands.length === 0
      ? 'Aucune revendication ouverte.'
      : `${countOf(demands.length, 'revendication ouverte', 'revendications ouvertes')} par ancienneté` +
        (oldest ? ` ; la tranche la plus ancienne occupée : ${oldest.bracket} (${oldest.n})` : '') +
        '.';
  const parts = brackets.flatMap((b) => [
    { bracket: b.bracket, part: 'en retard', n: b.overdue },
    { bracket: b.bracket, part: 'dans les délais', n: b.n - b.overdue },
  ]);
  const svg =
    demands.length === 0
      ? ''
      : renderPlot(
          {
            width: WIDTH,
            height: 44 + 32 * brackets.length,
            marginLeft: 120,
            marginRight: 150,
            x: {
              label: 'revendications →',
              domain: [0, max],
              ticks: Math.min(max, 5),
              tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
              grid: true,
            },
            y: { label: null, domain: brackets.map((b) => b.bracket) },
            color: { domain: ['en retard', 'dans les délais'], range: ['#8a1c1c', '#86b2db'] },
            marks: [
              Plot.barX(
                parts.filter((p) => p.n > 0),
                Plot.stackX({
                  y: 'bracket',
                  x: 'n',
                  fill: 'part',
                  order: ['en retard', 'dans les délais'],
                  stroke: 'white',
                  strokeWidth: 1.5,
                }),
              ),
              Plot.text(brackets, {
                y: 'bracket',
                x: 'n',
                text: (b: { n: number; overdue: number }) =>
                  b.n === 0 ? '0' : b.overdue > 0 ? `${b.n} dont ${b.overdue} en retard` : String(b.n),
                textAnchor: 'start',
                dx: 4,
                fill: '#111',
              }),
              Plot.ruleX([0]),
            ],
          },
          summary,
        );
  return {
    id: 'anciennete-des-revendications',
    title: 'Depuis combien de temps les revendications ouvertes attendent',
    summary,
    svg,
    legend: [
      { label: 'En retard (partie foncée, nombre écrit)', fill: '#8a1c1c' },
      { label: 'Dans les délais', fill: '#86b2db' },
    ],
    table: {
      caption: 'Revendications ouvertes par ancienneté',
      head: ['Ouvertes depuis', 'Revendications', 'Dont en retard'],
      rows: brackets.map((b) => [b.bracket, String(b.n), String(b.overdue)]),
    },
  };
};
