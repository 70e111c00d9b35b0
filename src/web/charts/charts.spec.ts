import { demandsByStatusChart } from './demands-by-status.chart.js';
import { ageInDays, openDemandAgeChart } from './open-demand-age.chart.js';
import { staffingHistoryChart } from './staffing-history.chart.js';

const LABELS: Record<string, string> = {
  DRAFT: 'Brouillon',
  RAISED: 'Émise',
  SUBMITTED: 'Soumise',
  ACKNOWLEDGED: 'Accusé de réception',
  RESPONSE_RECEIVED: 'Réponse reçue',
  COMMITTED: 'Engagement pris',
  IN_PROGRESS: 'En cours',
};
const label = (status: string): string => LABELS[status] ?? status;

describe('demands by status per antenna', () => {
  const chart = demandsByStatusChart(
    [
      { name: 'Béthune', byStatus: { SUBMITTED: 3, DRAFT: 1, SATISFIED: 4 } },
      { name: 'Arras', byStatus: { COMMITTED: 2 } },
      { name: 'Lens', byStatus: {} },
    ],
    label,
  );

  it('is an SVG image named by its summary, with no inline style for the CSP', () => {
    expect(chart.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(chart.svg).toContain('aria-label="6 revendications ouvertes dans 3 antennes, par statut');
    expect(chart.svg).not.toContain('<style');
    expect(chart.svg).not.toMatch(/ style="/);
  });

  it('names only the image: no aria-label on the marks inside (axe: aria-prohibited-attr)', () => {
    expect(chart.svg.match(/aria-label=/g)).toHaveLength(1);
    expect(chart.svg).not.toContain('aria-description=');
  });

  it('writes each count in its segment and says when an antenna has none', () => {
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['3', '1', '2', 'aucune']));
  });

  it('has the same figures as a table, open statuses only, in lifecycle order', () => {
    expect(chart.table.head).toEqual(['Antenne', 'Brouillon', 'Soumise', 'Engagement pris', 'Total']);
    expect(chart.table.rows).toEqual([
      ['Béthune', '1', '3', '0', '4'],
      ['Arras', '0', '0', '2', '2'],
      ['Lens', '0', '0', '0', '0'],
    ]);
    expect(chart.summary).toContain('1 antenne sans revendication ouverte');
  });

  it('escapes antenna names inside the SVG', () => {
    const svg = demandsByStatusChart([{ name: '<script>x</script>', byStatus: { DRAFT: 1 } }], label).svg;
    expect(svg).not.toContain('<script>');
  });

  it('renders nothing to draw for no antenna, and says so in words', () => {
    const none = demandsByStatusChart([], label);
    expect(none.svg).toBe('');
    expect(none.summary).toBe('0 revendication ouverte dans 0 antenne, par statut.');
  });
});

describe('staffing ratio against reference over time', () => {
  const chart = staffingHistoryChart([
    {
      asOf: '2024-02-23',
      cpip: { peoplePerAgent: { min: 80, max: 80 }, reference: 60 },
      ase: { peoplePerAgent: { min: 70, max: 75 }, reference: 50 },
    },
    {
      asOf: '2023-09-01',
      illustrative: true,
      cpip: { peoplePerAgent: { min: 72.5, max: 72.5 }, reference: 60 },
      ase: { peoplePerAgent: null, reference: 50 },
    },
  ]);

  it('lists the snapshots oldest first in the table, ranges and unmeasured figures in words', () => {
    expect(chart.table.rows).toEqual([
      ['1er septembre 2023 (illustratif)', '72,5', '60', 'non mesuré', '50'],
      ['23 février 2024', '80', '60', '70 à 75', '50'],
    ]);
  });

  it('writes each snapshot’s day under the axis, once, never the same month over and over', () => {
    const ticks = [...chart.svg.matchAll(/<text[^>]*>([^<]*20\d\d)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['1 sept. 2023', '23 févr. 2024']);
    const single = staffingHistoryChart([
      {
        asOf: '2024-01-25',
        cpip: { peoplePerAgent: { min: 85, max: 90 }, reference: 60 },
        ase: { peoplePerAgent: { min: 75, max: 75 }, reference: 50 },
      },
    ]);
    expect([...single.svg.matchAll(/<text[^>]*>([^<]*20\d\d)<\/text>/g)].map((m) => m[1])).toEqual([
      '25 janv. 2024',
    ]);
  });

  it('writes the values and the reference on the chart', () => {
    expect(chart.svg).toContain('>72,5<');
    expect(chart.svg).toContain('>70 à 75<');
    expect(chart.svg).toContain('>référence 60<');
    expect(chart.svg).toContain('>référence 50<');
    expect(chart.summary).toBe(
      'Ratio d’encadrement sur 2 relevés ; CPIP au 23 février 2024 : 80 par agent pour une référence de 60 ; ' +
        'ASE au 23 février 2024 : 70 à 75 par agent pour une référence de 50.',
    );
  });

  it('says there is no snapshot rather than drawing an empty frame', () => {
    const none = staffingHistoryChart([]);
    expect(none.svg).toBe('');
    expect(none.summary).toBe('Aucun relevé d’effectifs pour cette antenne.');
  });
});

describe('age of open demands', () => {
  it('counts whole days between dates, never negative', () => {
    expect(ageInDays('2024-01-01', '2024-01-31')).toBe(30);
    expect(ageInDays('2024-01-01T23:00:00Z', '2024-01-02')).toBe(1);
    expect(ageInDays('2024-02-01', '2024-01-01')).toBe(0);
  });

  it('puts each demand in its bracket and writes how many are overdue', () => {
    const chart = openDemandAgeChart(
      [
        { openSince: '2024-03-10', overdue: false },
        { openSince: '2024-01-02', overdue: true },
        { openSince: '2023-12-01', overdue: false },
        { openSince: '2022-01-01', overdue: true },
      ],
      '2024-03-20',
    );
    expect(chart.table.rows).toEqual([
      ['moins d’un mois', '1', '0'],
      ['1 à 3 mois', '1', '1'],
      ['3 à 6 mois', '1', '0'],
      ['6 mois à 1 an', '0', '0'],
      ['plus d’un an', '1', '1'],
    ]);
    expect(chart.svg).toContain('>1 dont 1 en retard<');
    expect(chart.summary).toBe(
      '4 revendications ouvertes par ancienneté ; la tranche la plus ancienne occupée : plus d’un an (1).',
    );
  });

  it('has no chart and a sentence when nothing is open', () => {
    const chart = openDemandAgeChart([], '2024-03-20');
    expect(chart.svg).toBe('');
    expect(chart.summary).toBe('Aucune revendication ouverte.');
  });
});
