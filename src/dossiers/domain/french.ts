import type { DemandStatus } from '../../demands/domain/demand.js';
import type { DemandChannel, DemandPriority, ResponseStance } from '../../demands/domain/demand.events.js';
import type { Avis } from '../../meetings/domain/meeting.events.js';
import type { MinutesStatus } from '../../meetings/domain/meeting.js';

/**
 * French wording for the dossier: dates written out ("13 octobre 2023", "1er mars 2024"), instants in Paris time,
 * and the labels of statuses, stances and channels. Pure: nothing here reads a clock.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (0-based): when summer time starts (March) or ends (October) in the EU. */
const lastSundayAtOne = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
};

const summerTime = new Map<number, [number, number]>();

/**
 * Paris offset from UTC at an instant: +2 h in summer time, +1 h otherwise, by the EU rule in force since 1996
 * (last Sunday of March to last Sunday of October, at 01:00 UTC). Computed, not looked up in Intl: a dossier
 * formats tens of thousands of dates and Intl costs microseconds each.
 */
const parisOffset = (utc: number): number => {
  const year = new Date(utc).getUTCFullYear();
  let bounds = summerTime.get(year);
  if (!bounds) {
    bounds = [lastSundayAtOne(year, 2), lastSundayAtOne(year, 9)];
    summerTime.set(year, bounds);
  }
  return utc >= bounds[0] && utc < bounds[1] ? 2 * HOUR : HOUR;
};

/**
 * The last millisecond of a calendar day in Paris, as a UTC instant: "données arrêtées au 28 mars 2024" means
 * everything that happened up to the end of 28 March for the union, whose calendar is Paris's.
 */
export const endOfParisDay = (day: string): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(y, m - 1, d + 1);
  // The offset in force just before that midnight (summer time changes at 01:00 UTC, never at midnight).
  return new Date(nextMidnightUtc - parisOffset(nextMidnightUtc - 3 * HOUR) - 1);
};

type Parts = { y: number; m: number; d: number; hh: number; mm: number };
const known = new Map<string, Parts | null>();

/** Year, month (1–12), day and time of an instant in Paris (the union's calendar), or of a date as written. */
const partsOf = (value: string): Parts | null => {
  const cached = known.get(value);
  if (cached !== undefined) return cached;
  let parts: Parts | null;
  const date = DATE_ONLY.exec(value);
  if (date) {
    parts = { y: Number(date[1]), m: Number(date[2]), d: Number(date[3]), hh: 0, mm: 0 };
  } else {
    const utc = Date.parse(value);
    if (Number.isNaN(utc)) parts = null;
    else {
      const local = new Date(utc + parisOffset(utc));
      parts = {
        y: local.getUTCFullYear(),
        m: local.getUTCMonth() + 1,
        d: local.getUTCDate(),
        hh: local.getUTCHours(),
        mm: local.getUTCMinutes(),
      };
    }
  }
  if (known.size > 100_000) known.clear();
  known.set(value, parts);
  return parts;
};

/** "13 octobre 2023", "1er mars 2024"; a date (YYYY-MM-DD) as written, an instant by its day in Paris. */
export const frDate = (value: string | null | undefined): string => {
  if (!value) return '—';
  const p = partsOf(value);
  if (!p) return value;
  return `${p.d === 1 ? '1er' : p.d} ${MONTHS[p.m - 1] ?? ''} ${p.y}`;
};

/** "27 mars 2024 à 10 h 05" (Paris time). */
export const frDateTime = (value: string): string => {
  const p = partsOf(value);
  if (!p) return value;
  return `${frDate(value)} à ${p.hh} h ${String(p.mm).padStart(2, '0')}`;
};

/** "13/10/2023": compact, for tables. */
export const frShortDate = (value: string | null | undefined): string => {
  if (!value) return '—';
  const p = partsOf(value);
  if (!p) return value;
  return `${String(p.d).padStart(2, '0')}/${String(p.m).padStart(2, '0')}/${p.y}`;
};

/** The calendar day (YYYY-MM-DD) of a date or an instant, in Paris. */
export const dayOf = (value: string): string => {
  const p = partsOf(value);
  if (!p) return value.slice(0, 10);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
};

// ---- Plurals and agreement: the ONE helper every generated French text goes through --------------------------

const RULES = new Intl.PluralRules('fr-FR');
const categories = new Map<number, Intl.LDMLPluralRule>();

/** French plural category of a number (Intl.PluralRules, cached): 0 and 1 (and 1,5) are singular in French. */
const categoryOf = (n: number): Intl.LDMLPluralRule => {
  let category = categories.get(n);
  if (category === undefined) {
    category = RULES.select(n);
    if (categories.size < 10_000) categories.set(n, category);
  }
  return category;
};

/** The forms of a word or phrase: singular, plural, and optionally what to say for none ("aucune revendication"). */
export type Forms = { one: string; other: string; zero?: string };

/** Whether French takes the singular for `n` (0, 1 and anything below 2). */
export const isSingular = (n: number): boolean => categoryOf(n) === 'one';

/** The form that agrees with `n`, without the number: `agree(2, { one: 'reste ouverte', other: 'restent ouvertes' })`. */
export const agree = (n: number, forms: Forms): string =>
  n === 0 && forms.zero !== undefined ? forms.zero : isSingular(n) ? forms.one : forms.other;

/** A number written the French way: 1 234, 2,5. */
export const frNumber = (n: number): string =>
  Number.isInteger(n)
    ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
    : String(Math.round(n * 10) / 10).replace('.', ',');

/**
 * "1 engagement", "3 engagements", and for 0 the `zero` form when given ("aucun engagement"): the number and the
 * agreeing phrase. Every count in generated text goes through this or `agree`, never through "(s)".
 */
export const count = (n: number, forms: Forms): string =>
  n === 0 && forms.zero !== undefined
    ? forms.zero
    : `${frNumber(n)} ${isSingular(n) ? forms.one : forms.other}`;

/** `count` with two strings: `plural(3, 'jour', 'jours')` → "3 jours". */
export const plural = (n: number, one: string, other: string): string => count(n, { one, other });

/** Demand categories (schema version 2) in French. */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  staffing_recruitment: 'effectifs et recrutement',
  health_safety_rps: 'santé-sécurité et RPS',
  premises: 'locaux et immobilier',
  it_equipment: 'informatique et équipement',
  work_organisation: 'organisation du travail',
  partnership: 'partenariat',
  missions_procedures: 'missions et procédures',
};

export const STATUS_LABELS: Readonly<Record<DemandStatus, string>> = {
  DRAFT: 'Brouillon',
  RAISED: 'Soulevée',
  SUBMITTED: 'Soumise',
  ACKNOWLEDGED: 'Accusé de réception',
  RESPONSE_RECEIVED: 'Réponse reçue',
  COMMITTED: 'Engagement pris',
  IN_PROGRESS: 'En cours',
  SATISFIED: 'Satisfaite',
  PARTIALLY_SATISFIED: 'Partiellement satisfaite',
  REFUSED: 'Refusée',
  ABANDONED: 'Abandonnée',
  MERGED: 'Fusionnée',
};

export const STANCE_LABELS: Readonly<Record<ResponseStance, string>> = {
  accept: 'accord',
  partial: 'accord partiel',
  refuse: 'refus',
  defer: 'à l’étude',
};

export const CHANNEL_LABELS: Readonly<Record<DemandChannel, string>> = {
  letter: 'courrier',
  email: 'courriel',
  audience: 'audience',
  csa_agenda_item: 'point à l’ordre du jour du CSA',
  question_diverse: 'question diverse',
  rsst_entry: 'registre santé et sécurité au travail',
  fs_visit: 'visite de la formation spécialisée',
  visit_report: 'compte rendu de visite',
  other: 'autre',
};

export const PRIORITY_LABELS: Readonly<Record<DemandPriority, string>> = {
  high: 'haute',
  medium: 'moyenne',
  low: 'basse',
};

export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  local: 'local',
  disp: 'DISP',
  national: 'national',
  external: 'externe',
};

export const AVIS_LABELS: Readonly<Record<Avis, string>> = {
  favourable: 'avis favorable',
  defavourable: 'avis défavorable',
  deemed_given: 'avis réputé rendu',
};

export const MINUTES_LABELS: Readonly<Record<MinutesStatus, string>> = {
  NOT_DUE: 'pas encore dû',
  AWAITED: 'non reçu',
  RECEIVED: 'reçu, non approuvé',
  CONTESTED: 'contesté',
  APPROVED: 'approuvé',
};

export const label = <K extends string>(labels: Readonly<Record<K, string>>, key: string): string =>
  (labels as Readonly<Record<string, string>>)[key] ?? key;
