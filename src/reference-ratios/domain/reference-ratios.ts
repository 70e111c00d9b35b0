import type { ReferenceRatios } from '../../units/domain/staffing-ratios.js';
import {
  REFERENCE_RATIO_NAMES,
  type ReferenceRatioName,
  type ReferenceRatiosEvent,
} from './reference-ratios.events.js';

/**
 * One stream per organisation. The category (the part before the first dash, `streamTypeOf`) is
 * `referenceratios`: organisation ids may contain dashes, so the category itself has none.
 */
export const referenceRatiosStreamId = (organisationId: string): string =>
  `referenceratios-${organisationId}`;

/** `defaults` until an admin sets the ratios; then the last set recorded, with its source. */
export type ReferenceRatiosState =
  | Readonly<{ status: 'defaults' }>
  | Readonly<{ status: 'set'; ratios: ReferenceRatios; changedAt: string; source: string; changes: number }>;

export const initialState = (): ReferenceRatiosState => ({ status: 'defaults' });

export const evolve = (state: ReferenceRatiosState, event: ReferenceRatiosEvent): ReferenceRatiosState => {
  switch (event.type) {
    case 'ReferenceRatiosChanged':
      return {
        status: 'set',
        ratios: event.data.ratios,
        changedAt: event.data.occurredAt,
        source: event.data.source,
        changes: (state.status === 'set' ? state.changes : 0) + 1,
      };
    default: {
      const unknown: never = event.type;
      throw new Error(`Unknown reference ratios event: ${String(unknown)}`);
    }
  }
};

/** The ratios in force: the defaults (passed in: the DAP's OR) until an admin sets them. */
export const ratiosInForce = (state: ReferenceRatiosState, defaults: ReferenceRatios): ReferenceRatios =>
  state.status === 'set' ? state.ratios : defaults;

/** Where the ratios in force come from: the source recorded with the last change, or null for the defaults. */
export const sourceInForce = (state: ReferenceRatiosState): string | null =>
  state.status === 'set' ? state.source : null;

export const sameRatios = (a: ReferenceRatios, b: ReferenceRatios): boolean =>
  REFERENCE_RATIO_NAMES.every((name) => a[name] === b[name]);

/** The ratios that differ between two sets, in the stored order. */
export const changedRatios = (
  before: ReferenceRatios,
  after: ReferenceRatios,
): { name: ReferenceRatioName; from: number; to: number }[] =>
  REFERENCE_RATIO_NAMES.filter((name) => before[name] !== after[name]).map((name) => ({
    name,
    from: before[name],
    to: after[name],
  }));
