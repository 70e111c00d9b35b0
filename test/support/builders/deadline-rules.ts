import { DEFAULT_MEETING_RULES } from '../../../src/meetings/domain/meeting-rules.js';
import type { ChangeDeadlineRules } from '../../../src/deadline-rules/domain/deadline-rules.commands.js';
import type {
  DeadlineRuleSet,
  DeadlineRulesChanged,
} from '../../../src/deadline-rules/domain/deadline-rules.events.js';

export const ORGANISATION_ID = 'fo-justice';

/** The [known] defaults with the union's 30-day response window. */
export const DEFAULT_RULES: DeadlineRuleSet = { ...DEFAULT_MEETING_RULES, responseWindowDays: 30 };

export const changeDeadlineRules = (
  overrides: Partial<Omit<ChangeDeadlineRules, 'rules'>> & { rules?: Partial<DeadlineRuleSet> } = {},
): ChangeDeadlineRules => {
  const { rules, ...rest } = overrides;
  return {
    type: 'ChangeDeadlineRules',
    organisationId: ORGANISATION_ID,
    occurredAt: '2024-03-01T09:00:00.000Z',
    source: 'RI du CSA SPIP 62, art. 12',
    defaults: DEFAULT_RULES,
    ...rest,
    rules: { ...DEFAULT_RULES, noticeDays: 10, ...rules },
  };
};

export const deadlineRulesChanged = (
  overrides: Partial<Omit<DeadlineRulesChanged['data'], 'rules'>> & { rules?: Partial<DeadlineRuleSet> } = {},
): DeadlineRulesChanged => {
  const { rules, ...rest } = overrides;
  return {
    type: 'DeadlineRulesChanged',
    data: {
      organisationId: ORGANISATION_ID,
      occurredAt: '2024-03-01T09:00:00.000Z',
      source: 'RI du CSA SPIP 62, art. 12',
      ...rest,
      rules: { ...DEFAULT_RULES, noticeDays: 10, ...rules },
    },
  };
};
