/**
 * The deadline rules of an instance, as a plain object so each CSA's règlement intérieur (RI) can change them.
 *
 * The defaults are **[known]** rules (domain.md 1.5 and 4.6): general regulatory knowledge not checked word for
 * word against the texts. Check each one against the RI of the instance (for SPIP 62: the RI of the CSA SPIP
 * local) and against décret 2020-1427 before relying on it in front of management.
 */
export type MeetingRules = Readonly<{
  /** Convocation, agenda and working documents arrive at least this many days before the meeting. [known] 15 */
  noticeDays: number;
  /** The same, in an urgent case. [known] 8 */
  urgentNoticeDays: number;
  /** The president's written follow-up to an avis ("suites données") within this many months of the vote. [known] 2 */
  avisFollowUpMonths: number;
  /** The minutes (procès-verbal) are sent to members within this many months of the meeting. [known] 1 */
  minutesMonths: number;
  /** After a unanimous unfavourable vote, the new deliberation happens no sooner than this many days… [known] 8 */
  redeliberationMinDays: number;
  /** …and no later than this many days after the vote. [known] 30 */
  redeliberationMaxDays: number;
}>;

/** [known] defaults, to check against the RI (domain.md 4.6). */
export const DEFAULT_MEETING_RULES: MeetingRules = Object.freeze({
  noticeDays: 15,
  urgentNoticeDays: 8,
  avisFollowUpMonths: 2,
  minutesMonths: 1,
  redeliberationMinDays: 8,
  redeliberationMaxDays: 30,
});

/** The notice a convocation or a document is judged against. */
export const noticeDaysFor = (rules: MeetingRules, urgent: boolean): number =>
  urgent ? rules.urgentNoticeDays : rules.noticeDays;
