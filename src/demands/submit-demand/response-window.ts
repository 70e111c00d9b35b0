/**
 * Days management is given to answer a submitted demand when no due date is given: the default of every
 * organisation. This is union policy, not law (shared/docs/domain.md, 4.6: "Demand submitted by letter or email —
 * default response window 30 days"); an admin sets the organisation's own window (`responseWindowDays`,
 * PUT /api/deadline-rules).
 */
export const DEFAULT_RESPONSE_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `submittedAt` + the window (default 30 days), as an ISO 8601 instant (a date-only value counts from midnight
 * UTC).
 */
export const defaultResponseDueAt = (
  submittedAt: string,
  windowDays: number = DEFAULT_RESPONSE_WINDOW_DAYS,
): string => new Date(new Date(submittedAt).getTime() + windowDays * DAY_MS).toISOString();
