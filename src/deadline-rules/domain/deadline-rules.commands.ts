import type { DeadlineRuleSet } from './deadline-rules.events.js';

/**
 * Set the organisation's deadline rules to `rules` (the full set). `defaults` are the rules in force while none
 * were ever set (configuration, passed in like the time), so a change equal to them is recognised as no change.
 */
export type ChangeDeadlineRules = Readonly<{
  type: 'ChangeDeadlineRules';
  organisationId: string;
  occurredAt: string;
  rules: DeadlineRuleSet;
  source: string;
  reason?: string;
  defaults: DeadlineRuleSet;
}>;

export type DeadlineRulesCommand = ChangeDeadlineRules;
