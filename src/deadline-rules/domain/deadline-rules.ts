import {
  DEADLINE_RULE_NAMES,
  type DeadlineRuleName,
  type DeadlineRuleSet,
  type DeadlineRulesEvent,
} from './deadline-rules.events.js';

/**
 * One stream per organisation. The category (the part before the first dash, `streamTypeOf`) is `deadlinerules`:
 * organisation ids may contain dashes, so the category itself has none.
 */
export const deadlineRulesStreamId = (organisationId: string): string => `deadlinerules-${organisationId}`;

/** `defaults` until an admin sets the rules; then the last set recorded. */
export type DeadlineRulesState =
  | Readonly<{ status: 'defaults' }>
  | Readonly<{ status: 'set'; rules: DeadlineRuleSet; changedAt: string; source: string; changes: number }>;

export const initialState = (): DeadlineRulesState => ({ status: 'defaults' });

export const evolve = (state: DeadlineRulesState, event: DeadlineRulesEvent): DeadlineRulesState => {
  switch (event.type) {
    case 'DeadlineRulesChanged':
      return {
        status: 'set',
        rules: event.data.rules,
        changedAt: event.data.occurredAt,
        source: event.data.source,
        changes: (state.status === 'set' ? state.changes : 0) + 1,
      };
    default: {
      const unknown: never = event.type;
      throw new Error(`Unknown deadline rules event: ${String(unknown)}`);
    }
  }
};

/** The rules in force: the defaults (passed in: they are configuration) until an admin sets them. */
export const rulesInForce = (state: DeadlineRulesState, defaults: DeadlineRuleSet): DeadlineRuleSet =>
  state.status === 'set' ? state.rules : defaults;

/** The rules that differ between two sets, in the stored order. */
export const changedRules = (
  before: DeadlineRuleSet,
  after: DeadlineRuleSet,
): { name: DeadlineRuleName; from: number; to: number }[] =>
  DEADLINE_RULE_NAMES.filter((name) => before[name] !== after[name]).map((name) => ({
    name,
    from: before[name],
    to: after[name],
  }));

/** What each rule counts. */
export const RULE_UNITS: Readonly<Record<DeadlineRuleName, 'days' | 'months'>> = {
  noticeDays: 'days',
  urgentNoticeDays: 'days',
  avisFollowUpMonths: 'months',
  minutesMonths: 'months',
  redeliberationMinDays: 'days',
  redeliberationMaxDays: 'days',
  responseWindowDays: 'days',
};
