import type { VisitEvent } from './units.events.js';

export const visitStreamId = (visitId: string): string => `visit-${visitId}`;

export type AntennaVisit = { antennaId: string; conductedOn: string; sourceRef: string | null };

export type Visit = {
  /** PLANNED until at least one antenna has been visited. */
  status: 'PLANNED' | 'CONDUCTED';
  visitId: string;
  /** Planned antennas, plus any antenna visited without being planned. */
  antennaIds: string[];
  planned: boolean;
  plannedFor: string | null;
  conducted: AntennaVisit[];
  lastEventAt: string;
};

export type VisitState = { status: 'INITIAL' } | Visit;

export const initialState = (): VisitState => ({ status: 'INITIAL' });

/** Folds one event into the state. Pure and total. */
export const evolve = (state: VisitState, event: VisitEvent): VisitState => {
  switch (event.type) {
    case 'VisitPlanned':
      return {
        status: state.status === 'CONDUCTED' ? 'CONDUCTED' : 'PLANNED',
        visitId: event.data.visitId,
        antennaIds: [
          ...new Set([...(state.status === 'INITIAL' ? [] : state.antennaIds), ...event.data.antennaIds]),
        ],
        planned: true,
        plannedFor: event.data.plannedFor ?? null,
        conducted: state.status === 'INITIAL' ? [] : state.conducted,
        lastEventAt: event.data.occurredAt,
      };
    case 'VisitConducted': {
      const { antennaId, conductedOn, sourceRef } = event.data;
      const previous: Visit =
        state.status === 'INITIAL'
          ? {
              status: 'CONDUCTED',
              visitId: event.data.visitId,
              antennaIds: [],
              planned: false,
              plannedFor: null,
              conducted: [],
              lastEventAt: event.data.occurredAt,
            }
          : state;
      return {
        ...previous,
        status: 'CONDUCTED',
        antennaIds: previous.antennaIds.includes(antennaId)
          ? previous.antennaIds
          : [...previous.antennaIds, antennaId],
        conducted: [...previous.conducted, { antennaId, conductedOn, sourceRef: sourceRef ?? null }],
        lastEventAt: event.data.occurredAt,
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
