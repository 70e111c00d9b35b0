import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { DemandNotFoundError } from '../domain/demand.errors.js';
import { type Demand } from '../domain/demand.js';
import { type DemandView, toDemandView } from './demand.view.js';

export class GetDemandQuery extends Query<DemandView> {
  constructor(readonly demandId: string) {
    super();
  }
}

@QueryHandler(GetDemandQuery)
export class GetDemandHandler implements IQueryHandler<GetDemandQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ demandId }: GetDemandQuery): Promise<DemandView> {
    const { rows } = await this.db.query<{ state: Demand; revision: string }>(
      `SELECT state, revision::text AS revision FROM rm.demand_status WHERE demand_id = $1`,
      [demandId],
    );
    const row = rows[0];
    if (!row) throw new DemandNotFoundError(demandId);
    return toDemandView(row.state, Number(row.revision), this.clock.now().toISOString());
  }
}
