import type { Event } from '../../shared/event.js';
import type { MeetingRules } from '../../meetings/domain/meeting-rules.js';

/**
 * The deadline rules an organisation (a union) judges deadlines by: the meeting rules of its CSA's règlement
 * intérieur (notice, follow-up to an avis, minutes, re-deliberation) and its own response window for submitted
 * demands (union policy, not law). Whole numbers; see `RULE_RANGES` for what is accepted.
 */
export type DeadlineRuleSet = MeetingRules &
  Readonly<{
    /** Days management is given to answer a submitted demand when no due date is given. Default 30. */
    responseWindowDays: number;
  }>;

/** The rule names, in the order they are shown and stored. */
export const DEADLINE_RULE_NAMES = [
  'noticeDays',
  'urgentNoticeDays',
  'avisFollowUpMonths',
  'minutesMonths',
  'redeliberationMinDays',
  'redeliberationMaxDays',
  'responseWindowDays',
] as const satisfies readonly (keyof DeadlineRuleSet)[];
export type DeadlineRuleName = (typeof DEADLINE_RULE_NAMES)[number];

/**
 * An admin of the organisation set the rules in force: the full new set, where it comes from (`source`: the RI
 * article, a decision of the section…) and why. Stream `deadlinerules-<organisationId>`, one per organisation.
 */
export type DeadlineRulesChanged = Event<
  'DeadlineRulesChanged',
  {
    organisationId: string;
    /** When the change took effect (ISO 8601 instant). */
    occurredAt: string;
    rules: DeadlineRuleSet;
    /** Free text: the RI article or the decision the rules come from, e.g. "RI du CSA SPIP 62, art. 12". */
    source: string;
    reason?: string;
  }
>;

export type DeadlineRulesEvent = DeadlineRulesChanged;
