import type { Caseload, Milieu, StaffingLine, UnitKind } from './units.events.js';

type Command<Type extends string, Data extends object> = Readonly<{ type: Type; occurredAt: string } & Data>;

/**
 * `parentKind` is the kind of the parent unit, read by the handler from the parent's stream (so the parent must
 * exist): the domain checks the hierarchy DAP > DISP > SPIP > SIEGE | ANTENNA with it.
 */
export type RegisterUnit = Command<
  'RegisterUnit',
  {
    unitId: string;
    kind: UnitKind;
    name: string;
    parentId?: string;
    parentKind?: UnitKind;
    milieu?: Milieu;
    establishment?: string;
  }
>;

/** Sent to the antenna's own stream. */
export type RecordStaffingSnapshot = Command<
  'RecordStaffingSnapshot',
  {
    unitId: string;
    snapshotId: string;
    asOf: string;
    lines: StaffingLine[];
    caseload?: Caseload;
    assumptions?: string[];
    illustrative?: boolean;
  }
>;

export type UnitCommand = RegisterUnit | RecordStaffingSnapshot;

export type PlanVisit = Command<'PlanVisit', { visitId: string; antennaIds: string[]; plannedFor?: string }>;

/** Allowed without a plan. Conducting the same antenna again on the same day records nothing. */
export type ConductVisit = Command<
  'ConductVisit',
  { visitId: string; antennaId: string; conductedOn: string; sourceRef?: string }
>;

export type VisitCommand = PlanVisit | ConductVisit;
