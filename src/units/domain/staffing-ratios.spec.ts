import { bethuneSnapshot, longuenesseSnapshot } from '../../../test/support/builders/units.js';
import { computeStaffingRatios, DEFAULT_REFERENCE_RATIOS } from './staffing-ratios.js';

describe('Staffing ratios › Béthune (2024-01-25)', () => {
  const ratios = computeStaffingRatios(bethuneSnapshot());

  it('counts 27 active CPIP: 29 − 1 seconded − 1 on long leave', () =>
    expect(ratios.cpip).toMatchObject({ role: 'CPIP', headcount: 29, activeHeadcount: 27, reference: 60 }));

  it('estimates 2295–2430 people followed from 85–90 per ETP', () => {
    expect(ratios.cpip.peoplePerAgent).toEqual({ min: 85, max: 90 });
    expect(ratios.cpip.totalPeople).toEqual({ min: 2295, max: 2430 });
  });

  it('needs 38.3–40.5 CPIP ETP at 1:60', () =>
    expect(ratios.cpip.neededEtp).toEqual({ min: 38.3, max: 40.5 }));

  it('lacks 11–14 CPIP ETP (11.25–13.5 rounded outward)', () => {
    expect(ratios.cpip.gapEtpExact).toEqual({ min: 11.25, max: 13.5 });
    expect(ratios.cpip.gapEtp).toEqual({ min: 11, max: 14 });
  });

  it('has 75 people per ASE against 50: needs 3, lacks 1', () =>
    expect(ratios.ase).toEqual({
      role: 'ASE',
      headcount: 2,
      activeHeadcount: 2,
      peoplePerAgent: { min: 75, max: 75 },
      totalPeople: { min: 150, max: 150 },
      reference: 50,
      neededEtp: { min: 3, max: 3 },
      gapEtpExact: { min: 1, max: 1 },
      gapEtp: { min: 1, max: 1 },
    }));

  it('states its assumptions in French, with the arithmetic', () => {
    expect(ratios.assumptions).toEqual(
      expect.arrayContaining([
        "ETP supposé égal à l'effectif actif (temps plein).",
        'Effectif CPIP actif : 29 − 1 détaché − 1 en congé de longue durée = 27.',
        'Personnes suivies estimées = 85–90 par ETP (valeur déclarée, supposée porter sur les CPIP actifs) × 27 ETP actifs = 2295–2430.',
        'Besoin au ratio de référence : 38,3–40,5 ETP CPIP (arrondi au dixième).',
        'Personnes sous surveillance électronique : 150 (valeur déclarée, éventuellement approchée), soit 75 par ASE actif.',
        "Hypothèse de l'instantané : Environ 150 bracelets le jour de la visite.",
      ]),
    );
    expect(ratios.assumptions.join('\n')).toContain('= 11,25–13,5 ETP, arrondi vers l');
    expect(ratios.assumptions.join('\n')).toContain(': 11–14 ETP.');
  });
});

describe('Staffing ratios › Longuenesse (2024-01-24)', () => {
  const ratios = computeStaffingRatios(longuenesseSnapshot());

  it('counts the CPIP of both the grand quartier and the SAS, not the trainee', () =>
    expect(ratios.cpip).toMatchObject({ headcount: 16, activeHeadcount: 16 }));

  it('is at the reference: 60 per ETP, about 960 people, no gap', () =>
    expect(ratios.cpip).toMatchObject({
      peoplePerAgent: { min: 60, max: 60 },
      totalPeople: { min: 960, max: 960 },
      neededEtp: { min: 16, max: 16 },
      gapEtp: { min: 0, max: 0 },
    }));

  it('says the contractual CPIP is counted as active', () =>
    expect(ratios.assumptions[0]).toBe(
      'CPIP : seules les lignes de rôle « CPIP » sont comptées (stagiaires exclus), dont 1 contractuel compté comme actif.',
    ));

  it('does not compute the ASE ratio without monitoring figures', () => {
    // The report says nothing of ASE there: unknown, not zero.
    expect(ratios.ase).toMatchObject({
      headcount: null,
      activeHeadcount: null,
      peoplePerAgent: null,
      neededEtp: null,
      gapEtp: null,
    });
    expect(ratios.assumptions).toContain(
      'Effectif ASE non renseigné dans le relevé : ratio et écart ASE non calculés.',
    );
  });
});

describe('Staffing ratios › other cases', () => {
  it('uses 1:60 and 1:50 by default', () =>
    expect(DEFAULT_REFERENCE_RATIOS).toEqual({ cpipPerPeople: 60, asePerPeople: 50 }));

  it('accepts other references (e.g. the unions’ 1:50 for CPIP)', () => {
    const ratios = computeStaffingRatios(bethuneSnapshot(), { cpipPerPeople: 50, asePerPeople: 50 });
    expect(ratios.cpip.neededEtp).toEqual({ min: 45.9, max: 48.6 });
    expect(ratios.cpip.gapEtp).toEqual({ min: 18, max: 22 });
  });

  it('shows a margin as a negative gap', () => {
    const ratios = computeStaffingRatios({
      lines: [{ role: 'CPIP', headcount: 10 }],
      caseload: { ppsmjPerCpipEtp: 45 },
    });
    expect(ratios.cpip.gapEtpExact).toEqual({ min: -2.5, max: -2.5 });
    expect(ratios.cpip.gapEtp).toEqual({ min: -3, max: -2 });
  });

  it('does not compute the CPIP gap without a reported ratio', () => {
    const ratios = computeStaffingRatios({ lines: [{ role: 'CPIP', headcount: 10 }], caseload: {} });
    expect(ratios.cpip).toMatchObject({ activeHeadcount: 10, totalPeople: null, gapEtp: null });
  });

  it('says "non renseigné" when no line of the role is recorded: unknown is not zero', () => {
    const ratios = computeStaffingRatios({ lines: [], caseload: { peopleUnderElectronicMonitoring: 120 } });
    expect(ratios.ase).toMatchObject({ headcount: null, neededEtp: null, gapEtp: null });
  });

  it('needs ASE even when none is in post (a line recorded with 0)', () => {
    const ratios = computeStaffingRatios({
      lines: [{ role: 'ASE', headcount: 0 }],
      caseload: { peopleUnderElectronicMonitoring: 120 },
    });
    expect(ratios.ase).toMatchObject({
      headcount: 0,
      peoplePerAgent: null,
      neededEtp: { min: 2.4, max: 2.4 },
      gapEtp: { min: 2, max: 3 },
    });
  });
});
