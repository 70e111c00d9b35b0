import { ALLOWED_FROM } from '../../demands/domain/demand.decide.js';
import { type DemandView } from '../../demands/get-demand/demand.view.js';
import { type DemandHistoryEntry } from '../../demands/get-demand-history/get-demand-history.handler.js';
import { type ObservationView } from '../../observations/get-observation/observation.view.js';
import { type AsOfView } from '../as-of/as-of.js';
import { type FormState } from '../forms/form.js';
import {
  capitalise,
  categoryLabel,
  frDate,
  levelLabel,
  plural,
  priorityLabel,
  statusLabel,
} from '../i18n/fr.js';
import { SENTIMENT_LABELS } from '../visite/visite.view.js';
import { ACTIONS, type ActionContext, type FieldSpec, nextActionFor } from './fiche.actions.js';
import { addresseeText, type TimelineEntry, timelineOf } from './timeline.js';

export type ActionForm = {
  key: string;
  title: string;
  button: string;
  open: boolean;
  primary: boolean;
  form: FormState;
  fields: FieldSpec[];
  idempotencyKey: string;
  revision: number;
};

/** A form refused because someone recorded first: what changed since the form was shown. */
export type Stale = { action: string; changes: TimelineEntry[] };

export type FichePage = {
  id: string;
  title: string;
  description: string | null;
  antenna: { name: string; href: string };
  status: string;
  overdue: string | null;
  facts: [string, string][];
  progress: number | null;
  lastResponse: { stance: string; text: string; by: string; date: string } | null;
  commitments: {
    deliverable: string;
    owner: string;
    due: string;
    state: string;
    late: boolean;
    progress: string | null;
  }[];
  observations: { text: string; sentiment: string; date: string }[];
  timeline: TimelineEntry[];
  asOf: AsOfView;
  /** Why no form is shown (observer, outside the sections, a past date), or null. */
  readOnly: string | null;
  next: string | null;
  forms: ActionForm[];
  stale: Stale | null;
};

export type FicheInput = {
  demand: DemandView;
  history: readonly DemandHistoryEntry[];
  antennaName: string;
  /** Unit names by id: an addressee's organisation is a unit's id ("disp-lille") or a name typed by hand. */
  unitNames?: ReadonlyMap<string, string>;
  observations: readonly ObservationView[];
  asOf: AsOfView;
  readOnly: string | null;
  today: string;
  /** The form being re-shown (with its values and messages), if any. */
  failed?: { action: string; form: FormState } | null;
  stale?: Stale | null;
  newKey: () => string;
};

/** The demand's whole story and its next action (pure). */
export const fichePage = (input: FicheInput): FichePage => {
  const d = input.demand;
  const s = d.details;
  const linked = new Set(s.observationIds);
  const antennaObservations = input.observations.filter((o) => o.status !== 'WITHDRAWN');
  const context: ActionContext = {
    demand: s,
    today: input.today,
    observations: antennaObservations
      .filter((o) => !linked.has(o.id))
      .map((o): [string, string] => [
        o.id,
        `${frDate(o.observedOn)} : ${o.text.slice(0, 90)}${o.text.length > 90 ? '…' : ''}`,
      ]),
  };
  const next = input.readOnly ? null : nextActionFor(s, d.overdue.any);
  const forms = input.readOnly
    ? []
    : ACTIONS.filter(
        (a) => ALLOWED_FROM[a.commandType].includes(s.status) && (a.available ? a.available(context) : true),
      ).map((a): ActionForm => {
        const failed = input.failed?.action === a.key ? input.failed.form : null;
        return {
          key: a.key,
          title: a.title,
          button: a.button,
          open: failed !== null || (!input.failed && a.key === next),
          primary: a.key === next,
          form: failed ?? { id: a.key, values: a.defaults ? a.defaults(context) : {}, errors: [] },
          fields: a.fields(context),
          idempotencyKey: input.newKey(),
          revision: d.revision,
        };
      });
  forms.sort((a, b) => Number(b.primary) - Number(a.primary));
  const dueLate = d.overdue.any && d.nextDueAt ? daysLate(d.nextDueAt, input.today) : 0;
  return {
    id: d.id,
    title: d.title,
    description: s.description,
    antenna: { name: input.antennaName, href: `/antennes/${encodeURIComponent(d.antennaId)}` },
    status: statusLabel(d.status),
    overdue: d.overdue.any
      ? dueLate > 0
        ? `En retard de ${plural(dueLate, 'jour', 'jours')} (échéance du ${frDate(d.nextDueAt)})`
        : 'En retard'
      : null,
    facts: [
      ['Antenne', input.antennaName],
      ['Catégorie', categoryLabel(d.category)],
      ['Priorité', priorityLabel(d.priority)],
      ['Niveau', capitalise(levelLabel(d.level))],
      ['Prochaine échéance', d.nextDueAt ? frDate(d.nextDueAt) : 'aucune'],
      ['Demandée', plural(d.timesAsked, 'fois', 'fois')],
      ['Destinataires', s.addressees.map((a) => addresseeText(a, input.unitNames)).join(' ; ') || '—'],
    ],
    progress: s.progressPercent,
    lastResponse: s.lastResponse
      ? {
          stance: s.lastResponse.stance,
          text: s.lastResponse.text,
          by: s.lastResponse.authorRole,
          date: frDate(s.lastResponse.respondedAt),
        }
      : null,
    commitments: s.commitments.map((c) => {
      const late = c.status === 'open' && c.dueAt.slice(0, 10) < input.today;
      return {
        deliverable: c.deliverable,
        owner: c.owner,
        due: frDate(c.dueAt),
        state: c.status === 'done' ? 'tenu' : late ? 'en retard' : 'en cours',
        late,
        progress: c.progressPercent !== null ? `${c.progressPercent} %` : null,
      };
    }),
    observations: antennaObservations
      .filter((o) => linked.has(o.id))
      .map((o) => ({
        text: o.text,
        sentiment: SENTIMENT_LABELS[o.sentiment] ?? o.sentiment,
        date: frDate(o.observedOn),
      })),
    timeline: timelineOf(input.history, input.unitNames),
    asOf: input.asOf,
    readOnly: input.readOnly,
    next: next
      ? (ACTIONS.find((a) => a.key === next && forms.some((f) => f.key === a.key))?.title ?? null)
      : null,
    forms,
    stale: input.stale ?? null,
  };
};

const daysLate = (due: string, today: string): number =>
  Math.floor((Date.parse(today.slice(0, 10)) - Date.parse(due.slice(0, 10))) / 86_400_000);
