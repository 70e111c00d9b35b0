import type { Event } from '../../shared/event.js';

// ---- Vocabulary ------------------------------------------------------------------------------------------------

/**
 * Thematic categories (schema version 2 of DemandDrafted / DemandRaised): effectifs et recrutement, santé-sécurité
 * et RPS, locaux et immobilier, informatique et équipement, organisation du travail, partenariat, missions et
 * procédures. Events of version 1 carry the report's three section headings (`LEGACY_DEMAND_CATEGORIES`) and are
 * read through `upcastDemandEvent`, never rewritten.
 */
export const DEMAND_CATEGORIES = [
  'staffing_recruitment',
  'health_safety_rps',
  'premises',
  'it_equipment',
  'work_organisation',
  'partnership',
  'missions_procedures',
] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

/** Version 1 categories: the visit report's section headings. */
export const LEGACY_DEMAND_CATEGORIES = ['difficulties', 'premises_security', 'hr'] as const;
export type LegacyDemandCategory = (typeof LEGACY_DEMAND_CATEGORIES)[number];

/** Schema version of the events that carry the details of a demand (DemandDrafted, DemandRaised). */
export const DEMAND_DETAILS_SCHEMA_VERSION = 2;

export const LEGAL_BASIS_ORIGINS = ['source', 'officer'] as const;
/**
 * A legal or reference basis recorded with a demand: its reference ("Loi n° 2005-102 du 11 février 2005"), its text
 * when given, and who put it there: the raising document itself (`source`) or the officer, as their own addition.
 * Never inferred from a category.
 */
export type LegalBasis = { reference: string; text?: string; origin: (typeof LEGAL_BASIS_ORIGINS)[number] };

export const DEMAND_PRIORITIES = ['low', 'medium', 'high'] as const;
export type DemandPriority = (typeof DEMAND_PRIORITIES)[number];

export const DEMAND_LEVELS = ['local', 'disp', 'national', 'external'] as const;
export type DemandLevel = (typeof DEMAND_LEVELS)[number];

export const RESPONSE_STANCES = ['accept', 'partial', 'refuse', 'defer'] as const;
export type ResponseStance = (typeof RESPONSE_STANCES)[number];

export const DEMAND_CHANNELS = [
  'letter',
  'email',
  'audience',
  'csa_agenda_item',
  'question_diverse',
  'rsst_entry',
  'fs_visit',
  'visit_report',
  'other',
] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

export const EVIDENCE_KINDS = ['observation', 'document', 'minutes_extract'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const VERIFICATION_FINDINGS = ['met', 'partly_met', 'not_met'] as const;
export type VerificationFinding = (typeof VERIFICATION_FINDINGS)[number];

export const ABANDON_REASONS = ['obsolete', 'achieved_other_means', 'priority_change', 'other'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

/** Who must act: a role inside an organisation (e.g. `{ role: 'DFSPIP', organisation: 'spip-62' }`). */
export type Addressee = { role: string; organisation: string };

export type Evidence = { kind: EvidenceKind; reference: string; description: string };

/** What the union asks, as raised or drafted. Optional fields are absent (never `undefined`) when unknown. */
export type DemandDetails = {
  antennaId: string;
  title: string;
  description?: string;
  category: DemandCategory;
  /** True when the report states the ask; false when it is implied by a criticism or a reminder of the law. */
  explicit: boolean;
  /** The report's own words, when there are some. */
  quote?: string;
  priority: DemandPriority;
  addressees: Addressee[];
  level: DemandLevel;
  observationIds: string[];
  /** The references of `legalBases` (kept for readers of version 1). */
  legalRefs: string[];
  /** Since version 2; read from `legalRefs` (as the officer's additions) for version 1. */
  legalBases?: LegalBasis[];
  /** The raising document, e.g. `src-fo-cpip-spip62-2024-02-23`. */
  sourceRef?: string;
  /** Demo or illustrative data, not a real fact. */
  illustrative?: boolean;
};

/**
 * Every demand event carries `demandId` and `occurredAt` (ISO 8601, when it happened in the world), so `evolve`
 * and projections need nothing but the event. Named timestamps (`raisedAt`, `submittedAt`…) are kept for readability;
 * the decider sets them equal to `occurredAt`.
 */
type DemandEventData<Data extends object> = { demandId: string; occurredAt: string } & Data;
type DemandEventOf<Type extends string, Data extends object = object> = Event<Type, DemandEventData<Data>>;

// ---- Creation --------------------------------------------------------------------------------------------------

export type DemandDrafted = DemandEventOf<'DemandDrafted', DemandDetails & { draftedAt: string }>;
export type DemandRaised = DemandEventOf<'DemandRaised', DemandDetails & { raisedAt: string }>;

// ---- Wording, links, targeting ---------------------------------------------------------------------------------

export type DemandLinkedToObservation = DemandEventOf<'DemandLinkedToObservation', { observationId: string }>;
export type DemandUnlinkedFromObservation = DemandEventOf<
  'DemandUnlinkedFromObservation',
  { observationId: string; reason?: string }
>;
export type DemandReworded = DemandEventOf<
  'DemandReworded',
  { title?: string; description?: string; previousTitle: string; previousDescription?: string }
>;
export type DemandPrioritySet = DemandEventOf<
  'DemandPrioritySet',
  { priority: DemandPriority; previousPriority: DemandPriority }
>;
export type DemandAddresseesChanged = DemandEventOf<
  'DemandAddresseesChanged',
  { addressees: Addressee[]; previousAddressees: Addressee[] }
>;

// ---- Submission and response -----------------------------------------------------------------------------------

export type DemandSubmitted = DemandEventOf<
  'DemandSubmitted',
  {
    channel: DemandChannel;
    addressee: Addressee;
    meetingId?: string;
    submittedAt: string;
    responseDueAt: string;
  }
>;
export type ReminderSent = DemandEventOf<
  'ReminderSent',
  { channel: DemandChannel; sentAt: string; responseDueAt?: string }
>;
export type ManagementAcknowledged = DemandEventOf<'ManagementAcknowledged', { note?: string }>;
export type ManagementResponseReceived = DemandEventOf<
  'ManagementResponseReceived',
  {
    responseId: string;
    stance: ResponseStance;
    /** Management's exact words. */
    text: string;
    authorRole: string;
    channel: DemandChannel;
    respondedAt: string;
    documentRef?: string;
    /** Only with stance `defer`: the new date by which an answer is awaited. */
    newDueAt?: string;
  }
>;

// ---- Commitments -----------------------------------------------------------------------------------------------

export type CommitmentMade = DemandEventOf<
  'CommitmentMade',
  { commitmentId: string; deliverable: string; owner: string; dueAt: string; acceptanceCriterion?: string }
>;
export type CommitmentRescheduled = DemandEventOf<
  'CommitmentRescheduled',
  { commitmentId: string; previousDueAt: string; newDueAt: string; reason: string }
>;
export type ProgressReported = DemandEventOf<
  'ProgressReported',
  { percent: number; note: string; commitmentId?: string }
>;

// ---- Verification, closure, reopening, escalation --------------------------------------------------------------

export type DemandVerified = DemandEventOf<
  'DemandVerified',
  { evidence: Evidence; finding: VerificationFinding; verifiedAt: string }
>;
export type DemandSatisfied = DemandEventOf<'DemandSatisfied', { note?: string }>;
export type DemandPartiallySatisfied = DemandEventOf<'DemandPartiallySatisfied', { note?: string }>;
export type DemandRefused = DemandEventOf<'DemandRefused', { reason?: string }>;
export type DemandAbandoned = DemandEventOf<'DemandAbandoned', { reason: AbandonReason; note?: string }>;
export type DemandMerged = DemandEventOf<'DemandMerged', { intoDemandId: string }>;
export type DemandReopened = DemandEventOf<'DemandReopened', { reason: string }>;
export type DemandEscalated = DemandEventOf<
  'DemandEscalated',
  { fromLevel: DemandLevel; toLevel: DemandLevel; reason: string; addressees?: Addressee[] }
>;

// ---- Deadlines (recorded by a scheduled check) -----------------------------------------------------------------

export type ResponseDeadlineMissed = DemandEventOf<'ResponseDeadlineMissed', { dueAt: string; asOf: string }>;
export type CommitmentDeadlineMissed = DemandEventOf<
  'CommitmentDeadlineMissed',
  { commitmentId: string; dueAt: string; asOf: string }
>;

export type DemandEvent =
  | DemandDrafted
  | DemandRaised
  | DemandLinkedToObservation
  | DemandUnlinkedFromObservation
  | DemandReworded
  | DemandPrioritySet
  | DemandAddresseesChanged
  | DemandSubmitted
  | ReminderSent
  | ManagementAcknowledged
  | ManagementResponseReceived
  | CommitmentMade
  | CommitmentRescheduled
  | ProgressReported
  | DemandVerified
  | DemandSatisfied
  | DemandPartiallySatisfied
  | DemandRefused
  | DemandAbandoned
  | DemandMerged
  | DemandReopened
  | DemandEscalated
  | ResponseDeadlineMissed
  | CommitmentDeadlineMissed;

export type DemandEventType = DemandEvent['type'];

// The record makes the compiler check that the list names every event type exactly once.
const demandEventTypes: Record<DemandEventType, true> = {
  DemandDrafted: true,
  DemandRaised: true,
  DemandLinkedToObservation: true,
  DemandUnlinkedFromObservation: true,
  DemandReworded: true,
  DemandPrioritySet: true,
  DemandAddresseesChanged: true,
  DemandSubmitted: true,
  ReminderSent: true,
  ManagementAcknowledged: true,
  ManagementResponseReceived: true,
  CommitmentMade: true,
  CommitmentRescheduled: true,
  ProgressReported: true,
  DemandVerified: true,
  DemandSatisfied: true,
  DemandPartiallySatisfied: true,
  DemandRefused: true,
  DemandAbandoned: true,
  DemandMerged: true,
  DemandReopened: true,
  DemandEscalated: true,
  ResponseDeadlineMissed: true,
  CommitmentDeadlineMissed: true,
};

/** Every stored demand event type (a contract: these names are persisted). */
export const DEMAND_EVENT_TYPES = Object.keys(demandEventTypes) as readonly DemandEventType[];

export const isDemandEvent = (event: { type: string }): event is DemandEvent =>
  Object.prototype.hasOwnProperty.call(demandEventTypes, event.type);
