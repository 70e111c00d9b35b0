/** A form as a page shows it: the values typed, and French messages per field (shown beside it and in a summary). */
export type FieldError = { field: string; message: string };

export type FormState = {
  /** Prefix of the fields' ids, unique on the page (a page may hold several forms). */
  id: string;
  values: Record<string, string>;
  errors: FieldError[];
};

export const formState = (
  id: string,
  values: Record<string, string> = {},
  errors: FieldError[] = [],
): FormState => ({
  id,
  values,
  errors,
});

/** The string fields of a posted urlencoded body (anything else is dropped). */
export const stringFields = (body: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      if (typeof value === 'string') out[key] = value;
  return out;
};

/** A local path to return to after login (never another site: "//host" and "/\\host" are refused). */
export const safeReturnPath = (value: unknown): string =>
  typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500 ? value : '/';
