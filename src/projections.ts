import { demandHistoryProjection } from './demands/demand-history/demand-history.projection.js';
import { demandStatusProjection } from './demands/demand-status/demand-status.projection.js';
import { type Projection } from './infrastructure/projections/projection.js';
import { meetingsProjection } from './meetings/meetings-read-model/meetings.projection.js';
import { observationsProjection } from './observations/observations/observations.projection.js';
import { staffingSnapshotsProjection } from './units/staffing-snapshots/staffing-snapshots.projection.js';
import { unitsProjection } from './units/units/units.projection.js';
import { visitsProjection } from './units/visits/visits.projection.js';

/** Every read model of the application. The runners, `/health` and `projections:rebuild` use this list. */
export const allProjections: readonly Projection[] = [
  demandStatusProjection,
  demandHistoryProjection,
  unitsProjection,
  staffingSnapshotsProjection,
  visitsProjection,
  observationsProjection,
  meetingsProjection,
];
