import type { Event } from '../../shared/event.js';

export const OBSERVATION_CATEGORIES = ['difficulties', 'premises_security', 'hr'] as const;
export type ObservationCategory = (typeof OBSERVATION_CATEGORIES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export type FactValue = string | number | (string | number)[];
/** A structured fact read in the report, e.g. `{ key: 'prep_window_days', value: 2 }`. */
export type Fact = { key: string; value: FactValue };

/** Every observation event carries `observationId` and `occurredAt` (ISO 8601, when it happened in the world). */
type ObservationEventOf<Type extends string, Data extends object> = Event<
  Type,
  { observationId: string; occurredAt: string } & Data
>;

export type ObservationRecorded = ObservationEventOf<
  'ObservationRecorded',
  {
    antennaId: string;
    visitId?: string;
    category: ObservationCategory;
    /** Stable topic code, e.g. `CAP_LSC_TIMING`. */
    topic: string;
    text: string;
    facts: Fact[];
    sentiment: Sentiment;
    legalRefs: string[];
    /** False for observations that generate no demand (e.g. a positive team climate). */
    leadsToDemand: boolean;
    /** Date of the visit or report where it was observed (ISO date). */
    observedOn: string;
    illustrative?: boolean;
  }
>;

export type ObservationCorrection = { text?: string; facts?: Fact[]; category?: ObservationCategory };

export type ObservationCorrected = ObservationEventOf<
  'ObservationCorrected',
  ObservationCorrection & {
    reason: string;
    /** The values replaced, for the changed fields only. */
    previous: ObservationCorrection;
  }
>;

export type ObservationWithdrawn = ObservationEventOf<'ObservationWithdrawn', { reason: string }>;

export type ObservationEvent = ObservationRecorded | ObservationCorrected | ObservationWithdrawn;
export type ObservationEventType = ObservationEvent['type'];

const observationEventTypes: Record<ObservationEventType, true> = {
  ObservationRecorded: true,
  ObservationCorrected: true,
  ObservationWithdrawn: true,
};

/** Every stored observation event type (a contract: these names are persisted). */
export const OBSERVATION_EVENT_TYPES = Object.keys(observationEventTypes) as readonly ObservationEventType[];

export const isObservationEvent = (event: { type: string }): event is ObservationEvent =>
  Object.prototype.hasOwnProperty.call(observationEventTypes, event.type);
