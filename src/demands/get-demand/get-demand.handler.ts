import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { organisationOf } from '../../infrastructure/commands/access.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type AsOf, isKnownAt } from '../as-of.js';
import { DemandNotFoundError } from '../domain/demand.errors.js';
import { type DemandEvent } from '../domain/demand.events.js';
import { type Demand, demandStreamId, evolve, initialState } from '../domain/demand.js';
import { type DemandView, toDemandView } from './demand.view.js';

export class GetDemandQuery extends Query<DemandView> {
  constructor(
    readonly demandId: string,
    readonly asOf?: AsOf,
    /** The reader's organisation: another organisation's demand does not exist for it. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

/**
 * Today's state comes from the read model. The state at a past date is folded from the events themselves, kept
 * by when they happened (or, with known=recorded, by when they were recorded), never from read-table snapshots.
 */
@QueryHandler(GetDemandQuery)
export class GetDemandHandler implements IQueryHandler<GetDemandQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId, asOf, organisationId }: GetDemandQuery): Promise<DemandView> {
    if (asOf) return this.asOf(demandId, asOf, organisationId);
    const { rows } = await this.db.query<{ state: Demand; revision: string }>(
      `SELECT state, revision::text AS revision FROM rm.demand_status
        WHERE demand_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [demandId, organisationId ?? null],
      { prepareAs: 'rm_demand_status_get' },
    );
    const row = rows[0];
    if (!row) throw new DemandNotFoundError(demandId);
    return toDemandView(row.state, Number(row.revision), this.clock.now().toISOString());
  }

  private async asOf(demandId: string, asOf: AsOf, organisationId?: string): Promise<DemandView> {
    const stream = await this.store.readStream(demandStreamId(demandId));
    if (organisationId && stream.length > 0 && organisationOf(stream) !== organisationId) {
      throw new DemandNotFoundError(demandId);
    }
    const events = stream.filter((e) => isKnownAt(e, asOf));
    const state = events.reduce(
      (s, e) => evolve(s, { type: e.type, data: e.data } as unknown as DemandEvent),
      initialState(),
    );
    const last = events[events.length - 1];
    if (state.status === 'INITIAL' || !last) throw new DemandNotFoundError(demandId);
    return toDemandView(state, Number(last.revision), asOf.at.toISOString());
  }
}
