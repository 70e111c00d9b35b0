import type { Fact, ObservationCategory, Sentiment } from './observation.events.js';

type ObservationCommandOf<Type extends string, Data extends object> = Readonly<
  { type: Type; observationId: string; occurredAt: string } & Data
>;

export type RecordObservation = ObservationCommandOf<
  'RecordObservation',
  {
    antennaId: string;
    visitId?: string;
    category: ObservationCategory;
    topic: string;
    text: string;
    facts?: Fact[];
    sentiment: Sentiment;
    legalRefs?: string[];
    leadsToDemand: boolean;
    observedOn: string;
    illustrative?: boolean;
  }
>;

/** Give at least one of text, facts, category, different from the current value; `reason` is required. */
export type CorrectObservation = ObservationCommandOf<
  'CorrectObservation',
  { text?: string; facts?: Fact[]; category?: ObservationCategory; reason: string }
>;

export type WithdrawObservation = ObservationCommandOf<'WithdrawObservation', { reason: string }>;

export type ObservationCommand = RecordObservation | CorrectObservation | WithdrawObservation;
