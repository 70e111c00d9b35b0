import type { ChangeReferenceRatios } from '../../../src/reference-ratios/domain/reference-ratios.commands.js';
import type { ReferenceRatiosChanged } from '../../../src/reference-ratios/domain/reference-ratios.events.js';
import { DEFAULT_REFERENCE_RATIOS, type ReferenceRatios } from '../../../src/units/domain/staffing-ratios.js';

export const ORGANISATION_ID = 'fo-justice';

/** The DAP's OR: 1 CPIP ETP per 60 people followed, 1 ASE per 50 under electronic monitoring. */
export const DEFAULT_RATIOS: ReferenceRatios = { ...DEFAULT_REFERENCE_RATIOS };

export const SOURCE = 'OR DAP 2024, note du 12 janvier 2024';

export const changeReferenceRatios = (
  overrides: Partial<Omit<ChangeReferenceRatios, 'ratios'>> & { ratios?: Partial<ReferenceRatios> } = {},
): ChangeReferenceRatios => {
  const { ratios, ...rest } = overrides;
  return {
    type: 'ChangeReferenceRatios',
    organisationId: ORGANISATION_ID,
    occurredAt: '2024-03-01T09:00:00.000Z',
    source: SOURCE,
    defaults: DEFAULT_RATIOS,
    ...rest,
    ratios: { ...DEFAULT_RATIOS, cpipPerPeople: 50, ...ratios },
  };
};

export const referenceRatiosChanged = (
  overrides: Partial<Omit<ReferenceRatiosChanged['data'], 'ratios'>> & {
    ratios?: Partial<ReferenceRatios>;
  } = {},
): ReferenceRatiosChanged => {
  const { ratios, ...rest } = overrides;
  return {
    type: 'ReferenceRatiosChanged',
    data: {
      organisationId: ORGANISATION_ID,
      occurredAt: '2024-03-01T09:00:00.000Z',
      source: SOURCE,
      ...rest,
      ratios: { ...DEFAULT_RATIOS, cpipPerPeople: 50, ...ratios },
    },
  };
};
