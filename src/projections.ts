import { type Projection } from './infrastructure/projections/projection.js';

/** Every read model of the application. The runners, `/health` and `projections:rebuild` use this list. */
export const allProjections: readonly Projection[] = [];
