import type { Fact, ObservationCategory, ObservationEvent, Sentiment } from './observation.events.js';

export const observationStreamId = (observationId: string): string => `observation-${observationId}`;

export type Observation = {
  status: 'RECORDED' | 'WITHDRAWN';
  observationId: string;
  antennaId: string;
  visitId: string | null;
  category: ObservationCategory;
  topic: string;
  text: string;
  facts: Fact[];
  sentiment: Sentiment;
  legalRefs: string[];
  leadsToDemand: boolean;
  observedOn: string;
  illustrative: boolean;
  recordedAt: string;
  correctionCount: number;
  lastCorrectedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  lastEventAt: string;
};

export type ObservationState = { status: 'INITIAL' } | Observation;

export const initialState = (): ObservationState => ({ status: 'INITIAL' });

/** Folds one event into the state. Pure and total; a change to an unknown observation leaves the state as is. */
export const evolve = (state: ObservationState, event: ObservationEvent): ObservationState => {
  switch (event.type) {
    case 'ObservationRecorded': {
      const { data } = event;
      return {
        status: 'RECORDED',
        observationId: data.observationId,
        antennaId: data.antennaId,
        visitId: data.visitId ?? null,
        category: data.category,
        topic: data.topic,
        text: data.text,
        facts: data.facts.map((fact) => ({ ...fact })),
        sentiment: data.sentiment,
        legalRefs: [...data.legalRefs],
        leadsToDemand: data.leadsToDemand,
        observedOn: data.observedOn,
        illustrative: data.illustrative ?? false,
        recordedAt: data.occurredAt,
        correctionCount: 0,
        lastCorrectedAt: null,
        withdrawnAt: null,
        withdrawalReason: null,
        lastEventAt: data.occurredAt,
      };
    }
    case 'ObservationCorrected':
      if (state.status === 'INITIAL') return state;
      return {
        ...state,
        text: event.data.text ?? state.text,
        facts: event.data.facts ? event.data.facts.map((fact) => ({ ...fact })) : state.facts,
        category: event.data.category ?? state.category,
        correctionCount: state.correctionCount + 1,
        lastCorrectedAt: event.data.occurredAt,
        lastEventAt: event.data.occurredAt,
      };
    case 'ObservationWithdrawn':
      if (state.status === 'INITIAL') return state;
      return {
        ...state,
        status: 'WITHDRAWN',
        withdrawnAt: event.data.occurredAt,
        withdrawalReason: event.data.reason,
        lastEventAt: event.data.occurredAt,
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
