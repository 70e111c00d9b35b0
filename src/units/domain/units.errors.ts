import { DomainError } from '../../shared/domain-error.js';

export class UnitNotFoundError extends DomainError {
  readonly code = 'UNIT.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(unitId: string) {
    super(`L’unité ${unitId} n’existe pas`, { unitId });
  }
}

export class UnitAlreadyExistsError extends DomainError {
  readonly code = 'UNIT.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(unitId: string) {
    super(`L’unité ${unitId} est déjà enregistrée`, { unitId });
  }
}

/** Staffing snapshots belong to antennas only. */
export class UnitNotAnAntennaError extends DomainError {
  readonly code = 'UNIT.NOT_AN_ANTENNA';
  readonly kind = 'conflict' as const;

  constructor(unitId: string, kind: string) {
    super(
      `L’unité ${unitId} est de type ${kind}, pas une antenne : les relevés d’effectifs s’enregistrent sur les antennes`,
      {
        unitId,
        kind,
      },
    );
  }
}

export class StaffingSnapshotAlreadyRecordedError extends DomainError {
  readonly code = 'UNIT.SNAPSHOT_ALREADY_RECORDED';
  readonly kind = 'conflict' as const;

  constructor(unitId: string, snapshotId: string) {
    super(`Le relevé d’effectifs ${snapshotId} est déjà enregistré sur l’unité ${unitId}`, {
      unitId,
      snapshotId,
    });
  }
}

/** The command's data is wrong. `details.rule` names the rule. */
export class UnitInvalidError extends DomainError {
  readonly code = 'UNIT.INVALID';
  readonly kind = 'invalid' as const;

  constructor(unitId: string, rule: string, message: string) {
    super(message, { unitId, rule });
  }
}

export class VisitAlreadyExistsError extends DomainError {
  readonly code = 'VISIT.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(visitId: string) {
    super(`La visite ${visitId} existe déjà`, { visitId });
  }
}

export class VisitAlreadyConductedError extends DomainError {
  readonly code = 'VISIT.ALREADY_CONDUCTED';
  readonly kind = 'conflict' as const;

  constructor(visitId: string, antennaId: string, conductedOn: string) {
    super(`La visite ${visitId} a déjà couvert l’antenne ${antennaId} le ${conductedOn}`, {
      visitId,
      antennaId,
      conductedOn,
    });
  }
}

/** The command's data is wrong. `details.rule` names the rule. */
export class VisitInvalidError extends DomainError {
  readonly code = 'VISIT.INVALID';
  readonly kind = 'invalid' as const;

  constructor(visitId: string, rule: string, message: string) {
    super(message, { visitId, rule });
  }
}

export class VisitNotFoundError extends DomainError {
  readonly code = 'VISIT.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(visitId: string) {
    super(`Visit ${visitId} does not exist`, { visitId });
  }
}
