import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { ObservationNotFoundError } from '../domain/observation.errors.js';
import { type Observation } from '../domain/observation.js';
import { type ObservationHistoryEntry } from '../observations/observations.projection.js';
import { type ObservationDetailView, toObservationView } from './observation.view.js';

export class GetObservationQuery extends Query<ObservationDetailView> {
  constructor(
    readonly observationId: string,
    /** The reader's organisation: another organisation's observation does not exist for it. */
    readonly organisationId?: string,
  ) {
    super();
  }
}

@QueryHandler(GetObservationQuery)
export class GetObservationHandler implements IQueryHandler<GetObservationQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async execute({ observationId, organisationId }: GetObservationQuery): Promise<ObservationDetailView> {
    const { rows } = await this.db.query<{
      state: Observation;
      revision: string;
      history: ObservationHistoryEntry[];
    }>(
      `SELECT state, revision::text AS revision, history FROM rm.observations
        WHERE observation_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [observationId, organisationId ?? null],
    );
    const row = rows[0];
    if (!row) throw new ObservationNotFoundError(observationId);
    return { ...toObservationView(row.state, Number(row.revision)), history: row.history };
  }
}
