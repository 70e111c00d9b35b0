import { demandHistoryProjection } from './demands/demand-history/demand-history.projection.js';
import { demandStatusProjection } from './demands/demand-status/demand-status.projection.js';
import { type Projection } from './infrastructure/projections/projection.js';

/** Every read model of the application. The runners, `/health` and `projections:rebuild` use this list. */
export const allProjections: readonly Projection[] = [demandStatusProjection, demandHistoryProjection];
