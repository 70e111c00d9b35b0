import type { Demand } from '../../demands/domain/demand.js';
import type { MeetingRules } from '../../meetings/domain/meeting-rules.js';
import type { Meeting } from '../../meetings/domain/meeting.js';
import type { ReferenceRatios } from '../../units/domain/staffing-ratios.js';
import type { StaffingLine } from '../../units/domain/units.events.js';
import type { Caseload } from '../../units/domain/units.events.js';
import type { Perimeter, UnitInfo } from './perimeter.js';
import type { ActorInfo, Redaction } from './redaction.js';

// ---- What the builder needs (all of it read as known at "données arrêtées au") -----------------------------

/** One event of a demand, as rm.demand_history holds it. */
export type HistoryEntry = {
  revision: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  actorId: string | null;
  data: Record<string, unknown>;
};

export type DemandInput = { state: Demand; history: HistoryEntry[] };

export type StaffingInput = {
  antennaId: string;
  snapshotId: string;
  asOf: string;
  lines: StaffingLine[];
  caseload: Caseload;
  assumptions: string[];
  illustrative: boolean;
};

export type AuditInput = { digest: string; checkedEvents: number; ok: boolean; problems: number };

/** The latest seal of the ledger the dossier covers, when the store has one (printed on the last page). */
export type SealInput = {
  sealId: string;
  position: string;
  count: number;
  rootHash: string;
  sealedAt: string;
};

/**
 * What the officer chose for an issued (or composed) dossier: which demands and in which order, which questions
 * diverses, and the déclaration liminaire as edited. Absent: the generator's proposal.
 */
export type Composition = {
  demandIds: string[];
  questionDemandIds: string[];
  /** Paragraphs of the déclaration liminaire as the officer wrote them; null keeps the generated draft. */
  liminaire: string[] | null;
};

export type DossierInput = {
  /** The meeting the dossier is for. */
  meeting: Meeting;
  /** Every other meeting known: those of the same instance, and those where a demand in scope came up. */
  meetings: Meeting[];
  units: ReadonlyMap<string, UnitInfo>;
  perimeter: Perimeter;
  /** The demands of the perimeter (any status: the builder keeps open ones and those closed since last time). */
  demands: DemandInput[];
  /** The latest staffing snapshot of each antenna of the perimeter. */
  staffing: StaffingInput[];
  /** The organisation (union) the dossier is made for. */
  union: string;
  /** When the dossier is generated (the clock). */
  now: string;
  /** The instant deadlines and ages are judged at: now, or "données arrêtées au" when that is earlier. */
  asOf: string;
  /** "Données arrêtées au": what happened up to this instant (occurred time; ISO 8601, milliseconds). */
  arreteAu: string;
  /** The store as recorded up to this instant (when the dossier was made): what the digest and the seal cover. */
  recordedUpTo: string;
  /** `recorded`: what was recorded after the cutoff is left out ("as we knew it then"). */
  known: 'occurred' | 'recorded';
  seal?: SealInput | null;
  composition?: Composition | null;
  audit: AuditInput;
  redaction: Redaction;
  actors: ReadonlyMap<string, ActorInfo>;
  /** Names to mask in free text (the organisation's accounts). */
  knownNames: readonly string[];
  rules: MeetingRules;
  /** Where the rules come from: the source an admin recorded with them, or null for the [known] defaults. */
  rulesSource: string | null;
  /** The organisation's reference staffing ratios as recorded up to "arrêté au" (the DAP's OR while none set). */
  referenceRatios: ReferenceRatios;
  /** Where they come from: the source an admin recorded with them, or null for the DAP's OR. */
  referenceRatiosSource: string | null;
};

// ---- The dossier -----------------------------------------------------------------------------------------------

export type OverdueFlag = 'response' | 'commitment' | 'avis_follow_up' | 'deferred_twice';

export type LastPosition = {
  stance: string;
  stanceLabel: string;
  date: string;
  channel: string;
  channelLabel: string;
  authorRole: string;
};

export type SummaryRow = {
  demandId: string;
  /** The demand's number in this dossier ("n° 3"): what the printed pages show instead of internal ids. */
  ref: string;
  antennaId: string;
  antennaName: string;
  title: string;
  explicit: boolean;
  targets: string;
  level: string;
  priority: string;
  priorityLabel: string;
  category: string;
  firstRaisedAt: string | null;
  timesAsked: number;
  lastPosition: LastPosition | null;
  commitmentDueAt: string | null;
  responseDueAt: string | null;
  status: string;
  statusLabel: string;
  closed: boolean;
  closedAt: string | null;
  daysOpen: number | null;
  flags: OverdueFlag[];
  flagLabels: string[];
  overdue: boolean;
};

export type ChronologyEntry = {
  date: string;
  /** What happened, in French. */
  label: string;
  detail: string | null;
  /** Management's exact words, to print between « ». */
  quote: { text: string; authorRole: string } | null;
  source: string | null;
  /** Who recorded it and when (the audit trail): "délégué·e, 27 mars 2024". */
  recorded: string | null;
  /** Happened by the cutoff but recorded after it: included, and marked as such. */
  recordedAfterCutoff: boolean;
};

export type CommitmentView = {
  deliverable: string;
  owner: string;
  madeAt: string;
  dueAt: string;
  status: string;
  progressPercent: number | null;
  rescheduleCount: number;
  overdue: boolean;
};

export type QuestionChannel = 'question_diverse' | 'agenda_item' | 'none';

export type Question = {
  text: string;
  channel: QuestionChannel;
  channelLabel: string;
  /** Formal agenda item: signatures of titular representatives needed (half of them), when the total is known. */
  signaturesNeeded: number | null;
  reason: string;
};

export type DemandSheet = {
  row: SummaryRow;
  description: string | null;
  quote: string | null;
  category: string;
  /** How many visit observations ground the demand. */
  observationCount: number;
  /** The raising document, in words ("compte rendu de visite du 23 février 2024"). */
  sourceLabel: string | null;
  illustrative: boolean;
  /** Legal bases recorded with the demand (never inferred); `origin` says who added each. */
  legalBases: { reference: string; text: string | null; origin: 'source' | 'officer' }[];
  chronology: ChronologyEntry[];
  managementWords: { date: string; authorRole: string; source: string; text: string }[];
  commitments: CommitmentView[];
  question: Question;
};

export type DeltaEntry = {
  date: string;
  demandId: string | null;
  title: string;
  kind: 'new' | 'status' | 'answer' | 'commitment' | 'deadline' | 'closed' | 'meeting';
  text: string;
};

export type RoleStaffing = {
  role: 'CPIP' | 'ASE';
  /** A number, or "non renseigné" when the snapshot does not give it (unknown is not zero). */
  headcount: string;
  active: string;
  peoplePerAgent: string;
  reference: number;
  needed: string;
  gap: string;
};

export type StaffingAnnex = {
  antennaId: string;
  antennaName: string;
  snapshot: {
    snapshotId: string;
    asOf: string;
    illustrative: boolean;
    roles: RoleStaffing[];
    vacancies: { role: string; vacancies: number; note: string | null }[];
    /** What the snapshot notes on its lines (e.g. a contract renewed for 3 years). */
    notes: string[];
    assumptions: string[];
  } | null;
};

export type MeetingCompliance = {
  meetingId: string;
  date: string;
  current: boolean;
  status: string;
  convocation: string;
  convocationLate: boolean;
  documents: string[];
  lateDocuments: number;
  minutes: string;
  minutesOverdue: boolean;
  avisFollowUps: { item: string; text: string; overdue: boolean }[];
  redeliberations: { item: string; text: string; overdue: boolean }[];
  refusedMandatoryItems: string[];
};

export type DossierModel = {
  meta: {
    meetingId: string;
    instanceId: string;
    instanceName: string;
    instanceType: string;
    level: string;
    meetingDate: string;
    meetingStatus: string;
    kind: string;
    sourceRef: string | null;
    union: string;
    perimeter: string;
    /** The unit the instance sits at (its perimeter's root), or null when none matched: what section checks use. */
    perimeterUnitId: string | null;
    generatedAt: string;
    arreteAu: string;
    recordedUpTo: string;
    known: 'occurred' | 'recorded';
    /** Events that happened by the cutoff but were recorded after it (marked in the chronologies). */
    recordedAfterCutoff: number;
    asOf: string;
    redaction: Redaction;
    /** Whether this is the officer's composition (picked demands, questions, edited statement). */
    composed: boolean;
    previousMeeting: { meetingId: string; date: string } | null;
    rules: MeetingRules;
    /** Printed next to the rules, in French: defaults to check against the RI, or the recorded source. */
    rulesOrigin: string;
    /** The reference ratios the staffing annex measures against. */
    referenceRatios: ReferenceRatios;
    /** Printed with the staffing annex, in French: the DAP's OR, or the organisation's with its recorded source. */
    referenceRatiosOrigin: string;
  };
  audit: AuditInput & {
    recordedUpTo: string;
    /** The route that checks the digest (and the seal, when there is one), to print in plain words. */
    verifyRoute: string;
    seal: SealInput | null;
  };
  counts: {
    open: number;
    closedSincePrevious: number;
    overdue: number;
    responseOverdue: number;
    commitmentOverdue: number;
  };
  summary: SummaryRow[];
  delta: { since: string | null; entries: DeltaEntry[] };
  sheets: DemandSheet[];
  staffing: StaffingAnnex[];
  compliance: MeetingCompliance[];
  questionsDiverses: { row: SummaryRow; question: Question }[];
  agendaItems: { row: SummaryRow; question: Question }[];
  liminaire: LiminaireParagraph[];
  /** Names found in the texts and what redaction does with them: what the officer checks before issuing. */
  names: { name: string; occurrences: number; masked: boolean }[];
};

/** A paragraph of the déclaration liminaire and the recorded facts it rests on (demands, meetings). */
export type LiminaireParagraph = {
  text: string;
  /** Each source: the demand it comes from (a link to its timeline in the HTML version), or a meeting. */
  sources: { demandId: string | null; ref: string | null; label: string }[];
  /** Written by the officer when composing (not generated). */
  byOfficer: boolean;
};
