import { DomainError } from '../../shared/domain-error.js';

/** The ratios asked for break an invariant (range, missing source…). `details.field` names it. */
export class ReferenceRatiosInvalidError extends DomainError {
  readonly code = 'REFERENCE_RATIOS.INVALID';
  readonly kind = 'invalid' as const;

  constructor(organisationId: string, field: string, rule: string, message: string) {
    super(message, { organisationId, field, rule });
  }
}
