import { type DemandHistoryEntry } from '../../demands/get-demand-history/get-demand-history.handler.js';
import {
  capitalise,
  channelLabel,
  frDate,
  frDateTime,
  levelLabel,
  priorityLabel,
  stanceLabel,
  statusLabel,
} from '../i18n/fr.js';

export type TimelineEntry = {
  revision: number;
  label: string;
  detail: string | null;
  /** Management's exact words, printed between « ». */
  quote: { text: string; by: string } | null;
  who: string;
  when: string;
  /** When it was recorded, if another day than when it happened. */
  recorded: string | null;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
/** Unit names by id: an addressee's organisation is a unit id ("disp-lille") or a name typed by hand. */
export type UnitNames = ReadonlyMap<string, string>;

/** "RH (DISP de Lille)": the role, then the organisation by its name, never its id. */
export const addresseeText = (a: unknown, units: UnitNames = new Map()): string => {
  const x = (a ?? {}) as { role?: unknown; organisation?: unknown };
  const role = str(x.role);
  const organisation = units.get(str(x.organisation)) ?? str(x.organisation);
  return role && organisation ? `${role} (${organisation})` : role || organisation;
};

const FINDINGS: Record<string, string> = {
  met: 'satisfaite',
  partly_met: 'partiellement satisfaite',
  not_met: 'non satisfaite',
};

/** What an event says, in French, from its recorded data only. */
export const describe = (
  type: string,
  d: Record<string, unknown>,
  units: UnitNames = new Map(),
): Pick<TimelineEntry, 'label' | 'detail'> => {
  const addressee = (a: unknown): string => addresseeText(a, units);
  switch (type) {
    case 'DemandDrafted':
      return { label: 'Brouillon de revendication rédigé', detail: str(d.title) || null };
    case 'DemandRaised':
      return { label: 'Revendication soulevée', detail: str(d.title) || null };
    case 'DemandReworded':
      return {
        label: 'Revendication reformulée',
        detail: d.title
          ? `Nouveau titre : « ${str(d.title)} »`
          : d.description
            ? 'Description modifiée'
            : null,
      };
    case 'DemandPrioritySet':
      return { label: `Priorité : ${priorityLabel(str(d.priority)).toLowerCase()}`, detail: null };
    case 'DemandAddresseesChanged':
      return {
        label: 'Destinataires modifiés',
        detail: (Array.isArray(d.addressees) ? d.addressees : []).map(addressee).join(' ; ') || null,
      };
    case 'DemandLinkedToObservation':
      return { label: 'Observation rattachée', detail: null };
    case 'DemandUnlinkedFromObservation':
      return { label: 'Observation détachée', detail: null };
    case 'DemandSubmitted':
      return {
        label: `Adressée à ${addressee(d.addressee)}, par ${channelLabel(str(d.channel))}`,
        detail: d.responseDueAt ? `Réponse attendue pour le ${frDate(str(d.responseDueAt))}` : null,
      };
    case 'ReminderSent':
      return {
        label: `Relance (${channelLabel(str(d.channel))})`,
        detail: d.responseDueAt ? `Nouvelle échéance : ${frDate(str(d.responseDueAt))}` : null,
      };
    case 'ManagementAcknowledged':
      return { label: 'Accusé de réception de l’administration', detail: str(d.note) || null };
    case 'ManagementResponseReceived':
      return {
        label: `Réponse de l’administration : ${stanceLabel(str(d.stance))} (${channelLabel(str(d.channel))})`,
        detail:
          [
            d.documentRef ? `Référence : ${str(d.documentRef)}` : '',
            d.newDueAt ? `Réponse définitive attendue pour le ${frDate(str(d.newDueAt))}` : '',
          ]
            .filter(Boolean)
            .join(' · ') || null,
      };
    case 'CommitmentMade':
      return {
        label: `Engagement pris par ${str(d.owner) || 'l’administration'}`,
        detail: `« ${str(d.deliverable)} » pour le ${frDate(str(d.dueAt))}`,
      };
    case 'CommitmentRescheduled':
      return {
        label: 'Engagement reporté',
        detail: `Au ${frDate(str(d.newDueAt))}${d.reason ? ` ; motif : ${str(d.reason)}` : ''}`,
      };
    case 'ProgressReported':
      return { label: `Avancement : ${str(d.percent)} %`, detail: str(d.note) || null };
    case 'DemandVerified':
      return {
        label: `Vérification : ${FINDINGS[str(d.finding)] ?? str(d.finding)}`,
        detail: str((d.evidence as { description?: unknown } | undefined)?.description) || null,
      };
    case 'DemandSatisfied':
      return { label: 'Close : satisfaite', detail: str(d.note) || null };
    case 'DemandPartiallySatisfied':
      return { label: 'Close : partiellement satisfaite', detail: str(d.note) || null };
    case 'DemandRefused':
      return { label: 'Close : refusée', detail: str(d.reason) || null };
    case 'DemandAbandoned':
      return { label: 'Abandonnée', detail: str(d.note) || null };
    case 'DemandMerged':
      return { label: 'Fusionnée dans une autre revendication', detail: null };
    case 'DemandReopened':
      return { label: 'Rouverte', detail: str(d.reason) || null };
    case 'DemandEscalated':
      return {
        label: `Portée au niveau ${levelLabel(str(d.toLevel))}`,
        detail: str(d.reason) || null,
      };
    case 'ResponseDeadlineMissed':
      return { label: 'Échéance de réponse dépassée', detail: `Réponse attendue le ${frDate(str(d.dueAt))}` };
    case 'CommitmentDeadlineMissed':
      return { label: 'Engagement non tenu à son échéance', detail: `Échéance : ${frDate(str(d.dueAt))}` };
    default:
      return { label: capitalise(statusLabel(type)), detail: null };
  }
};

const sameDay = (a: string, b: string): boolean => frDate(a) === frDate(b);

/** The timeline, oldest first: who (name and role, never an account id), when it happened, when recorded. */
export const timelineOf = (items: readonly DemandHistoryEntry[], units?: UnitNames): TimelineEntry[] =>
  items.map((e) => {
    const happened = e.occurredAt ?? e.recordedAt;
    return {
      revision: e.revision,
      ...describe(e.type, e.data, units),
      quote: e.managementWords
        ? { text: e.managementWords, by: str(e.data.authorRole) || 'l’administration' }
        : null,
      who: e.actor ? `${e.actor.name} (${e.actor.roleLabel})` : 'auteur non identifié',
      when: frDate(happened),
      recorded: sameDay(happened, e.recordedAt) ? null : `enregistré le ${frDateTime(e.recordedAt)}`,
    };
  });
