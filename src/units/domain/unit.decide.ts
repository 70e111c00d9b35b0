import type { Decider } from '../../shared/decider.js';
import type { RecordStaffingSnapshot, RegisterUnit, UnitCommand } from './units.commands.js';
import {
  MILIEUX,
  UNIT_KINDS,
  type Caseload,
  type StaffingLine,
  type StaffingSnapshotRecorded,
  type UnitEvent,
  type UnitKind,
  type UnitRegistered,
} from './units.events.js';
import { evolve, initialState, type UnitState } from './unit.js';
import {
  StaffingSnapshotAlreadyRecordedError,
  UnitAlreadyExistsError,
  UnitInvalidError,
  UnitNotAnAntennaError,
  UnitNotFoundError,
} from './units.errors.js';

/** Which kind of unit each kind hangs under (the DAP is the root). */
export const PARENT_KIND: Readonly<Record<UnitKind, UnitKind | null>> = {
  DAP: null,
  DISP: 'DAP',
  SPIP: 'DISP',
  SIEGE: 'SPIP',
  ANTENNA: 'SPIP',
};

const invalid = (command: UnitCommand, rule: string, message: string): UnitInvalidError =>
  new UnitInvalidError(command.unitId, rule, message);

const requireText = (command: UnitCommand, value: string | undefined, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(command, 'REQUIRED', `${field} est obligatoire`);
};

const requireInstant = (command: UnitCommand, value: string, field: string): void => {
  if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) {
    throw invalid(command, 'INVALID_DATE', `${field} doit être une date ISO 8601 (reçu : « ${value} »)`);
  }
};

const requireOneOf = <T extends string>(
  command: UnitCommand,
  value: T,
  allowed: readonly T[],
  field: string,
): void => {
  if (!allowed.includes(value)) {
    throw invalid(
      command,
      'UNKNOWN_VALUE',
      `${field} doit valoir ${allowed.join(', ')} (reçu : « ${value} »)`,
    );
  }
};

const requireCount = (command: UnitCommand, value: number | undefined, field: string): void => {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw invalid(command, 'INVALID_COUNT', `${field} doit être un nombre entier ≥ 0 (reçu : ${value})`);
  }
};

const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

export const registerUnit = (command: RegisterUnit, state: UnitState): UnitRegistered[] => {
  if (state.status !== 'INITIAL') throw new UnitAlreadyExistsError(command.unitId);
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.unitId, 'unitId');
  requireOneOf(command, command.kind, UNIT_KINDS, 'kind');
  requireText(command, command.name, 'name');
  const expectedParent = PARENT_KIND[command.kind];
  if (expectedParent === null) {
    if (command.parentId !== undefined)
      throw invalid(command, 'NO_PARENT_ALLOWED', 'La DAP n’a pas d’unité parente');
  } else {
    requireText(command, command.parentId, `parentId (a ${command.kind} belongs to a ${expectedParent})`);
    if (command.parentKind !== expectedParent) {
      throw invalid(
        command,
        'WRONG_PARENT_KIND',
        `Une unité ${command.kind} relève d’une unité ${expectedParent}, pas ${command.parentKind ?? 'd’une unité de type inconnu'}`,
      );
    }
  }
  if (command.kind === 'ANTENNA') {
    if (command.milieu === undefined)
      throw invalid(command, 'REQUIRED', 'milieu est obligatoire pour une antenne');
    requireOneOf(command, command.milieu, MILIEUX, 'milieu');
  } else if (command.milieu !== undefined) {
    throw invalid(command, 'MILIEU_ONLY_FOR_ANTENNA', `Une unité ${command.kind} n’a pas de milieu`);
  }
  return [
    {
      type: 'UnitRegistered',
      data: {
        unitId: command.unitId,
        occurredAt: command.occurredAt,
        kind: command.kind,
        name: command.name,
        ...(command.parentId === undefined ? {} : { parentId: command.parentId }),
        ...(command.milieu === undefined ? {} : { milieu: command.milieu }),
        ...(command.establishment === undefined ? {} : { establishment: command.establishment }),
      },
    },
  ];
};

const validLine = (command: RecordStaffingSnapshot, line: StaffingLine): StaffingLine => {
  requireText(command, line?.role, 'line role');
  const { role, headcount, vacancies, onLongLeave, seconded, contractual } = line;
  requireCount(command, headcount, `${role} headcount`);
  if (headcount === undefined) throw invalid(command, 'REQUIRED', `L’effectif ${role} est obligatoire`);
  requireCount(command, vacancies, `${role} vacancies`);
  requireCount(command, onLongLeave, `${role} onLongLeave`);
  requireCount(command, seconded, `${role} seconded`);
  requireCount(command, contractual, `${role} contractual`);
  if ((onLongLeave ?? 0) + (seconded ?? 0) > headcount || (contractual ?? 0) > headcount) {
    throw invalid(
      command,
      'MORE_THAN_HEADCOUNT',
      `${role} : les personnes en congé, détachées ou contractuelles dépassent l’effectif`,
    );
  }
  const optional = (['vacancies', 'scope', 'note', 'onLongLeave', 'seconded', 'contractual'] as const).filter(
    (key) => line[key] !== undefined,
  );
  return Object.assign({ role, headcount }, ...optional.map((key) => ({ [key]: line[key] }))) as StaffingLine;
};

const validCaseload = (command: RecordStaffingSnapshot, caseload: Caseload): Caseload => {
  const ratio = caseload.ppsmjPerCpipEtp;
  if (ratio !== undefined) {
    const ok = Array.isArray(ratio)
      ? ratio.length === 2 && positive(ratio[0]) && positive(ratio[1]) && ratio[0] <= ratio[1]
      : positive(ratio);
    if (!ok) {
      throw invalid(
        command,
        'INVALID_RATIO',
        'ppsmjPerCpipEtp doit être un nombre positif ou une fourchette [bas, haut]',
      );
    }
  }
  const monitored = caseload.peopleUnderElectronicMonitoring;
  if (
    monitored !== undefined &&
    !(typeof monitored === 'number' && Number.isFinite(monitored) && monitored >= 0)
  ) {
    throw invalid(command, 'INVALID_COUNT', 'peopleUnderElectronicMonitoring doit être un nombre ≥ 0');
  }
  return {
    ...(ratio === undefined ? {} : { ppsmjPerCpipEtp: Array.isArray(ratio) ? [ratio[0], ratio[1]] : ratio }),
    ...(monitored === undefined ? {} : { peopleUnderElectronicMonitoring: monitored }),
  };
};

export const recordStaffingSnapshot = (
  command: RecordStaffingSnapshot,
  state: UnitState,
): StaffingSnapshotRecorded[] => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  if (state.status === 'INITIAL') throw new UnitNotFoundError(command.unitId);
  if (state.kind !== 'ANTENNA') throw new UnitNotAnAntennaError(command.unitId, state.kind);
  requireText(command, command.snapshotId, 'snapshotId');
  if (state.snapshots.some((s) => s.snapshotId === command.snapshotId)) {
    throw new StaffingSnapshotAlreadyRecordedError(command.unitId, command.snapshotId);
  }
  requireInstant(command, command.asOf, 'asOf');
  if (!Array.isArray(command.lines) || command.lines.length === 0) {
    throw invalid(command, 'REQUIRED', 'Un relevé d’effectifs demande au moins une ligne');
  }
  const lines = command.lines.map((line) => validLine(command, line));
  const caseload = validCaseload(command, command.caseload ?? {});
  return [
    {
      type: 'StaffingSnapshotRecorded',
      data: {
        unitId: command.unitId,
        occurredAt: command.occurredAt,
        snapshotId: command.snapshotId,
        asOf: command.asOf,
        lines,
        caseload,
        assumptions: [...(command.assumptions ?? [])],
        ...(command.illustrative === undefined ? {} : { illustrative: command.illustrative }),
      },
    },
  ];
};

export const decide = (command: UnitCommand, state: UnitState): UnitEvent[] => {
  switch (command.type) {
    case 'RegisterUnit':
      return registerUnit(command, state);
    case 'RecordStaffingSnapshot':
      return recordStaffingSnapshot(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown unit command: ${JSON.stringify(unknown)}`);
    }
  }
};

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = { initialState, evolve, decide };
