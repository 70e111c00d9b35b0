import { type Provider } from '@nestjs/common';
import { DEFAULT_MEETING_RULES, type MeetingRules } from './domain/meeting-rules.js';

/**
 * Injection token of the **default** deadline rules meetings are judged by (notice, follow-up, minutes,
 * re-deliberation), bound in `DeadlineRulesModule` to the [known] defaults. The rules in force are each
 * organisation's: ask `DeadlineRules.for(organisationId)` (src/deadline-rules), which falls back to these until an
 * admin sets them. Rebind it (or override it in tests) to change the defaults of every organisation.
 */
export const MEETING_RULES = Symbol('MeetingRules');

export const meetingRulesProvider: Provider<MeetingRules> = {
  provide: MEETING_RULES,
  useValue: DEFAULT_MEETING_RULES,
};
