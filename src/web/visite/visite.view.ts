import { type DemandView } from '../../demands/get-demand/demand.view.js';
import { type ObservationView } from '../../observations/get-observation/observation.view.js';
import { type AntennaSummary } from '../../units/list-antennas/list-antennas.handler.js';
import { type VisitSummary } from '../../units/list-visits/list-visits.handler.js';
import { type FormState } from '../forms/form.js';
import { CATEGORY_LABELS, frDate, plural } from '../i18n/fr.js';

export const SENTIMENT_LABELS: Readonly<Record<string, string>> = {
  negative: 'Difficulté',
  neutral: 'Constat neutre',
  positive: 'Point positif',
};

/** The themes offered on the phone: the three observation categories, in the words of the reports. */
export const THEMES: [string, string][] = Object.entries(CATEGORY_LABELS);
export const SENTIMENTS: [string, string][] = [
  ['negative', 'Difficulté (appelle une revendication)'],
  ['neutral', 'Constat neutre'],
  ['positive', 'Point positif'],
];

export type VisitRow = { href: string; antennas: string; when: string; status: string };

export type VisiteHomePage = {
  canWrite: boolean;
  /** "Commencer une visite": antenna and day, then straight to the capture screen. */
  open: { form: FormState; key: string; antennas: [string, string][] } | null;
  /** "Planifier une visite": antennas to tick, the date may stay open. */
  plan: { form: FormState; key: string; antennas: { id: string; name: string; checked: boolean }[] } | null;
  planned: VisitRow[];
  done: VisitRow[];
};

const antennaNames = (visit: VisitSummary, names: ReadonlyMap<string, string>): string =>
  visit.stops.map((stop) => names.get(stop.antennaId) ?? stop.antennaId).join(', ');

/** The Visite home: forms for those who may write, then the planned visits (soonest first) and the last ones. */
export const visiteHomePage = (input: {
  antennas: readonly AntennaSummary[];
  writable: ReadonlySet<string>;
  visits: readonly VisitSummary[];
  openForm: FormState;
  planForm: FormState;
  newKey: () => string;
}): VisiteHomePage => {
  const names = new Map(input.antennas.map((a) => [a.id, a.name]));
  const writable = input.antennas.filter((a) => input.writable.has(a.id));
  const row = (visit: VisitSummary): VisitRow => ({
    href: `/visite/${encodeURIComponent(visit.visitId)}`,
    antennas: antennaNames(visit, names),
    when: visit.day === null ? 'date à fixer' : frDate(visit.day),
    status:
      visit.status === 'PLANNED'
        ? 'Planifiée'
        : `Faite (${visit.stops.filter((s) => s.conductedOn !== null).length}/${visit.stops.length} antenne${visit.stops.length > 1 ? 's' : ''})`,
  });
  const checked = new Set((input.planForm.values.antennaIds ?? '').split(',').filter(Boolean));
  return {
    canWrite: writable.length > 0,
    open:
      writable.length === 0
        ? null
        : { form: input.openForm, key: input.newKey(), antennas: writable.map((a) => [a.id, a.name]) },
    plan:
      writable.length === 0
        ? null
        : {
            form: input.planForm,
            key: input.newKey(),
            antennas: writable.map((a) => ({ id: a.id, name: a.name, checked: checked.has(a.id) })),
          },
    planned: input.visits
      .filter((v) => v.status === 'PLANNED')
      .sort((a, b) => (a.day ?? '9999').localeCompare(b.day ?? '9999'))
      .map(row),
    done: input.visits.filter((v) => v.status === 'CONDUCTED').map(row),
  };
};

export type ObservationCard = {
  id: string;
  theme: string;
  sentiment: string;
  positive: boolean;
  text: string;
  observedOn: string;
  /** The demand it already led to, if any. */
  demand: { title: string; href: string; draft: boolean } | null;
  /** May be ticked to become a draft demand. */
  selectable: boolean;
};

export type VisitePage = {
  visitId: string;
  title: string;
  stops: { antennaId: string; name: string; href: string; current: boolean; state: string }[];
  antenna: { id: string; name: string; conductedOn: string | null };
  /** The antenna of this visit is within the account's sections (and the role writes). */
  canWrite: boolean;
  /** "Commencer la visite ici aujourd'hui": the antenna was planned but not yet recorded as visited. */
  start: { key: string; day: string } | null;
  observe: { form: FormState; key: string; observedOn: string } | null;
  count: string;
  observations: ObservationCard[];
  drafts: { key: string; selectable: number } | null;
};

/**
 * The capture screen of a visit at one antenna: the observation form first (a few taps: theme, text, positive
 * or not), then what was recorded at this antenna during this visit, newest first, each ready to become a draft.
 */
export const visitePage = (input: {
  visit: VisitSummary;
  antennaId: string;
  antennas: readonly AntennaSummary[];
  canWrite: boolean;
  observations: readonly ObservationView[];
  demands: readonly DemandView[];
  form: FormState;
  today: string;
  newKey: () => string;
}): VisitePage => {
  const { visit, antennaId } = input;
  const names = new Map(input.antennas.map((a) => [a.id, a.name]));
  const stop = visit.stops.find((s) => s.antennaId === antennaId);
  const conductedOn = stop?.conductedOn ?? null;
  const byObservation = new Map<string, DemandView>();
  for (const demand of input.demands)
    for (const id of demand.details.observationIds) if (!byObservation.has(id)) byObservation.set(id, demand);
  const observations = [...input.observations]
    .filter((o) => o.antennaId === antennaId)
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id))
    .map((o): ObservationCard => {
      const demand = byObservation.get(o.id);
      return {
        id: o.id,
        theme: CATEGORY_LABELS[o.category] ?? o.category,
        sentiment: SENTIMENT_LABELS[o.sentiment] ?? o.sentiment,
        positive: o.sentiment === 'positive',
        text: o.text,
        observedOn: frDate(o.observedOn),
        demand: demand
          ? {
              title: demand.title,
              href: `/revendications/${encodeURIComponent(demand.id)}`,
              draft: demand.status === 'DRAFT',
            }
          : null,
        selectable: input.canWrite && !demand && o.sentiment !== 'positive',
      };
    });
  const selectable = observations.filter((o) => o.selectable).length;
  const day = visit.day === null ? 'date à fixer' : frDate(visit.day);
  return {
    visitId: visit.visitId,
    title: `Visite du ${day}`,
    stops: visit.stops.map((s) => ({
      antennaId: s.antennaId,
      name: names.get(s.antennaId) ?? s.antennaId,
      href: `/visite/${encodeURIComponent(visit.visitId)}?antenne=${encodeURIComponent(s.antennaId)}`,
      current: s.antennaId === antennaId,
      state: s.conductedOn ? `visitée le ${frDate(s.conductedOn)}` : 'pas encore visitée',
    })),
    antenna: { id: antennaId, name: names.get(antennaId) ?? antennaId, conductedOn },
    canWrite: input.canWrite,
    start: input.canWrite && conductedOn === null ? { key: input.newKey(), day: input.today } : null,
    observe:
      input.canWrite && conductedOn !== null
        ? { form: input.form, key: input.newKey(), observedOn: conductedOn }
        : null,
    count: plural(observations.length, 'observation', 'observations'),
    observations,
    drafts: input.canWrite && selectable > 0 ? { key: input.newKey(), selectable } : null,
  };
};

/** A draft demand's title from an observation's text: its first sentence, at most 120 characters, cut on a word. */
export const draftTitleOf = (text: string): string => {
  const clean = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{3,}?[.!?])(\s|$)/.exec(clean)?.[1] ?? clean;
  if (sentence.length <= 120) return sentence.length >= 3 ? sentence : `Observation : ${sentence}`;
  const cut = sentence.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
};

/** A visit id made from the antenna and the day: opening the same antenna on the same day twice is one visit. */
export const visitIdFor = (antennaId: string, day: string): string =>
  `visite-${antennaId}-${day}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 100);
