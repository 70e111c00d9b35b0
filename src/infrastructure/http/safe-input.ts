import { type NextFunction, type Request, type Response } from 'express';

/** Deeper JSON than this is refused at the edge: no request of the API nests beyond a few levels. */
export const MAX_INPUT_DEPTH = 32;

export type UnsafeInput = { field: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const problemIn = (text: string): string | undefined =>
  text.includes('\u0000')
    ? 'must not contain a NUL character (U+0000)'
    : LONE_SURROGATE.test(text)
      ? 'must be valid Unicode (it contains a lone surrogate)'
      : undefined;

/** A key as it can be named in an answer: NUL and surrogates shown as U+FFFD. */
const printable = (key: string): string =>
  key.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDFFF]/g, '\uFFFD');

const join = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * The first string (value or key) the database could not store, or the first level nested too deep, with the
 * dotted path of its field. Iterative: a hostile depth cannot overflow the stack here.
 */
export function findUnsafeInput(value: unknown, root = ''): UnsafeInput | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === 'string') {
      const message = problemIn(current);
      if (message) return { field: path || 'body', message };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field: path || 'body', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((item, i) => [i, item])
      : Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string | number, unknown];
      if (typeof key === 'string') {
        const message = problemIn(key);
        if (message) return { field: join(path, printable(key)), message: `key ${message}` };
      }
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

/** The problem+json a refused input gets (the same shape as the validation pipe's). */
export const unsafeInputProblem = (unsafe: UnsafeInput, instance: string) => ({
  type: 'about:blank',
  title: 'Requête invalide',
  status: 400,
  code: 'REQUEST.INVALID',
  detail: `Champs invalides : ${unsafe.field}`,
  errors: [{ field: unsafe.field, messages: [`${unsafe.field} ${unsafe.message}`] }],
  instance,
});

/**
 * Express middleware, after the body parsers: NUL characters and lone surrogates (which PostgreSQL cannot store
 * in text or jsonb) and JSON nested beyond MAX_INPUT_DEPTH are refused with 400 problem+json naming the field,
 * in the query string, the path and the body, before any route, guard or database sees them.
 */
export function rejectUnsafeInput(request: Request, response: Response, next: NextFunction): void {
  let unsafe: UnsafeInput | undefined;
  const path = request.path;
  const pathProblem = problemIn(safeDecode(path));
  if (pathProblem) unsafe = { field: 'path', message: pathProblem };
  unsafe ??= findUnsafeInput(request.query);
  unsafe ??= findUnsafeInput(request.body as unknown);
  if (!unsafe) return next();
  response
    .status(400)
    .type('application/problem+json')
    .send(JSON.stringify(unsafeInputProblem(unsafe, request.originalUrl.split('?')[0] ?? '')));
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
