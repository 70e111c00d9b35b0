/**
 * Base of every business error. `kind` tells the edge how to answer (one filter maps kinds to HTTP);
 * `code` is stable (e.g. DEMAND.ILLEGAL_TRANSITION) and `details` is safe to show to the user.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'precondition_failed';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}
