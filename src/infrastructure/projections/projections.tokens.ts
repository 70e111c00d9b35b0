export const EVENT_SOURCE = Symbol('EventSource');
export const PROJECTIONS = Symbol('Projections');
