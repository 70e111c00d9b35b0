import { isInstant } from '../../meetings/domain/meeting-dates.js';
import type { Decider } from '../../shared/decider.js';
import type { ChangeDeadlineRules, DeadlineRulesCommand } from './deadline-rules.commands.js';
import { DeadlineRulesInvalidError } from './deadline-rules.errors.js';
import {
  DEADLINE_RULE_NAMES,
  type DeadlineRuleName,
  type DeadlineRuleSet,
  type DeadlineRulesChanged,
  type DeadlineRulesEvent,
} from './deadline-rules.events.js';
import { evolve, initialState, rulesInForce, type DeadlineRulesState } from './deadline-rules.js';

/**
 * What each rule accepts (whole numbers, bounds included). Two rules are also bounded by another:
 * `urgentNoticeDays` ≤ `noticeDays`, and `redeliberationMinDays` ≤ `redeliberationMaxDays`. Every accepted set is
 * also accepted by the meeting decider's own check of the rules (`RecordMeetingDeadline`).
 */
export const RULE_RANGES: Readonly<Record<DeadlineRuleName, { min: number; max: number }>> = {
  noticeDays: { min: 1, max: 365 },
  urgentNoticeDays: { min: 1, max: 365 },
  avisFollowUpMonths: { min: 1, max: 60 },
  minutesMonths: { min: 1, max: 60 },
  redeliberationMinDays: { min: 1, max: 365 },
  redeliberationMaxDays: { min: 1, max: 365 },
  responseWindowDays: { min: 1, max: 365 },
};

export const SOURCE_MAX_LENGTH = 300;
export const REASON_MAX_LENGTH = 2000;

const invalid = (
  command: ChangeDeadlineRules,
  field: string,
  rule: string,
  message: string,
): DeadlineRulesInvalidError => new DeadlineRulesInvalidError(command.organisationId, field, rule, message);

const requireWhole = (
  command: ChangeDeadlineRules,
  field: DeadlineRuleName,
  min: number,
  max: number,
): number => {
  const value: unknown = (command.rules as Partial<Record<string, unknown>> | undefined)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      command,
      `rules.${field}`,
      'RULE_RANGE',
      `${field} doit être un nombre entier de ${min} à ${max} (reçu : ${String(value)})`,
    );
  }
  return value;
};

const requireText = (command: ChangeDeadlineRules, value: unknown, field: string, max: number): void => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(command, field, 'TEXT', `${field} doit être un texte de 1 à ${max} caractères`);
  }
};

/** The rule set of the command, checked, with its keys in the stored order (nothing else carried over). */
const validRules = (command: ChangeDeadlineRules): DeadlineRuleSet => {
  const value = (name: DeadlineRuleName, min = RULE_RANGES[name].min, max = RULE_RANGES[name].max) =>
    requireWhole(command, name, min, max);
  const noticeDays = value('noticeDays');
  const urgentNoticeDays = value('urgentNoticeDays', RULE_RANGES.urgentNoticeDays.min, noticeDays);
  const avisFollowUpMonths = value('avisFollowUpMonths');
  const minutesMonths = value('minutesMonths');
  const redeliberationMinDays = value('redeliberationMinDays');
  const redeliberationMaxDays = value(
    'redeliberationMaxDays',
    redeliberationMinDays,
    RULE_RANGES.redeliberationMaxDays.max,
  );
  const responseWindowDays = value('responseWindowDays');
  return {
    noticeDays,
    urgentNoticeDays,
    avisFollowUpMonths,
    minutesMonths,
    redeliberationMinDays,
    redeliberationMaxDays,
    responseWindowDays,
  };
};

export const sameRules = (a: DeadlineRuleSet, b: DeadlineRuleSet): boolean =>
  DEADLINE_RULE_NAMES.every((name) => a[name] === b[name]);

/**
 * Records the new rule set. A set equal to the rules in force (the defaults while none were set) records
 * nothing: `PUT` is idempotent, and the trail only shows real changes.
 */
export const changeDeadlineRules = (
  command: ChangeDeadlineRules,
  state: DeadlineRulesState,
): DeadlineRulesChanged[] => {
  requireText(command, command.organisationId, 'organisationId', 100);
  if (!isInstant(command.occurredAt)) {
    throw invalid(command, 'occurredAt', 'INSTANT', 'occurredAt doit être un instant ISO 8601');
  }
  const rules = validRules(command);
  requireText(command, command.source, 'source', SOURCE_MAX_LENGTH);
  if (command.reason !== undefined) requireText(command, command.reason, 'reason', REASON_MAX_LENGTH);
  if (sameRules(rules, rulesInForce(state, command.defaults))) return [];
  return [
    {
      type: 'DeadlineRulesChanged',
      data: {
        organisationId: command.organisationId,
        occurredAt: command.occurredAt,
        rules,
        source: command.source.trim(),
        ...(command.reason === undefined ? {} : { reason: command.reason.trim() }),
      },
    },
  ];
};

export const decide = (command: DeadlineRulesCommand, state: DeadlineRulesState): DeadlineRulesEvent[] => {
  switch (command.type) {
    case 'ChangeDeadlineRules':
      return changeDeadlineRules(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`Unknown deadline rules command: ${String(unknown)}`);
    }
  }
};

export const deadlineRulesDecider: Decider<DeadlineRulesState, DeadlineRulesCommand, DeadlineRulesEvent> = {
  initialState,
  evolve,
  decide,
};
