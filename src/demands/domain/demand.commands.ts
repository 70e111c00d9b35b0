import type {
  AbandonReason,
  Addressee,
  DemandCategory,
  DemandChannel,
  LegacyDemandCategory,
  DemandLevel,
  DemandPriority,
  Evidence,
  LegalBasis,
  ResponseStance,
  VerificationFinding,
} from './demand.events.js';

/** Every command names its demand and says when the fact happened in the world (ISO 8601). */
type DemandCommandOf<Type extends string, Data extends object = object> = Readonly<
  { type: Type; demandId: string; occurredAt: string } & Data
>;

/** Details given when drafting or raising; lists may be left out (they default to empty). */
export type DemandDetailsInput = {
  antennaId: string;
  title: string;
  description?: string;
  /** A version-1 heading (deprecated) is recorded as the thematic category it reads as. */
  category: DemandCategory | LegacyDemandCategory;
  explicit: boolean;
  quote?: string;
  priority: DemandPriority;
  addressees: Addressee[];
  level: DemandLevel;
  observationIds?: string[];
  /** References only, read as the officer's own additions (version 1 of the API). */
  legalRefs?: string[];
  /** Legal bases with their text and origin; they take precedence over `legalRefs`. */
  legalBases?: LegalBasis[];
  sourceRef?: string;
  illustrative?: boolean;
};

export type DraftDemand = DemandCommandOf<'DraftDemand', DemandDetailsInput>;
/** On a new stream, or to adopt a draft: the details given here replace the draft's. */
export type RaiseDemand = DemandCommandOf<'RaiseDemand', DemandDetailsInput>;

export type LinkObservation = DemandCommandOf<'LinkObservation', { observationId: string }>;
export type UnlinkObservation = DemandCommandOf<
  'UnlinkObservation',
  { observationId: string; reason?: string }
>;
export type RewordDemand = DemandCommandOf<'RewordDemand', { title?: string; description?: string }>;
export type SetDemandPriority = DemandCommandOf<'SetDemandPriority', { priority: DemandPriority }>;
export type ChangeDemandAddressees = DemandCommandOf<'ChangeDemandAddressees', { addressees: Addressee[] }>;

/** `responseDueAt` is computed by the caller (channel rule or manual value); it must not precede `occurredAt`. */
export type SubmitDemand = DemandCommandOf<
  'SubmitDemand',
  { channel: DemandChannel; addressee: Addressee; meetingId?: string; responseDueAt: string }
>;
export type SendReminder = DemandCommandOf<
  'SendReminder',
  { channel: DemandChannel; responseDueAt?: string }
>;
export type AcknowledgeDemand = DemandCommandOf<'AcknowledgeDemand', { note?: string }>;
/** `occurredAt` is when management responded. `newDueAt` is required with stance `defer`, refused otherwise. */
export type RecordManagementResponse = DemandCommandOf<
  'RecordManagementResponse',
  {
    responseId: string;
    stance: ResponseStance;
    text: string;
    authorRole: string;
    channel: DemandChannel;
    documentRef?: string;
    newDueAt?: string;
  }
>;

export type MakeCommitment = DemandCommandOf<
  'MakeCommitment',
  { commitmentId: string; deliverable: string; owner: string; dueAt: string; acceptanceCriterion?: string }
>;
export type RescheduleCommitment = DemandCommandOf<
  'RescheduleCommitment',
  { commitmentId: string; newDueAt: string; reason: string }
>;
export type ReportProgress = DemandCommandOf<
  'ReportProgress',
  { percent: number; note: string; commitmentId?: string }
>;

export type VerifyDemand = DemandCommandOf<
  'VerifyDemand',
  { evidence: Evidence; finding: VerificationFinding }
>;
export type CloseAsSatisfied = DemandCommandOf<'CloseAsSatisfied', { note?: string }>;
export type CloseAsPartiallySatisfied = DemandCommandOf<'CloseAsPartiallySatisfied', { note?: string }>;
export type CloseAsRefused = DemandCommandOf<'CloseAsRefused', { reason?: string }>;
export type AbandonDemand = DemandCommandOf<'AbandonDemand', { reason: AbandonReason; note?: string }>;
export type MergeDemand = DemandCommandOf<'MergeDemand', { intoDemandId: string }>;
export type ReopenDemand = DemandCommandOf<'ReopenDemand', { reason: string }>;
/** Moves the demand to another instance level; it goes back to RAISED for a new submission cycle. */
export type EscalateDemand = DemandCommandOf<
  'EscalateDemand',
  { toLevel: DemandLevel; reason: string; addressees?: Addressee[] }
>;

export type MissedDeadline =
  { kind: 'response'; dueAt: string } | { kind: 'commitment'; commitmentId: string; dueAt: string };
/** Issued by the scheduled deadline check. `asOf` is the instant of the check and must be after `dueAt`. */
export type RecordMissedDeadline = DemandCommandOf<
  'RecordMissedDeadline',
  { deadline: MissedDeadline; asOf: string }
>;

export type DemandCommand =
  | DraftDemand
  | RaiseDemand
  | LinkObservation
  | UnlinkObservation
  | RewordDemand
  | SetDemandPriority
  | ChangeDemandAddressees
  | SubmitDemand
  | SendReminder
  | AcknowledgeDemand
  | RecordManagementResponse
  | MakeCommitment
  | RescheduleCommitment
  | ReportProgress
  | VerifyDemand
  | CloseAsSatisfied
  | CloseAsPartiallySatisfied
  | CloseAsRefused
  | AbandonDemand
  | MergeDemand
  | ReopenDemand
  | EscalateDemand
  | RecordMissedDeadline;

export type DemandCommandType = DemandCommand['type'];

/** Human wording of each command, used in error messages ("Cannot <label> while …"). */
export const DEMAND_COMMAND_LABELS: Readonly<Record<DemandCommandType, string>> = {
  DraftDemand: 'rédiger la revendication',
  RaiseDemand: 'porter la revendication',
  LinkObservation: 'lier une observation',
  UnlinkObservation: 'délier une observation',
  RewordDemand: 'reformuler la revendication',
  SetDemandPriority: 'fixer la priorité',
  ChangeDemandAddressees: 'changer les destinataires',
  SubmitDemand: 'transmettre la revendication',
  SendReminder: 'envoyer une relance',
  AcknowledgeDemand: 'enregistrer un accusé de réception',
  RecordManagementResponse: 'enregistrer une réponse de la direction',
  MakeCommitment: 'enregistrer un engagement',
  RescheduleCommitment: 'reporter un engagement',
  ReportProgress: 'signaler un avancement',
  VerifyDemand: 'vérifier la revendication',
  CloseAsSatisfied: 'clore la revendication comme satisfaite',
  CloseAsPartiallySatisfied: 'clore la revendication comme partiellement satisfaite',
  CloseAsRefused: 'clore la revendication comme refusée',
  AbandonDemand: 'abandonner la revendication',
  MergeDemand: 'fusionner la revendication',
  ReopenDemand: 'rouvrir la revendication',
  EscalateDemand: 'porter la revendication à un autre niveau',
  RecordMissedDeadline: 'enregistrer une échéance manquée',
};
