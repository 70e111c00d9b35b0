/**
 * Days management is given to answer a submitted demand when no due date is given. This is union policy, not law
 * (shared/docs/domain.md, 4.6: "Demand submitted by letter or email — default response window 30 days"), so it
 * may become configurable per instance rules.
 */
export const DEFAULT_RESPONSE_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `submittedAt` + the default window, as an ISO 8601 instant (a date-only value counts from midnight UTC). */
export const defaultResponseDueAt = (submittedAt: string): string =>
  new Date(new Date(submittedAt).getTime() + DEFAULT_RESPONSE_WINDOW_DAYS * DAY_MS).toISOString();
