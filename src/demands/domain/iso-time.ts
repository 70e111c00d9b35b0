/**
 * ISO 8601 helpers for a clock-free domain: instants always arrive as strings in commands.
 * Dates are compared as instants (a date-only value means midnight UTC), never as raw strings.
 */
export const toMillis = (iso: string): number => new Date(iso).getTime();

export const isValidInstant = (iso: string): boolean =>
  typeof iso === 'string' && !Number.isNaN(toMillis(iso));

/** Canonical form used for keys (`2024-03-24` and `2024-03-24T00:00:00Z` give the same key). */
export const canonicalInstant = (iso: string): string =>
  isValidInstant(iso) ? new Date(iso).toISOString() : iso;

export const isBefore = (a: string, b: string): boolean => toMillis(a) < toMillis(b);

export const sameInstant = (a: string, b: string): boolean => toMillis(a) === toMillis(b);

/** The later of two instants; an unparsable previous value is replaced. */
export const latest = (previous: string | null, next: string): string =>
  previous === null || !isValidInstant(previous) || !(toMillis(next) < toMillis(previous)) ? next : previous;
