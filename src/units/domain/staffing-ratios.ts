import { agree, count } from '../../dossiers/domain/french.js';
import type { StaffingSnapshot } from './units.events.js';

/**
 * Staffing against the reference ratios of the DAP's organigrammes de référence (OR):
 * 1 CPIP ETP per 60 people followed, 1 ASE per 50 people under electronic monitoring.
 * Every figure here is derived, never a fact from the report: the result lists its assumptions, in French,
 * so that exports can print them next to the numbers.
 */
export type ReferenceRatios = { cpipPerPeople: number; asePerPeople: number };

export const DEFAULT_REFERENCE_RATIOS: ReferenceRatios = { cpipPerPeople: 60, asePerPeople: 50 };

/**
 * Where a reference ratio comes from: the DAP's OR (`DEFAULT_REFERENCE_RATIOS`, while the organisation set none),
 * the ratios the organisation's admin recorded (with their source), or the request (a view's own choice).
 */
export type ReferenceOrigin = 'default' | 'organisation' | 'request';

/** How the assumptions name the reference of each role, e.g. "Référence OR". */
export type ReferenceLabels = { cpip: string; ase: string };

/** The label the assumptions give a reference of that origin (`source`: the organisation's recorded source). */
export const referenceLabel = (origin: ReferenceOrigin, source: string | null = null): string =>
  origin === 'default'
    ? 'Référence OR'
    : origin === 'organisation'
      ? `Référence fixée par l'organisation${source === null ? '' : ` (source : ${source})`}`
      : 'Référence choisie pour cette vue';

const OR_LABELS: ReferenceLabels = { cpip: referenceLabel('default'), ase: referenceLabel('default') };

/** A value known within bounds; `min === max` for a single value. */
export type NumericRange = { min: number; max: number };

export type RoleRatio = {
  role: 'CPIP' | 'ASE';
  /** People on the books for the role (all lines of exactly that role); null when the snapshot has no such line. */
  headcount: number | null;
  /** Headcount minus seconded and on long leave; taken as ETP (full time). Null when not recorded (unknown ≠ 0). */
  activeHeadcount: number | null;
  /** People followed per active agent (CPIP: as reported; ASE: people monitored ÷ active ASE). */
  peoplePerAgent: NumericRange | null;
  /** People followed in total (CPIP: reported ratio × active ETP; ASE: as reported). */
  totalPeople: NumericRange | null;
  /** Reference: people per agent. */
  reference: number;
  /** ETP needed at the reference ratio, rounded to 0.1. */
  neededEtp: NumericRange | null;
  /** Needed − active, unrounded. Positive is a shortfall, negative a margin. */
  gapEtpExact: NumericRange | null;
  /** Gap in whole ETP, rounded outward (low bound down, high bound up) so it always contains the exact gap. */
  gapEtp: NumericRange | null;
};

export type StaffingRatios = { cpip: RoleRatio; ase: RoleRatio; assumptions: string[] };

type SnapshotFigures = Pick<StaffingSnapshot, 'lines' | 'caseload'> & { assumptions?: readonly string[] };

// Ratios are divisions: drop binary noise (38.250000000000004) before rounding.
const clean = (x: number): number => Math.round(x * 1e6) / 1e6;
const range = (min: number, max: number = min): NumericRange => ({ min: clean(min), max: clean(max) });
const map = (r: NumericRange, f: (x: number) => number): NumericRange => range(f(r.min), f(r.max));
const oneDecimal = (x: number): number => Math.round(x * 10) / 10;

/** French notation: decimal comma, at most `digits` decimals; ranges as "a–b". */
const fr = (x: number, digits = 1): string =>
  String(Math.round(x * 10 ** digits) / 10 ** digits).replace('.', ',');
const frRange = (r: NumericRange, digits = 1): string =>
  r.min === r.max ? fr(r.min, digits) : `${fr(r.min, digits)}–${fr(r.max, digits)}`;

type Staff = {
  /** Whether the snapshot has a line for the role at all: a role the report does not mention is unknown, not zero. */
  recorded: boolean;
  headcount: number;
  seconded: number;
  onLongLeave: number;
  contractual: number;
  active: number;
};

const staffOf = (snapshot: SnapshotFigures, role: string): Staff => {
  const lines = snapshot.lines.filter((line) => line.role.trim().toUpperCase() === role);
  const sum = (pick: (line: (typeof lines)[number]) => number | undefined): number =>
    lines.reduce((total, line) => total + (pick(line) ?? 0), 0);
  const headcount = sum((l) => l.headcount);
  const seconded = sum((l) => l.seconded);
  const onLongLeave = sum((l) => l.onLongLeave);
  return {
    recorded: lines.length > 0,
    headcount,
    seconded,
    onLongLeave,
    contractual: sum((l) => l.contractual),
    active: Math.max(0, headcount - seconded - onLongLeave),
  };
};

const activeSentence = (label: string, staff: Staff): string =>
  `Effectif ${label} actif : ${staff.headcount} − ${count(staff.seconded, { one: 'détaché', other: 'détachés' })} − ` +
  `${staff.onLongLeave} en congé de longue durée = ${staff.active}.`;

const unknownRole = (role: 'CPIP' | 'ASE', reference: number): RoleRatio => ({
  role,
  headcount: null,
  activeHeadcount: null,
  peoplePerAgent: null,
  totalPeople: null,
  reference,
  neededEtp: null,
  gapEtpExact: null,
  gapEtp: null,
});

const gapSentences = (
  label: string,
  needed: NumericRange,
  active: number,
  gap: NumericRange,
  exact: NumericRange,
) => [
  `Besoin au ratio de référence : ${frRange(needed)} ETP ${label} (arrondi au dixième).`,
  `Écart = besoin − ${active} ETP actifs = ${frRange(exact, 2)} ETP, arrondi vers l'extérieur à l'ETP entier ` +
    `(borne basse à l'entier inférieur, borne haute à l'entier supérieur) : ${frRange(gap)} ETP. ` +
    `Un écart négatif est une marge.`,
];

const gapOf = (needed: NumericRange, active: number) => {
  const exact = map(needed, (n) => n - active);
  return { exact, rounded: range(Math.floor(exact.min), Math.ceil(exact.max)) };
};

const cpipRatio = (
  snapshot: SnapshotFigures,
  reference: number,
  assumptions: string[],
  label: string,
): RoleRatio => {
  const staff = staffOf(snapshot, 'CPIP');
  if (!staff.recorded) {
    assumptions.push('Effectif CPIP non renseigné dans le relevé : ratio et écart CPIP non calculés.');
    return unknownRole('CPIP', reference);
  }
  assumptions.push(
    `CPIP : seules les lignes de rôle « CPIP » sont comptées (stagiaires exclus)${
      staff.contractual > 0
        ? `, dont ${count(staff.contractual, { one: 'contractuel', other: 'contractuels' })} ${agree(staff.contractual, { one: 'compté comme actif', other: 'comptés comme actifs' })}`
        : ''
    }.`,
    activeSentence('CPIP', staff),
    "ETP supposé égal à l'effectif actif (temps plein).",
  );
  const base = {
    role: 'CPIP' as const,
    headcount: staff.headcount,
    activeHeadcount: staff.active,
    reference,
  };
  const declared = snapshot.caseload.ppsmjPerCpipEtp;
  if (declared === undefined || staff.active === 0) {
    assumptions.push(
      declared === undefined
        ? 'Nombre de personnes suivies par ETP CPIP non renseigné : écart CPIP non calculé.'
        : 'Aucun CPIP actif : écart CPIP non calculé.',
    );
    const peoplePerAgent =
      declared === undefined ? null : Array.isArray(declared) ? range(...declared) : range(declared);
    return { ...base, peoplePerAgent, totalPeople: null, neededEtp: null, gapEtpExact: null, gapEtp: null };
  }
  const peoplePerAgent = Array.isArray(declared) ? range(declared[0], declared[1]) : range(declared);
  const totalPeople = map(peoplePerAgent, (p) => p * staff.active);
  const needed = map(totalPeople, (t) => t / reference);
  const gap = gapOf(needed, staff.active);
  assumptions.push(
    `Personnes suivies estimées = ${frRange(peoplePerAgent)} par ETP (valeur déclarée, supposée porter sur les CPIP ` +
      `actifs) × ${staff.active} ETP actifs = ${frRange(totalPeople)}.`,
    `${label} : 1 ETP CPIP pour ${reference} personnes suivies.`,
    ...gapSentences('CPIP', map(needed, oneDecimal), staff.active, gap.rounded, gap.exact),
  );
  return {
    ...base,
    peoplePerAgent,
    totalPeople,
    neededEtp: map(needed, oneDecimal),
    gapEtpExact: gap.exact,
    gapEtp: gap.rounded,
  };
};

const aseRatio = (
  snapshot: SnapshotFigures,
  reference: number,
  assumptions: string[],
  label: string,
): RoleRatio => {
  const staff = staffOf(snapshot, 'ASE');
  if (!staff.recorded) {
    assumptions.push('Effectif ASE non renseigné dans le relevé : ratio et écart ASE non calculés.');
    return unknownRole('ASE', reference);
  }
  const base = { role: 'ASE' as const, headcount: staff.headcount, activeHeadcount: staff.active, reference };
  const monitored = snapshot.caseload.peopleUnderElectronicMonitoring;
  if (monitored === undefined) {
    assumptions.push(
      'Nombre de personnes sous surveillance électronique non renseigné : écart ASE non calculé.',
    );
    return {
      ...base,
      peoplePerAgent: null,
      totalPeople: null,
      neededEtp: null,
      gapEtpExact: null,
      gapEtp: null,
    };
  }
  const totalPeople = range(monitored);
  const needed = map(totalPeople, (t) => t / reference);
  const gap = gapOf(needed, staff.active);
  const peoplePerAgent = staff.active === 0 ? null : map(totalPeople, (t) => t / staff.active);
  assumptions.push(
    activeSentence('ASE', staff),
    "ETP ASE supposé égal à l'effectif actif (temps plein).",
    peoplePerAgent === null
      ? `Personnes sous surveillance électronique : ${frRange(totalPeople)} (valeur déclarée, éventuellement approchée) ; aucun ASE actif.`
      : `Personnes sous surveillance électronique : ${frRange(totalPeople)} (valeur déclarée, éventuellement approchée), ` +
          `soit ${frRange(peoplePerAgent)} par ASE actif.`,
    `${label} : 1 ASE pour ${reference} personnes sous surveillance électronique.`,
    ...gapSentences('ASE', map(needed, oneDecimal), staff.active, gap.rounded, gap.exact),
  );
  return {
    ...base,
    peoplePerAgent,
    totalPeople,
    neededEtp: map(needed, oneDecimal),
    gapEtpExact: gap.exact,
    gapEtp: gap.rounded,
  };
};

/**
 * Pure: CPIP and ASE staffing of one snapshot against the reference ratios, with the assumptions spelled out.
 * `labels` name where each reference comes from in the assumptions ("Référence OR" unless said otherwise: pass
 * them whenever the ratios are not the DAP's OR).
 */
export const computeStaffingRatios = (
  snapshot: SnapshotFigures,
  refs: ReferenceRatios = DEFAULT_REFERENCE_RATIOS,
  labels: ReferenceLabels = OR_LABELS,
): StaffingRatios => {
  const assumptions: string[] = [];
  const cpip = cpipRatio(snapshot, refs.cpipPerPeople, assumptions, labels.cpip);
  const ase = aseRatio(snapshot, refs.asePerPeople, assumptions, labels.ase);
  const declared = (snapshot.assumptions ?? []).map((a) => `Hypothèse de l'instantané : ${a}`);
  return { cpip, ase, assumptions: [...assumptions, ...declared] };
};
