import { type Demand, isTerminal } from '../../demands/domain/demand.js';
import { daysBetween } from '../../meetings/domain/meeting-dates.js';
import type { Question, QuestionChannel } from './dossier.model.js';
import { CHANNEL_LABELS, STATUS_LABELS, STANCE_LABELS, dayOf, frDate, label, plural } from './french.js';

/**
 * "La question à poser aujourd'hui": what to ask management about a demand at this meeting, and through which
 * channel, from the demand's state alone (domain.md 4.2 and 1.5): an overdue answer calls for a dated answer; two
 * "à l'étude" call for a formal agenda item signed by half of the titular representatives; a commitment past its
 * date calls for the new date.
 */
export type QuestionContext = {
  asOf: string;
  responseOverdue: boolean;
  commitmentOverdue: boolean;
  /** Titular staff representatives of the instance, when a past agenda request recorded it. */
  titularRepsTotal: number | null;
  /** When the union last asked (submission or reminder). */
  lastAskedAt: string | null;
};

const CHANNELS: Readonly<Record<QuestionChannel, string>> = {
  question_diverse: 'question diverse',
  agenda_item: 'point à l’ordre du jour (demande formelle)',
  none: 'pour mémoire',
};

const ask = (
  text: string,
  channel: QuestionChannel,
  reason: string,
  signaturesNeeded: number | null = null,
) => ({
  text,
  channel,
  channelLabel: CHANNELS[channel],
  signaturesNeeded: channel === 'agenda_item' ? signaturesNeeded : null,
  reason,
});

const lateBy = (dueAt: string, asOf: string): number => Math.max(0, daysBetween(dayOf(dueAt), dayOf(asOf)));

const LEVEL_HINT: Readonly<Record<string, string>> = {
  national:
    ' Revendication de niveau national : demander à la direction de la porter auprès de la DAP et d’en communiquer la réponse.',
  disp: ' Revendication de niveau DISP : demander à la direction de la porter auprès de la DISP et d’en communiquer la réponse.',
};

export const questionFor = (demand: Demand, context: QuestionContext): Question => {
  const signatures = context.titularRepsTotal === null ? null : Math.ceil(context.titularRepsTotal / 2);
  const halfOfTitulars =
    signatures === null
      ? 'signée par au moins la moitié des représentant·es titulaires'
      : `signée par au moins ${signatures} représentant·es titulaires sur ${context.titularRepsTotal} (la moitié)`;
  const hint = LEVEL_HINT[demand.level] ?? '';
  const last = demand.lastResponse;

  if (isTerminal(demand.status)) {
    return ask(
      `Pour mémoire : ${label(STATUS_LABELS, demand.status).toLowerCase()} le ${frDate(demand.closedAt)}.` +
        (demand.status === 'SATISFIED' || demand.status === 'PARTIALLY_SATISFIED'
          ? ' Vérifier sur le terrain que la mesure est effective et durable.'
          : ''),
      'none',
      'clôturée depuis la dernière instance',
    );
  }
  if (demand.status === 'DRAFT' || demand.status === 'RAISED') {
    return ask(
      'La revendication n’a pas encore été adressée à la direction : la présenter en séance et demander une réponse écrite et datée.' +
        hint,
      'question_diverse',
      'pas encore soumise',
    );
  }
  if (demand.suggestAgendaItem) {
    return ask(
      `Réponse «\u00a0à l’étude\u00a0» à ${demand.deferCount} reprises${last ? ` (dernière le ${frDate(last.respondedAt)})` : ''} : ` +
        `demander l’inscription d’un point à l’ordre du jour, pour un débat et un avis formels. La demande doit être ${halfOfTitulars}.`,
      'agenda_item',
      'deux réponses «\u00a0à l’étude\u00a0» ou plus',
      signatures,
    );
  }
  const overdueCommitment = demand.commitments
    .filter(
      (c) =>
        c.status === 'open' && context.commitmentOverdue && Date.parse(c.dueAt) < Date.parse(context.asOf),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (overdueCommitment) {
    const late = lateBy(overdueCommitment.dueAt, context.asOf);
    const repeated = overdueCommitment.rescheduleCount >= 2;
    return ask(
      `La direction (${overdueCommitment.owner}) a pris le ${frDate(overdueCommitment.madeAt)} l’engagement suivant : «\u00a0${overdueCommitment.deliverable}\u00a0» ` +
        `pour le ${frDate(overdueCommitment.dueAt)} : l’échéance est dépassée de ${plural(late, 'jour', 'jours')}` +
        (overdueCommitment.rescheduleCount > 0
          ? ` (déjà reportée ${plural(overdueCommitment.rescheduleCount, 'fois', 'fois')})`
          : '') +
        '. Quelle est la nouvelle date, et qu’est-ce qui a empêché de tenir l’engagement ?' +
        (repeated ? ` Demander un point à l’ordre du jour (demande ${halfOfTitulars}).` : ''),
      repeated ? 'agenda_item' : 'question_diverse',
      'engagement en retard',
      signatures,
    );
  }
  if (context.responseOverdue && demand.responseDueAt) {
    const late = lateBy(demand.responseDueAt, context.asOf);
    const insist = demand.timesAsked >= 3;
    const since = demand.firstSubmittedAt ? `Demandée le ${frDate(demand.firstSubmittedAt)}` : 'Demandée';
    return ask(
      `${since}${demand.timesAsked > 1 ? ` (${demand.timesAsked} fois, dernière fois le ${frDate(context.lastAskedAt ?? demand.lastSubmittedAt)})` : ''}, ` +
        `sans réponse à l’échéance du ${frDate(demand.responseDueAt)} (${plural(late, 'jour', 'jours')} de retard) : ` +
        'quand la direction donnera-t-elle une réponse écrite et datée ?' +
        (insist
          ? ` Demandée ${demand.timesAsked} fois : demander un point à l’ordre du jour (demande ${halfOfTitulars}).`
          : '') +
        hint,
      insist ? 'agenda_item' : 'question_diverse',
      'réponse en retard',
      signatures,
    );
  }
  if (last?.stance === 'refuse') {
    return ask(
      `Refus du ${frDate(last.respondedAt)} (${last.authorRole}) : demander les motifs écrits du refus et, s’ils ne sont pas fondés, ` +
        'porter la revendication au niveau supérieur.' +
        hint,
      'question_diverse',
      'refusée',
    );
  }
  if (last?.stance === 'defer') {
    return ask(
      `Réponse «\u00a0à l’étude\u00a0» du ${frDate(last.respondedAt)} : demander la date de la décision` +
        (demand.responseDueAt ? ` (attendue pour le ${frDate(demand.responseDueAt)})` : '') +
        ' et le service qui l’instruit.',
      'question_diverse',
      'à l’étude',
    );
  }
  const openCommitments = demand.commitments.filter((c) => c.status === 'open');
  if ((last?.stance === 'accept' || last?.stance === 'partial') && openCommitments.length === 0) {
    return ask(
      `${last.stance === 'partial' ? 'Accord partiel' : 'Accord'} du ${frDate(last.respondedAt)} (${last.authorRole}, ${label(CHANNEL_LABELS, last.channel)}) : ` +
        'demander un engagement daté (ce qui sera fait, par qui, pour quand)' +
        (last.stance === 'partial' ? ' et préciser ce qui reste refusé.' : '.'),
      'question_diverse',
      'accord sans engagement daté',
    );
  }
  const next = openCommitments.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (next) {
    return ask(
      `Engagement «\u00a0${next.deliverable}\u00a0» attendu pour le ${frDate(next.dueAt)} : demander un point d’avancement` +
        (next.progressPercent !== null ? ` (dernier point : ${next.progressPercent} %)` : '') +
        ' et la confirmation de l’échéance.',
      'question_diverse',
      'engagement en cours',
    );
  }
  if (demand.responseDueAt) {
    return ask(
      `Réponse attendue pour le ${frDate(demand.responseDueAt)}${last ? ` (dernière position : ${label(STANCE_LABELS, last.stance)})` : ''} : ` +
        'rappeler la demande et obtenir la confirmation du délai.' +
        hint,
      'question_diverse',
      'réponse attendue',
    );
  }
  return ask(
    'Faire le point sur l’état d’avancement et demander les prochaines étapes datées.' + hint,
    'question_diverse',
    'suivi',
  );
};
