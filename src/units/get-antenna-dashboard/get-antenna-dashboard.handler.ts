import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { asOfFrom } from '../../demands/as-of.js';
import { OPEN_STATUSES } from '../../demands/domain/demand.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { OrganisationReferenceRatios } from '../../reference-ratios/reference-ratios.service.js';
import { type Caseload, type StaffingLine } from '../domain/units.events.js';
import { ancestorsOf, loadUnits, pathOf } from '../units/unit-tree.js';
import { visitsByAntenna } from '../visits/antenna-visits.js';
import { antennaSectionsAsOf } from './antenna-dashboard-as-of.js';
import { AntennaNotFoundError } from './antenna-not-found.error.js';
import { type AntennaDashboardView, type BalancingObservation } from './antenna-dashboard.view.js';
import {
  type DashboardSections,
  demandCounts,
  type SnapshotFigures,
  splitBalancingObservations,
  staffingFigures,
} from './dashboard-figures.js';
import { type GetAntennaDashboardRequest } from './get-antenna-dashboard.request.js';
import { referenceInUse } from './reference-in-use.js';

export class GetAntennaDashboardQuery extends Query<AntennaDashboardView> {
  constructor(
    readonly antennaId: string,
    readonly request: GetAntennaDashboardRequest = {},
    /** The reader's organisation: another organisation's antenna does not exist for it. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

type SnapshotRow = {
  snapshot_id: string;
  revision: string;
  as_of: string;
  lines: StaffingLine[];
  caseload: Caseload;
  assumptions: string[];
  illustrative: boolean;
};

/**
 * The antenna page: open demands, staffing against the reference ratios, visits, and the positive side.
 * Today's page reads the read models. With `asOf` (and `known=recorded`), the page at a past instant is folded
 * from the events themselves (see `antennaSectionsAsOf`); overdue flags are then judged at that instant.
 * Staffing is measured against the organisation's reference ratios (as they stood at `asOf`), or the DAP's OR while
 * it set none; `cpipPerPeople` / `asePerPeople` override them for the request.
 */
@QueryHandler(GetAntennaDashboardQuery)
export class GetAntennaDashboardHandler implements IQueryHandler<GetAntennaDashboardQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly referenceRatios: OrganisationReferenceRatios,
  ) {}

  async execute({
    antennaId,
    request,
    organisationId,
  }: GetAntennaDashboardQuery): Promise<AntennaDashboardView> {
    const asOf = asOfFrom(request);
    const now = asOf?.at ?? this.clock.now();
    const units = await loadUnits(this.db, organisationId);
    const antenna = units.get(antennaId);
    if (!antenna || antenna.kind !== 'ANTENNA') throw new AntennaNotFoundError(antennaId);
    const [sections, inForce] = await Promise.all([
      asOf
        ? antennaSectionsAsOf(this.db, this.store, antennaId, asOf, organisationId)
        : this.today(antennaId, now, organisationId),
      // As they stood at asOf: by when a change took effect, or with known=recorded by when it was recorded.
      this.referenceRatios.inForce(organisationId, asOf ? { asOf } : {}),
    ]);
    const reference = referenceInUse(inForce, {
      ...(request.cpipPerPeople === undefined ? {} : { cpipPerPeople: request.cpipPerPeople }),
      ...(request.asePerPeople === undefined ? {} : { asePerPeople: request.asePerPeople }),
    });
    const parents = ancestorsOf(units, antenna);
    return {
      antenna: {
        id: antenna.id,
        name: antenna.name,
        milieu: antenna.milieu,
        establishment: antenna.establishment,
        parents,
        path: pathOf(parents),
      },
      asOf: now.toISOString(),
      demands: sections.demands,
      staffing: {
        reference: {
          ...reference.ratios,
          origin: reference.origin,
          source: reference.source,
          description: reference.description,
        },
        ...staffingFigures(sections.snapshots, reference.ratios, reference.labels),
      },
      visits: {
        visited: sections.visits.lastVisit !== null,
        lastVisit: sections.visits.lastVisit,
        nextPlannedVisit: sections.visits.nextPlannedVisit,
      },
      ...splitBalancingObservations(sections.balancingObservations),
    };
  }

  /** Today's sections, from the read models. */
  private async today(
    antennaId: string,
    now: Date,
    organisationId: string | undefined,
  ): Promise<DashboardSections> {
    const [demands, snapshots, visits, balancingObservations] = await Promise.all([
      this.demands(antennaId, now, organisationId),
      this.snapshots(antennaId, organisationId),
      visitsByAntenna(this.db, now.toISOString().slice(0, 10), { antennaIds: [antennaId], organisationId }),
      this.balancingObservations(antennaId, organisationId),
    ]);
    const seen = visits.get(antennaId);
    return {
      demands,
      snapshots,
      visits: { lastVisit: seen?.lastVisit ?? null, nextPlannedVisit: seen?.nextPlannedVisit ?? null },
      balancingObservations,
    };
  }

  private async demands(
    antennaId: string,
    now: Date,
    organisationId: string | undefined,
  ): Promise<AntennaDashboardView['demands']> {
    const org = organisationId ?? null;
    const [groups, overdue] = await Promise.all([
      this.db.query<{ status: string; category: string | null; n: string }>(
        `SELECT status, category, count(*)::text AS n FROM rm.demand_status
          WHERE antenna_id = $1 AND status = ANY($2::text[]) AND ($3::text IS NULL OR organisation_id = $3)
          GROUP BY status, category`,
        [antennaId, OPEN_STATUSES, org],
      ),
      this.db.query<{ response: string; commitment: string; any: string }>(
        `SELECT (count(*) FILTER (WHERE awaiting_response_until < $2))::text AS response,
                (count(*) FILTER (WHERE open_commitment_due_at < $2))::text AS commitment,
                (count(*) FILTER (WHERE awaiting_response_until < $2 OR open_commitment_due_at < $2))::text AS any
           FROM rm.demand_status
          WHERE antenna_id = $1 AND status = ANY($3::text[]) AND ($4::text IS NULL OR organisation_id = $4)`,
        [antennaId, now, OPEN_STATUSES, org],
      ),
    ]);
    const counts = overdue.rows[0];
    return demandCounts(
      groups.rows.map((row) => ({ ...row, n: Number(row.n) })),
      {
        response: Number(counts?.response ?? 0),
        commitment: Number(counts?.commitment ?? 0),
        any: Number(counts?.any ?? 0),
      },
    );
  }

  private async snapshots(antennaId: string, organisationId: string | undefined): Promise<SnapshotFigures[]> {
    const { rows } = await this.db.query<SnapshotRow>(
      `SELECT snapshot_id, revision::text AS revision, as_of, lines, caseload, assumptions, illustrative
         FROM rm.staffing_snapshots WHERE antenna_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [antennaId, organisationId ?? null],
    );
    // Oldest first; on the same date the last recorded comes last (it is the one that counts).
    return rows
      .sort((a, b) => Date.parse(a.as_of) - Date.parse(b.as_of) || Number(a.revision) - Number(b.revision))
      .map((row) => ({
        snapshotId: row.snapshot_id,
        asOf: row.as_of,
        lines: row.lines,
        caseload: row.caseload,
        assumptions: row.assumptions,
        illustrative: row.illustrative,
      }));
  }

  private async balancingObservations(
    antennaId: string,
    organisationId: string | undefined,
  ): Promise<BalancingObservation[]> {
    const { rows } = await this.db.query<{
      observation_id: string;
      visit_id: string | null;
      category: string;
      topic: string;
      text: string;
      sentiment: string;
      leads_to_demand: boolean;
      observed_on: string | null;
    }>(
      `SELECT observation_id, visit_id, category, topic, state->>'text' AS text, sentiment, leads_to_demand,
              observed_on
         FROM rm.observations
        WHERE antenna_id = $1 AND NOT withdrawn AND (sentiment = 'positive' OR NOT leads_to_demand)
          AND ($2::text IS NULL OR organisation_id = $2)
        ORDER BY observed_on DESC NULLS LAST, observation_id`,
      [antennaId, organisationId ?? null],
    );
    return rows.map((row) => ({
      id: row.observation_id,
      visitId: row.visit_id,
      category: row.category,
      topic: row.topic,
      text: row.text,
      sentiment: row.sentiment,
      leadsToDemand: row.leads_to_demand,
      observedOn: row.observed_on,
    }));
  }
}
