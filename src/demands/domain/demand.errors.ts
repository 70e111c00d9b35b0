import { impossibleTo } from '../../shared/french-errors.js';
import { DomainError } from '../../shared/domain-error.js';

export class DemandNotFoundError extends DomainError {
  readonly code = 'DEMAND.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(demandId: string) {
    super(`La revendication ${demandId} n’existe pas`, { demandId });
  }
}

export class DemandAlreadyExistsError extends DomainError {
  readonly code = 'DEMAND.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(demandId: string, status: string) {
    super(`La revendication ${demandId} existe déjà (statut ${status})`, { demandId, status });
  }
}

/** The command is not allowed in the demand's current status. The message lists where it is allowed from. */
export class DemandTransitionNotAllowedError extends DomainError {
  readonly code = 'DEMAND.ILLEGAL_TRANSITION';
  readonly kind = 'conflict' as const;

  constructor(
    demandId: string,
    command: string,
    action: string,
    status: string,
    allowedFrom: readonly string[],
  ) {
    super(
      `${impossibleTo(action)} tant que la revendication est au statut ${status} ; possible depuis : ${allowedFrom.join(', ')}`,
      {
        demandId,
        command,
        status,
        allowedFrom: [...allowedFrom],
      },
    );
  }
}

/**
 * The status allows the command, but another business rule does not (no verification yet, last stance is not
 * `refuse`, unknown or finished commitment, observation not linked…). `details.rule` names the rule.
 */
export class DemandPreconditionFailedError extends DomainError {
  readonly code = 'DEMAND.PRECONDITION_FAILED';
  readonly kind = 'conflict' as const;

  constructor(demandId: string, rule: string, message: string) {
    super(message, { demandId, rule });
  }
}

/** The command's own data is wrong (empty title, due date before the submission…). `details.rule` names the rule. */
export class DemandInvalidError extends DomainError {
  readonly code = 'DEMAND.INVALID';
  readonly kind = 'invalid' as const;

  constructor(demandId: string, rule: string, message: string) {
    super(message, { demandId, rule });
  }
}
