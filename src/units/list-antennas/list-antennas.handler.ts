import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type Milieu } from '../domain/units.events.js';
import { ancestorsOf, loadUnits, pathOf, type UnitRef } from '../units/unit-tree.js';
import { type LastVisit, type PlannedVisit, visitsByAntenna } from '../visits/antenna-visits.js';
import { type ListAntennasRequest } from './list-antennas.request.js';

export type AntennaSummary = {
  id: string;
  name: string;
  milieu: Milieu | null;
  establishment: string | null;
  /** Units above the antenna, nearest first: SPIP, DISP, DAP. */
  parents: UnitRef[];
  /** From the top: "DAP > DISP > SPIP". */
  path: string;
  visited: boolean;
  lastVisit: LastVisit | null;
  nextPlannedVisit: PlannedVisit | null;
  /** Demands of the antenna not closed (drafts included), from rm.demand_status. */
  openDemands: number;
};

export type AntennaList = {
  items: AntennaSummary[];
  /** The roll-up: how many antennas, how many visited, how many not yet visited. */
  summary: { antennas: number; visited: number; notYetVisited: number };
};

export class ListAntennasQuery extends Query<AntennaList> {
  constructor(
    readonly filter: ListAntennasRequest,
    /** The reader's organisation: only its antennas, visits and demands. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

/** Antennas side by side, grouped by their chain (SPIP, DISP), with visits and open demands. */
@QueryHandler(ListAntennasQuery)
export class ListAntennasHandler implements IQueryHandler<ListAntennasQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, organisationId }: ListAntennasQuery): Promise<AntennaList> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const [units, visits, demands] = await Promise.all([
      loadUnits(this.db, organisationId),
      visitsByAntenna(this.db, today, { organisationId }),
      this.db.query<{ antenna_id: string; n: string }>(
        `SELECT antenna_id, count(*)::text AS n FROM rm.demand_status
          WHERE status = ANY($1::text[]) AND antenna_id IS NOT NULL AND ($2::text IS NULL OR organisation_id = $2)
          GROUP BY antenna_id`,
        [OPEN_STATUSES, organisationId ?? null],
      ),
    ]);
    const open = new Map(demands.rows.map((row) => [row.antenna_id, Number(row.n)]));
    const items = [...units.values()]
      .filter((unit) => unit.kind === 'ANTENNA')
      .map((unit): AntennaSummary => {
        const parents = ancestorsOf(units, unit);
        const seen = visits.get(unit.id);
        return {
          id: unit.id,
          name: unit.name,
          milieu: unit.milieu,
          establishment: unit.establishment,
          parents,
          path: pathOf(parents),
          visited: (seen?.lastVisit ?? null) !== null,
          lastVisit: seen?.lastVisit ?? null,
          nextPlannedVisit: seen?.nextPlannedVisit ?? null,
          openDemands: open.get(unit.id) ?? 0,
        };
      })
      .filter((antenna) => filter.within === undefined || antenna.parents.some((p) => p.id === filter.within))
      .filter((antenna) => filter.visited === undefined || antenna.visited === filter.visited)
      .sort((a, b) => a.path.localeCompare(b.path, 'fr') || a.name.localeCompare(b.name, 'fr'));
    const visited = items.filter((antenna) => antenna.visited).length;
    return {
      items,
      summary: { antennas: items.length, visited, notYetVisited: items.length - visited },
    };
  }
}
