import type { Milieu, StaffingSnapshot, UnitEvent, UnitKind } from './units.events.js';

export const unitStreamId = (unitId: string): string => `unit-${unitId}`;

export type Unit = {
  status: 'REGISTERED';
  unitId: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
  milieu: Milieu | null;
  establishment: string | null;
  registeredAt: string;
  /** In recording order. */
  snapshots: StaffingSnapshot[];
  /** The snapshot with the latest `asOf` (the last recorded wins a tie). */
  latestSnapshot: StaffingSnapshot | null;
  lastEventAt: string;
};

export type UnitState = { status: 'INITIAL' } | Unit;

export const initialState = (): UnitState => ({ status: 'INITIAL' });

const time = (iso: string): number => new Date(iso).getTime();

/** Folds one event into the state. Pure and total; a snapshot on an unknown unit leaves the state as is. */
export const evolve = (state: UnitState, event: UnitEvent): UnitState => {
  switch (event.type) {
    case 'UnitRegistered':
      return {
        status: 'REGISTERED',
        unitId: event.data.unitId,
        kind: event.data.kind,
        name: event.data.name,
        parentId: event.data.parentId ?? null,
        milieu: event.data.milieu ?? null,
        establishment: event.data.establishment ?? null,
        registeredAt: event.data.occurredAt,
        snapshots: [],
        latestSnapshot: null,
        lastEventAt: event.data.occurredAt,
      };
    case 'StaffingSnapshotRecorded': {
      if (state.status === 'INITIAL') return state;
      const { unitId: _unitId, occurredAt, ...snapshot } = event.data;
      const latest = state.latestSnapshot;
      return {
        ...state,
        snapshots: [...state.snapshots, snapshot],
        latestSnapshot: latest === null || !(time(snapshot.asOf) < time(latest.asOf)) ? snapshot : latest,
        lastEventAt: occurredAt,
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
