import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Caseload, type Milieu, type StaffingLine } from '../domain/units.events.js';
import { type ReferenceOrigin, type ReferenceRatios, type RoleRatio } from '../domain/staffing-ratios.js';
import { type UnitRef } from '../units/unit-tree.js';
import { type LastVisit, type PlannedVisit } from '../visits/antenna-visits.js';

export type StaffingPoint = {
  snapshotId: string;
  asOf: string;
  illustrative: boolean;
  cpip: RoleRatio;
  ase: RoleRatio;
};

export type LatestStaffing = StaffingPoint & {
  lines: StaffingLine[];
  caseload: Caseload;
  /** Roles with posts to fill, from the lines. */
  vacancies: { role: string; count: number; scope: string | null }[];
  /** Every derived figure's assumptions, in French, ready to print next to the numbers. */
  assumptions: string[];
};

export type BalancingObservation = {
  id: string;
  visitId: string | null;
  category: string;
  topic: string;
  text: string;
  sentiment: string;
  leadsToDemand: boolean;
  observedOn: string | null;
};

/** Everything the antenna page shows. Figures derived from staffing are never facts: see `assumptions`. */
export class AntennaDashboardView {
  @ApiProperty({ description: 'The antenna and its chain (parents nearest first: SPIP, DISP, DAP)' })
  antenna!: {
    id: string;
    name: string;
    milieu: Milieu | null;
    establishment: string | null;
    parents: UnitRef[];
    path: string;
  };

  @ApiProperty({
    description: "The asked instant (asOf), else the clock's now: overdue flags are computed at this instant",
  })
  asOf!: string;

  @ApiProperty({
    description:
      'Open demands (not closed, drafts included) by status and by category; overdue = an awaited answer or an ' +
      'open commitment past due',
  })
  demands!: {
    open: number;
    byStatus: Record<string, number>;
    byCategory: Record<string, number>;
    overdue: number;
    overdueByKind: { response: number; commitment: number };
  };

  @ApiProperty({
    description:
      'Latest snapshot (latest asOf) with its ratios against the reference, and the series of ratios across ' +
      "snapshots (oldest first). The reference says where it comes from: the DAP's OR (default), the " +
      "organisation's ratios with their recorded source, or the request",
  })
  staffing!: {
    /**
     * The ratios measured against and where they come from: `default` (the DAP's OR, while the organisation set
     * none), `organisation` (set by its admin; `source` is the one recorded) or `request` (a query parameter
     * differing from the ratio in force). `source`: the organisation's recorded source, null for the OR.
     */
    reference: ReferenceRatios & { origin: ReferenceOrigin; source: string | null; description: string };
    latest: LatestStaffing | null;
    series: StaffingPoint[];
  };

  @ApiProperty({ description: 'Last visit conducted and next planned visit' })
  visits!: { visited: boolean; lastVisit: LastVisit | null; nextPlannedVisit: PlannedVisit | null };

  @ApiPropertyOptional({
    description: 'Positive observations (not withdrawn), so that the picture is fair; newest first',
  })
  positiveObservations!: BalancingObservation[];

  @ApiPropertyOptional({
    description:
      'Observations neither positive nor leading to a demand (neutral or negative, noted only; not withdrawn); newest first',
  })
  observationsWithoutDemand!: BalancingObservation[];
}
