import { DomainError } from '../../shared/domain-error.js';

/** The stream was not at the expected revision: nothing was appended and no position was consumed. */
export class WrongExpectedRevisionError extends DomainError {
  readonly code = 'STREAM.WRONG_EXPECTED_REVISION';
  readonly kind = 'conflict' as const;
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`La ressource ${streamId} est à la révision ${String(actual)}, ${expected} était attendue`, {
      streamId,
      expected,
      actual: String(actual),
    });
  }
}

/** Some of the event ids were already recorded, but not as this exact batch in this stream. */
export class EventIdConflictError extends DomainError {
  readonly code = 'STREAM.EVENT_ID_CONFLICT';
  readonly kind = 'conflict' as const;
  constructor(readonly streamId: string) {
    super(`Certains identifiants d’événements sont déjà enregistrés ailleurs (flux ${streamId})`, {
      streamId,
    });
  }
}
