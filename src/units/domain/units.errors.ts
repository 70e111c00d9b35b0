import { DomainError } from '../../shared/domain-error.js';

export class UnitNotFoundError extends DomainError {
  readonly code = 'UNIT.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(unitId: string) {
    super(`Unit ${unitId} does not exist`, { unitId });
  }
}

export class UnitAlreadyExistsError extends DomainError {
  readonly code = 'UNIT.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(unitId: string) {
    super(`Unit ${unitId} is already registered`, { unitId });
  }
}

/** Staffing snapshots belong to antennas only. */
export class UnitNotAnAntennaError extends DomainError {
  readonly code = 'UNIT.NOT_AN_ANTENNA';
  readonly kind = 'conflict' as const;

  constructor(unitId: string, kind: string) {
    super(`Unit ${unitId} is a ${kind}, not an ANTENNA: staffing snapshots are recorded on antennas`, {
      unitId,
      kind,
    });
  }
}

export class StaffingSnapshotAlreadyRecordedError extends DomainError {
  readonly code = 'UNIT.SNAPSHOT_ALREADY_RECORDED';
  readonly kind = 'conflict' as const;

  constructor(unitId: string, snapshotId: string) {
    super(`Staffing snapshot ${snapshotId} is already recorded on unit ${unitId}`, { unitId, snapshotId });
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
    super(`Visit ${visitId} already exists`, { visitId });
  }
}

export class VisitAlreadyConductedError extends DomainError {
  readonly code = 'VISIT.ALREADY_CONDUCTED';
  readonly kind = 'conflict' as const;

  constructor(visitId: string, antennaId: string, conductedOn: string) {
    super(`Visit ${visitId} already covered antenna ${antennaId} on ${conductedOn}`, {
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
