import { impossibleTo } from '../../shared/french-errors.js';
import { DomainError } from '../../shared/domain-error.js';

export class ObservationNotFoundError extends DomainError {
  readonly code = 'OBSERVATION.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(observationId: string) {
    super(`L’observation ${observationId} n’existe pas`, { observationId });
  }
}

export class ObservationAlreadyExistsError extends DomainError {
  readonly code = 'OBSERVATION.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(observationId: string) {
    super(`L’observation ${observationId} est déjà enregistrée`, { observationId });
  }
}

/** A withdrawn observation can be neither corrected nor withdrawn again. */
export class ObservationWithdrawnError extends DomainError {
  readonly code = 'OBSERVATION.WITHDRAWN';
  readonly kind = 'conflict' as const;

  constructor(observationId: string, action: string) {
    super(`${impossibleTo(action)} : l’observation ${observationId} a été retirée`, { observationId });
  }
}

/** The command's data is wrong. `details.rule` names the rule. */
export class ObservationInvalidError extends DomainError {
  readonly code = 'OBSERVATION.INVALID';
  readonly kind = 'invalid' as const;

  constructor(observationId: string, rule: string, message: string) {
    super(message, { observationId, rule });
  }
}
