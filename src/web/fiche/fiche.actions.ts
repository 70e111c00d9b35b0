import { type Command } from '@nestjs/cqrs';
import { type DemandCommandType } from '../../demands/domain/demand.commands.js';
import { type Demand } from '../../demands/domain/demand.js';
import {
  DEMAND_CHANNELS,
  DEMAND_LEVELS,
  EVIDENCE_KINDS,
  RESPONSE_STANCES,
  VERIFICATION_FINDINGS,
} from '../../demands/domain/demand.events.js';
import { CloseDemandCommand } from '../../demands/close-demand/close-demand.handler.js';
import { CloseDemandRequest } from '../../demands/close-demand/close-demand.request.js';
import { EscalateDemandCommand } from '../../demands/escalate-demand/escalate-demand.handler.js';
import { EscalateDemandRequest } from '../../demands/escalate-demand/escalate-demand.request.js';
import { LinkObservationCommand } from '../../demands/link-observation/link-observation.handler.js';
import { LinkObservationRequest } from '../../demands/link-observation/link-observation.request.js';
import { MakeCommitmentCommand } from '../../demands/make-commitment/make-commitment.handler.js';
import { MakeCommitmentRequest } from '../../demands/make-commitment/make-commitment.request.js';
import { RecordManagementResponseCommand } from '../../demands/record-management-response/record-management-response.handler.js';
import { RecordManagementResponseRequest } from '../../demands/record-management-response/record-management-response.request.js';
import { RaiseDraftCommand } from '../../demands/raise-draft/raise-draft.handler.js';
import { RaiseDraftRequest } from '../../demands/raise-draft/raise-draft.request.js';
import { ReopenDemandCommand } from '../../demands/reopen-demand/reopen-demand.handler.js';
import { ReopenDemandRequest } from '../../demands/reopen-demand/reopen-demand.request.js';
import { ReportProgressCommand } from '../../demands/report-progress/report-progress.handler.js';
import { ReportProgressRequest } from '../../demands/report-progress/report-progress.request.js';
import { RescheduleCommitmentCommand } from '../../demands/reschedule-commitment/reschedule-commitment.handler.js';
import { RescheduleCommitmentRequest } from '../../demands/reschedule-commitment/reschedule-commitment.request.js';
import { RewordDemandCommand } from '../../demands/reword-demand/reword-demand.handler.js';
import { RewordDemandRequest } from '../../demands/reword-demand/reword-demand.request.js';
import { SendReminderCommand } from '../../demands/send-reminder/send-reminder.handler.js';
import { SendReminderRequest } from '../../demands/send-reminder/send-reminder.request.js';
import { SubmitDemandCommand } from '../../demands/submit-demand/submit-demand.handler.js';
import { SubmitDemandRequest } from '../../demands/submit-demand/submit-demand.request.js';
import { VerifyDemandCommand } from '../../demands/verify-demand/verify-demand.handler.js';
import { VerifyDemandRequest } from '../../demands/verify-demand/verify-demand.request.js';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { type FieldError } from '../forms/form.js';
import { capitalise, channelLabel, frDate, levelLabel, stanceLabel } from '../i18n/fr.js';

export type FieldSpec = {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'date' | 'select' | 'radios' | 'number';
  hint?: string;
  options?: [string, string][];
  /** The message when left empty; absent: optional. */
  required?: string;
};

/** What a form needs from the page to offer its choices. */
export type ActionContext = { demand: Demand; observations: [string, string][]; today: string };

export type ActionDef = {
  key: string;
  title: string;
  button: string;
  /** Where the domain allows it (ALLOWED_FROM). */
  commandType: DemandCommandType;
  fields: (c: ActionContext) => FieldSpec[];
  /** Defaults shown in a fresh form. */
  defaults?: (c: ActionContext) => Record<string, string>;
  /** Extra checks between fields (the domain's rules, said in French before sending). */
  check?: (v: Record<string, string>) => FieldError[];
  /** The API request body built from the form (same DTO class as the API). */
  dto: new () => object;
  plain: (v: Record<string, string>) => object;
  command: (
    demandId: string,
    request: object,
    context: CommandContext,
    v: Record<string, string>,
  ) => Command<CommandResult>;
  /** One-line confirmation after the redirect. */
  ok: string;
  /** Only when the demand has something for it (e.g. an open commitment to reschedule). */
  available?: (c: ActionContext) => boolean;
};

const opt = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);
const channels = (): [string, string][] => DEMAND_CHANNELS.map((c) => [c, capitalise(channelLabel(c))]);
const openCommitments = (d: Demand): [string, string][] =>
  d.commitments
    .filter((c) => c.status === 'open')
    .map((c) => [c.commitmentId, `${c.deliverable} (échéance ${frDate(c.dueAt)})`]);

const DATE_HINT = 'Par exemple 28/03/2024';

/** Every action of the demand page: one short form, one command. */
export const ACTIONS: readonly ActionDef[] = [
  {
    key: 'reponse',
    title: 'Enregistrer la réponse de l’administration',
    button: 'Enregistrer la réponse',
    commandType: 'RecordManagementResponse',
    fields: () => [
      {
        name: 'stance',
        label: 'Position de l’administration',
        type: 'radios',
        options: RESPONSE_STANCES.map((s) => [s, capitalise(stanceLabel(s))]),
        required: 'Choisissez la position de l’administration',
      },
      {
        name: 'text',
        label: 'Ses mots exacts',
        type: 'textarea',
        hint: 'Recopiez la réponse telle qu’elle a été écrite ou dite ; elle sera citée entre « ».',
        required: 'Saisissez les mots exacts de l’administration',
      },
      {
        name: 'authorRole',
        label: 'Qui a répondu (fonction)',
        hint: 'Par exemple DFSPIP, DISP, cheffe d’antenne',
        required: 'Saisissez la fonction de la personne qui a répondu',
      },
      {
        name: 'channel',
        label: 'Par quel moyen',
        type: 'select',
        options: channels(),
        required: 'Choisissez le moyen',
      },
      {
        name: 'respondedAt',
        label: 'Date de la réponse',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la date de la réponse',
      },
      { name: 'documentRef', label: 'Référence du courrier ou du procès-verbal (facultatif)' },
      {
        name: 'newDueAt',
        label: 'Si « à l’étude » : nouvelle date de réponse attendue',
        type: 'date',
        hint: DATE_HINT,
      },
    ],
    defaults: (c) => ({ channel: 'letter', respondedAt: c.today }),
    check: (v) =>
      v.stance === 'defer' && !opt(v.newDueAt)
        ? [
            {
              field: 'newDueAt',
              message: 'Réponse « à l’étude » : saisissez la date à laquelle la réponse est attendue',
            },
          ]
        : [],
    dto: RecordManagementResponseRequest,
    plain: (v) => ({
      stance: v.stance,
      text: v.text?.trim(),
      authorRole: v.authorRole?.trim(),
      channel: v.channel,
      respondedAt: v.respondedAt,
      documentRef: opt(v.documentRef),
      newDueAt: v.stance === 'defer' ? opt(v.newDueAt) : undefined,
    }),
    command: (id, r, ctx) =>
      new RecordManagementResponseCommand(id, r as RecordManagementResponseRequest, ctx),
    ok: 'Réponse de l’administration enregistrée.',
  },
  {
    key: 'engagement',
    title: 'Enregistrer un engagement',
    button: 'Enregistrer l’engagement',
    commandType: 'MakeCommitment',
    fields: () => [
      {
        name: 'deliverable',
        label: 'Ce qui est promis',
        type: 'textarea',
        required: 'Saisissez ce qui est promis',
      },
      {
        name: 'owner',
        label: 'Qui s’engage (fonction)',
        hint: 'Par exemple DFSPIP',
        required: 'Saisissez qui s’engage',
      },
      {
        name: 'dueAt',
        label: 'Pour quand',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la date promise',
      },
      { name: 'acceptanceCriterion', label: 'À quoi verra-t-on que c’est fait (facultatif)' },
    ],
    dto: MakeCommitmentRequest,
    plain: (v) => ({
      deliverable: v.deliverable?.trim(),
      owner: v.owner?.trim(),
      dueAt: v.dueAt,
      acceptanceCriterion: opt(v.acceptanceCriterion),
    }),
    command: (id, r, ctx) => new MakeCommitmentCommand(id, r as MakeCommitmentRequest, ctx),
    ok: 'Engagement enregistré.',
    // The domain's rule (makeCommitment): right after a refusal or an "à l'étude", no commitment to record.
    available: (c) =>
      c.demand.status !== 'RESPONSE_RECEIVED' ||
      c.demand.lastResponse?.stance === 'accept' ||
      c.demand.lastResponse?.stance === 'partial',
  },
  {
    key: 'avancement',
    title: 'Signaler un avancement',
    button: 'Enregistrer l’avancement',
    commandType: 'ReportProgress',
    fields: (c) => [
      {
        name: 'percent',
        label: 'Avancement (en %)',
        type: 'number',
        hint: 'De 0 à 100',
        required: 'Saisissez l’avancement, de 0 à 100',
      },
      { name: 'note', label: 'Ce qui a été fait', type: 'textarea', required: 'Décrivez ce qui a été fait' },
      ...(openCommitments(c.demand).length > 0
        ? [
            {
              name: 'commitmentId',
              label: 'Engagement concerné',
              type: 'select' as const,
              options: [['', 'Aucun en particulier'] as [string, string], ...openCommitments(c.demand)],
            },
          ]
        : []),
    ],
    check: (v) =>
      v.percent && !/^\d{1,3}$/.test(v.percent.trim())
        ? [{ field: 'percent', message: 'Saisissez un nombre entier de 0 à 100' }]
        : [],
    dto: ReportProgressRequest,
    plain: (v) => ({ percent: Number(v.percent), note: v.note?.trim(), commitmentId: opt(v.commitmentId) }),
    command: (id, r, ctx) => new ReportProgressCommand(id, r as ReportProgressRequest, ctx),
    ok: 'Avancement enregistré.',
  },
  {
    key: 'report',
    title: 'Reporter un engagement',
    button: 'Enregistrer le report',
    commandType: 'RescheduleCommitment',
    available: (c) => openCommitments(c.demand).length > 0,
    fields: (c) => [
      {
        name: 'commitmentId',
        label: 'Engagement reporté',
        type: 'select',
        options: openCommitments(c.demand),
        required: 'Choisissez l’engagement',
      },
      {
        name: 'newDueAt',
        label: 'Nouvelle échéance',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la nouvelle échéance',
      },
      { name: 'reason', label: 'Motif donné', type: 'textarea', required: 'Saisissez le motif du report' },
    ],
    dto: RescheduleCommitmentRequest,
    plain: (v) => ({ newDueAt: v.newDueAt, reason: v.reason?.trim() }),
    command: (id, r, ctx, v) =>
      new RescheduleCommitmentCommand(id, v.commitmentId ?? '', r as RescheduleCommitmentRequest, ctx),
    ok: 'Report de l’engagement enregistré.',
  },
  {
    key: 'soumission',
    title: 'Adresser la revendication',
    button: 'Enregistrer l’envoi',
    commandType: 'SubmitDemand',
    fields: () => [
      {
        name: 'addresseeRole',
        label: 'Destinataire (fonction)',
        hint: 'Par exemple DFSPIP',
        required: 'Saisissez le destinataire',
      },
      {
        name: 'addresseeOrganisation',
        label: 'Organisation du destinataire',
        hint: 'Par exemple SPIP 62, DISP de Lille, DAP',
        required: 'Saisissez l’organisation du destinataire',
      },
      {
        name: 'channel',
        label: 'Par quel moyen',
        type: 'select',
        options: channels(),
        required: 'Choisissez le moyen',
      },
      {
        name: 'submittedAt',
        label: 'Date d’envoi',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la date d’envoi',
      },
      {
        name: 'responseDueAt',
        label: 'Réponse attendue pour le (facultatif)',
        type: 'date',
        hint: 'Sans date : le délai de réponse des règles de l’organisation',
      },
    ],
    defaults: (c) => ({ channel: 'letter', submittedAt: c.today }),
    dto: SubmitDemandRequest,
    plain: (v) => ({
      channel: v.channel,
      addressee: { role: v.addresseeRole?.trim(), organisation: v.addresseeOrganisation?.trim() },
      submittedAt: v.submittedAt,
      responseDueAt: opt(v.responseDueAt),
    }),
    command: (id, r, ctx) => new SubmitDemandCommand(id, r as SubmitDemandRequest, ctx),
    ok: 'Envoi de la revendication enregistré.',
  },
  {
    key: 'relance',
    title: 'Relancer',
    button: 'Enregistrer la relance',
    commandType: 'SendReminder',
    fields: () => [
      {
        name: 'channel',
        label: 'Par quel moyen',
        type: 'select',
        options: channels(),
        required: 'Choisissez le moyen',
      },
      {
        name: 'sentAt',
        label: 'Date de la relance',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la date de la relance',
      },
      {
        name: 'responseDueAt',
        label: 'Nouvelle date de réponse attendue (facultatif)',
        type: 'date',
        hint: DATE_HINT,
      },
    ],
    defaults: (c) => ({ channel: 'email', sentAt: c.today }),
    dto: SendReminderRequest,
    plain: (v) => ({ channel: v.channel, sentAt: v.sentAt, responseDueAt: opt(v.responseDueAt) }),
    command: (id, r, ctx) => new SendReminderCommand(id, r as SendReminderRequest, ctx),
    ok: 'Relance enregistrée.',
  },
  {
    key: 'escalade',
    title: 'Porter à un autre niveau',
    button: 'Enregistrer l’escalade',
    commandType: 'EscalateDemand',
    fields: () => [
      {
        name: 'toLevel',
        label: 'Nouveau niveau',
        type: 'select',
        options: DEMAND_LEVELS.map((l) => [l, capitalise(levelLabel(l))]),
        required: 'Choisissez le niveau',
      },
      { name: 'reason', label: 'Pourquoi', type: 'textarea', required: 'Saisissez la raison de l’escalade' },
    ],
    dto: EscalateDemandRequest,
    plain: (v) => ({ toLevel: v.toLevel, reason: v.reason?.trim() }),
    command: (id, r, ctx) => new EscalateDemandCommand(id, r as EscalateDemandRequest, ctx),
    ok: 'Escalade enregistrée.',
  },
  {
    key: 'verification',
    title: 'Vérifier sur place',
    button: 'Enregistrer la vérification',
    commandType: 'VerifyDemand',
    fields: () => [
      {
        name: 'finding',
        label: 'Constat',
        type: 'radios',
        options: VERIFICATION_FINDINGS.map((f) => [
          f,
          { met: 'Satisfaite', partly_met: 'Partiellement satisfaite', not_met: 'Non satisfaite' }[f],
        ]),
        required: 'Choisissez le constat',
      },
      {
        name: 'evidenceKind',
        label: 'Preuve',
        type: 'select',
        options: EVIDENCE_KINDS.map((k) => [
          k,
          {
            observation: 'Constat de visite',
            document: 'Document',
            minutes_extract: 'Extrait de procès-verbal',
          }[k],
        ]),
        required: 'Choisissez le type de preuve',
      },
      {
        name: 'evidenceReference',
        label: 'Référence de la preuve',
        required: 'Saisissez la référence de la preuve',
      },
      {
        name: 'evidenceDescription',
        label: 'Ce qui a été constaté',
        type: 'textarea',
        required: 'Décrivez ce qui a été constaté',
      },
      {
        name: 'verifiedAt',
        label: 'Date de la vérification',
        type: 'date',
        hint: DATE_HINT,
        required: 'Saisissez la date',
      },
    ],
    defaults: (c) => ({ verifiedAt: c.today }),
    dto: VerifyDemandRequest,
    plain: (v) => ({
      finding: v.finding,
      evidence: {
        kind: v.evidenceKind,
        reference: v.evidenceReference?.trim(),
        description: v.evidenceDescription?.trim(),
      },
      verifiedAt: v.verifiedAt,
    }),
    command: (id, r, ctx) => new VerifyDemandCommand(id, r as VerifyDemandRequest, ctx),
    ok: 'Vérification enregistrée.',
  },
  {
    key: 'cloture',
    title: 'Clore',
    button: 'Clore la revendication',
    commandType: 'CloseAsSatisfied',
    fields: () => [
      {
        name: 'outcome',
        label: 'Issue',
        type: 'radios',
        options: [
          ['satisfied', 'Satisfaite'],
          ['partially_satisfied', 'Partiellement satisfaite'],
          ['refused', 'Refusée'],
        ],
        required: 'Choisissez l’issue',
      },
      { name: 'note', label: 'Commentaire (facultatif, si satisfaite)', type: 'textarea' },
      { name: 'reason', label: 'Motif du refus (si refusée)', type: 'textarea' },
    ],
    check: (v) =>
      v.outcome === 'refused' && !opt(v.reason)
        ? [{ field: 'reason', message: 'Saisissez le motif du refus' }]
        : [],
    dto: CloseDemandRequest,
    plain: (v) => ({
      outcome: v.outcome,
      note: v.outcome !== 'refused' ? opt(v.note) : undefined,
      reason: v.outcome === 'refused' ? opt(v.reason) : undefined,
    }),
    command: (id, r, ctx) => new CloseDemandCommand(id, r as CloseDemandRequest, ctx),
    ok: 'Revendication close.',
  },
  {
    key: 'reouverture',
    title: 'Rouvrir',
    button: 'Rouvrir la revendication',
    commandType: 'ReopenDemand',
    fields: () => [
      { name: 'reason', label: 'Pourquoi la rouvrir', type: 'textarea', required: 'Saisissez la raison' },
    ],
    dto: ReopenDemandRequest,
    plain: (v) => ({ reason: v.reason?.trim() }),
    command: (id, r, ctx) => new ReopenDemandCommand(id, r as ReopenDemandRequest, ctx),
    ok: 'Revendication rouverte.',
  },
  {
    key: 'soulever',
    title: 'Soulever la revendication',
    button: 'Soulever la revendication',
    commandType: 'RaiseDemand',
    fields: () => [
      {
        name: 'occurredAt',
        label: 'Date à laquelle elle est soulevée',
        type: 'date',
        hint: 'Le brouillon devient une revendication, à adresser ensuite. Par exemple 28/03/2024',
        required: 'Saisissez la date',
      },
    ],
    defaults: (c) => ({ occurredAt: c.today }),
    dto: RaiseDraftRequest,
    plain: (v) => ({ occurredAt: v.occurredAt }),
    command: (id, r, ctx) => new RaiseDraftCommand(id, r, ctx),
    ok: 'Revendication soulevée : adressez-la maintenant à l’administration.',
  },
  {
    key: 'reformulation',
    title: 'Reformuler',
    button: 'Enregistrer la reformulation',
    commandType: 'RewordDemand',
    fields: () => [
      { name: 'title', label: 'Titre', hint: 'De 3 à 300 caractères', required: 'Saisissez le titre' },
      { name: 'description', label: 'Description (facultatif)', type: 'textarea' },
    ],
    defaults: (c) => ({ title: c.demand.title, description: c.demand.description ?? '' }),
    check: (v) =>
      (v.title ?? '').trim().length < 3
        ? [{ field: 'title', message: 'Le titre doit compter au moins 3 caractères' }]
        : [],
    dto: RewordDemandRequest,
    plain: (v) => ({ title: v.title?.trim(), description: opt(v.description) }),
    command: (id, r, ctx) => new RewordDemandCommand(id, r, ctx),
    ok: 'Reformulation enregistrée.',
  },
  {
    key: 'constat',
    title: 'Rattacher une observation',
    button: 'Rattacher',
    commandType: 'LinkObservation',
    available: (c) => c.observations.length > 0,
    fields: (c) => [
      {
        name: 'observationId',
        label: 'Observation de l’antenne',
        type: 'select',
        options: c.observations,
        required: 'Choisissez une observation',
      },
    ],
    dto: LinkObservationRequest,
    plain: (v) => ({ observationId: v.observationId }),
    command: (id, r, ctx) => new LinkObservationCommand(id, r as LinkObservationRequest, ctx),
    ok: 'Observation rattachée.',
  },
];

export const actionOf = (key: string): ActionDef | undefined => ACTIONS.find((a) => a.key === key);

/** The one obvious next step for a status (its form is shown first, open). */
export const nextActionFor = (demand: Demand, overdue: boolean): string | null => {
  switch (demand.status) {
    case 'DRAFT':
      return 'soulever';
    case 'RAISED':
      return 'soumission';
    case 'SUBMITTED':
    case 'ACKNOWLEDGED':
      return overdue ? 'relance' : 'reponse';
    case 'RESPONSE_RECEIVED':
      return demand.lastResponse?.stance === 'refuse' ? 'escalade' : 'engagement';
    case 'COMMITTED':
    case 'IN_PROGRESS':
      return overdue ? 'report' : 'avancement';
    default:
      return 'reouverture';
  }
};
