import { type Provider } from '@nestjs/common';
import { DEFAULT_MEETING_RULES, type MeetingRules } from './domain/meeting-rules.js';

/**
 * Injection token of the deadline rules the application judges meetings by (notice, follow-up, minutes,
 * re-deliberation). Bound to the [known] defaults; rebind it (or override it in tests) once the RI is checked.
 */
export const MEETING_RULES = Symbol('MeetingRules');

export const meetingRulesProvider: Provider<MeetingRules> = {
  provide: MEETING_RULES,
  useValue: DEFAULT_MEETING_RULES,
};
