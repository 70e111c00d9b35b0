import { DomainError } from '../../shared/domain-error.js';

/** No registered unit of kind ANTENNA has this id (a SPIP id, for instance, is not an antenna). */
export class AntennaNotFoundError extends DomainError {
  readonly code = 'UNIT.ANTENNA_NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(antennaId: string) {
    super(`Aucune antenne ${antennaId} n’est enregistrée`, { antennaId });
  }
}
