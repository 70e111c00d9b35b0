import type { Event } from '../../shared/event.js';

export const UNIT_KINDS = ['DAP', 'DISP', 'SPIP', 'SIEGE', 'ANTENNA'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Milieu ouvert (community), milieu fermé (prison), or both. */
export const MILIEUX = ['MO', 'MF', 'mixed'] as const;
export type Milieu = (typeof MILIEUX)[number];

/** One role's staffing at an antenna. Counts are people (headcount), not ETP. */
export type StaffingLine = {
  role: string;
  headcount: number;
  vacancies?: number;
  scope?: string;
  note?: string;
  /** Of the headcount: on long leave (CLD/CLM), counted as filled but not working. */
  onLongLeave?: number;
  /** Of the headcount: seconded elsewhere (e.g. prevention agent at the seat). */
  seconded?: number;
  /** Of the headcount: contract (non-titular) staff. */
  contractual?: number;
};

export type Caseload = {
  /** People followed (PPSMJ) per CPIP ETP, as reported: one value or a [low, high] range. */
  ppsmjPerCpipEtp?: number | [number, number];
  /** People under electronic monitoring (the ASE's load). */
  peopleUnderElectronicMonitoring?: number;
};

export type StaffingSnapshot = {
  snapshotId: string;
  /** Date the counts describe (ISO date). */
  asOf: string;
  lines: StaffingLine[];
  caseload: Caseload;
  /** Assumptions behind the figures, in plain words. */
  assumptions: string[];
  illustrative?: boolean;
};

// ---- Units (stream `unit-<unitId>`) ------------------------------------------------------------------------------

export type UnitRegistered = Event<
  'UnitRegistered',
  {
    unitId: string;
    occurredAt: string;
    kind: UnitKind;
    name: string;
    /** Absent only for the DAP. */
    parentId?: string;
    /** Antennas only. */
    milieu?: Milieu;
    establishment?: string;
  }
>;

export type StaffingSnapshotRecorded = Event<
  'StaffingSnapshotRecorded',
  { unitId: string; occurredAt: string } & StaffingSnapshot
>;

export type UnitEvent = UnitRegistered | StaffingSnapshotRecorded;
export type UnitEventType = UnitEvent['type'];

// ---- Visits (stream `visit-<visitId>`) --------------------------------------------------------------------------

export type VisitPlanned = Event<
  'VisitPlanned',
  { visitId: string; occurredAt: string; antennaIds: string[]; plannedFor?: string }
>;

/** One antenna visited on one day; a visit of two antennas is two events. */
export type VisitConducted = Event<
  'VisitConducted',
  { visitId: string; occurredAt: string; antennaId: string; conductedOn: string; sourceRef?: string }
>;

export type VisitEvent = VisitPlanned | VisitConducted;
export type VisitEventType = VisitEvent['type'];

const unitEventTypes: Record<UnitEventType, true> = { UnitRegistered: true, StaffingSnapshotRecorded: true };
const visitEventTypes: Record<VisitEventType, true> = { VisitPlanned: true, VisitConducted: true };

/** Stored event type names (contracts). */
export const UNIT_EVENT_TYPES = Object.keys(unitEventTypes) as readonly UnitEventType[];
export const VISIT_EVENT_TYPES = Object.keys(visitEventTypes) as readonly VisitEventType[];

export const isUnitEvent = (event: { type: string }): event is UnitEvent =>
  Object.prototype.hasOwnProperty.call(unitEventTypes, event.type);
export const isVisitEvent = (event: { type: string }): event is VisitEvent =>
  Object.prototype.hasOwnProperty.call(visitEventTypes, event.type);
