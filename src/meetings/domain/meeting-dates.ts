/**
 * Calendar dates (`YYYY-MM-DD`) for a clock-free domain. A meeting happens on a day, a letter arrives on a day:
 * these are not instants. Arithmetic is done in UTC so it never depends on the server's time zone, and two dates
 * compare as strings. An instant (`asOf`, `occurredAt`) is turned into a date by its UTC day.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-30 is not one). */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
};

export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 10 && !Number.isNaN(new Date(value).getTime());

const toUtc = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
const fromUtc = (date: Date): string => date.toISOString().slice(0, 10);

/** The UTC day of an instant (a date stays itself). */
export const dateOf = (instant: string): string => fromUtc(new Date(instant));

/** Midnight UTC of a date, as an instant. */
export const startOf = (date: string): string => toUtc(date).toISOString();

export const addDays = (date: string, days: number): string =>
  fromUtc(new Date(toUtc(date).getTime() + days * MS_PER_DAY));

/** Calendar months; the day is clamped to the month's end (31 January + 1 month = 28 or 29 February). */
export const addMonths = (date: string, months: number): string => {
  const start = toUtc(date);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return fromUtc(firstOfTarget);
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / MS_PER_DAY);

export const isBeforeDate = (a: string, b: string): boolean => a < b;
