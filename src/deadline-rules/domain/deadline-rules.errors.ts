import { DomainError } from '../../shared/domain-error.js';

/** The rules asked for break an invariant (range, order between two rules, missing source). `details.field` names it. */
export class DeadlineRulesInvalidError extends DomainError {
  readonly code = 'DEADLINE_RULES.INVALID';
  readonly kind = 'invalid' as const;

  constructor(organisationId: string, field: string, rule: string, message: string) {
    super(message, { organisationId, field, rule });
  }
}
