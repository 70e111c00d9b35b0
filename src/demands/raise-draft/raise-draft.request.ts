import { OccurredAtRequest } from '../demand.requests.js';

/** Raising a draft re-uses the draft's own details: only when it happened may be given. */
export class RaiseDraftRequest extends OccurredAtRequest {}
