import { isInstant } from '../../meetings/domain/meeting-dates.js';
import type { Decider } from '../../shared/decider.js';
import type { ReferenceRatios } from '../../units/domain/staffing-ratios.js';
import type { ChangeReferenceRatios, ReferenceRatiosCommand } from './reference-ratios.commands.js';
import { ReferenceRatiosInvalidError } from './reference-ratios.errors.js';
import type {
  ReferenceRatioName,
  ReferenceRatiosChanged,
  ReferenceRatiosEvent,
} from './reference-ratios.events.js';
import {
  evolve,
  initialState,
  ratiosInForce,
  sameRatios,
  type ReferenceRatiosState,
} from './reference-ratios.js';

/**
 * What each ratio accepts: whole numbers of people per agent, bounds included. The OR say 60 and 50, unions argue
 * for 50 or 40, the national average was 71 to 88: 10 to 500 leaves room for any argued figure and refuses typos
 * (6 for 60, 6000 for 60).
 */
export const RATIO_RANGES: Readonly<Record<ReferenceRatioName, { min: number; max: number }>> = {
  cpipPerPeople: { min: 10, max: 500 },
  asePerPeople: { min: 10, max: 500 },
};

export const SOURCE_MAX_LENGTH = 300;
export const REASON_MAX_LENGTH = 2000;

const invalid = (
  command: ChangeReferenceRatios,
  field: string,
  rule: string,
  message: string,
): ReferenceRatiosInvalidError =>
  new ReferenceRatiosInvalidError(command.organisationId, field, rule, message);

const requireWhole = (command: ChangeReferenceRatios, field: ReferenceRatioName): number => {
  const { min, max } = RATIO_RANGES[field];
  const value: unknown = (command.ratios as Partial<Record<string, unknown>> | undefined)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      command,
      `ratios.${field}`,
      'RATIO_RANGE',
      `${field} doit être un nombre entier de ${min} à ${max} (reçu : ${String(value)})`,
    );
  }
  return value;
};

const requireText = (command: ChangeReferenceRatios, value: unknown, field: string, max: number): void => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(command, field, 'TEXT', `${field} doit être un texte de 1 à ${max} caractères`);
  }
};

/** The ratios of the command, checked, with their keys in the stored order (nothing else carried over). */
const validRatios = (command: ChangeReferenceRatios): ReferenceRatios => ({
  cpipPerPeople: requireWhole(command, 'cpipPerPeople'),
  asePerPeople: requireWhole(command, 'asePerPeople'),
});

/**
 * Records the new ratios. A set equal to the ratios in force (the defaults while none were set) records nothing:
 * `PUT` is idempotent, and the trail only shows real changes.
 */
export const changeReferenceRatios = (
  command: ChangeReferenceRatios,
  state: ReferenceRatiosState,
): ReferenceRatiosChanged[] => {
  requireText(command, command.organisationId, 'organisationId', 100);
  if (!isInstant(command.occurredAt)) {
    throw invalid(command, 'occurredAt', 'INSTANT', 'occurredAt doit être un instant ISO 8601');
  }
  const ratios = validRatios(command);
  requireText(command, command.source, 'source', SOURCE_MAX_LENGTH);
  if (command.reason !== undefined) requireText(command, command.reason, 'reason', REASON_MAX_LENGTH);
  if (sameRatios(ratios, ratiosInForce(state, command.defaults))) return [];
  return [
    {
      type: 'ReferenceRatiosChanged',
      data: {
        organisationId: command.organisationId,
        occurredAt: command.occurredAt,
        ratios,
        source: command.source.trim(),
        ...(command.reason === undefined ? {} : { reason: command.reason.trim() }),
      },
    },
  ];
};

export const decide = (
  command: ReferenceRatiosCommand,
  state: ReferenceRatiosState,
): ReferenceRatiosEvent[] => {
  switch (command.type) {
    case 'ChangeReferenceRatios':
      return changeReferenceRatios(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`Unknown reference ratios command: ${String(unknown)}`);
    }
  }
};

export const referenceRatiosDecider: Decider<
  ReferenceRatiosState,
  ReferenceRatiosCommand,
  ReferenceRatiosEvent
> = {
  initialState,
  evolve,
  decide,
};
