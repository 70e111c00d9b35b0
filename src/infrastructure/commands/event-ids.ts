import { createHash, randomUUID } from 'node:crypto';

/**
 * Event ids for a command. With an idempotency key they are derived from it (UUID v5-like, SHA-1 of the
 * scope, key and index), so the same request retried produces the same ids and the store records it once.
 */
export function eventIdsFor(count: number, scope: string, idempotencyKey?: string): string[] {
  if (!idempotencyKey) return Array.from({ length: count }, () => randomUUID());
  return Array.from({ length: count }, (_, index) => {
    const bytes = createHash('sha1').update(`${scope}\u0000${idempotencyKey}\u0000${index}`).digest();
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  });
}

/** Id of a new entity: derived from the idempotency key when there is one, so a retry names the same entity. */
export const newIdFor = (
  scope: string,
  context: { actorId: string; idempotencyKey?: string; idempotencyScope?: string },
): string =>
  context.idempotencyKey
    ? (eventIdsFor(1, `${scope}:${context.idempotencyScope ?? context.actorId}`, context.idempotencyKey)[0] ??
      randomUUID())
    : randomUUID();
