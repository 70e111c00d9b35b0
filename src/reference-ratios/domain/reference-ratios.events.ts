import type { Event } from '../../shared/event.js';
import type { ReferenceRatios } from '../../units/domain/staffing-ratios.js';

/** The ratio names, in the order they are shown and stored. */
export const REFERENCE_RATIO_NAMES = [
  'cpipPerPeople',
  'asePerPeople',
] as const satisfies readonly (keyof ReferenceRatios)[];
export type ReferenceRatioName = (typeof REFERENCE_RATIO_NAMES)[number];

/**
 * An admin of the organisation set the reference ratios staffing is measured against: the full new set (people
 * followed per CPIP ETP, people under electronic monitoring per ASE), where it comes from (`source`: the OR the DAP
 * published, a decision of the union…) and why. Stream `referenceratios-<organisationId>`, one per organisation.
 */
export type ReferenceRatiosChanged = Event<
  'ReferenceRatiosChanged',
  {
    organisationId: string;
    /** When the change took effect (ISO 8601 instant). */
    occurredAt: string;
    ratios: ReferenceRatios;
    /** Free text: the organigramme or decision the ratios come from, e.g. "OR DAP 2024, note du 12 janvier 2024". */
    source: string;
    reason?: string;
  }
>;

export type ReferenceRatiosEvent = ReferenceRatiosChanged;
