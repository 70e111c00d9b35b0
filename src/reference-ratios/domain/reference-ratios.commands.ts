import type { ReferenceRatios } from '../../units/domain/staffing-ratios.js';

/**
 * Set the organisation's reference ratios to `ratios` (the full set). `defaults` are the ratios in force while none
 * were ever set (the DAP's OR, passed in like the time), so a change equal to them is recognised as no change.
 */
export type ChangeReferenceRatios = Readonly<{
  type: 'ChangeReferenceRatios';
  organisationId: string;
  occurredAt: string;
  ratios: ReferenceRatios;
  source: string;
  reason?: string;
  defaults: ReferenceRatios;
}>;

export type ReferenceRatiosCommand = ChangeReferenceRatios;
