import { createHash } from 'node:crypto';

/**
 * The one place where an event's ledger hash and the ledger chain are computed (ADR 0012). It runs in the
 * application, never in the database: whoever owns the database can redefine its functions, not this code.
 */

/** An event as stored, every column with meaning. `recordedAtMicros`: microseconds since the epoch, as text. */
export type LedgerEventRow = {
  stream_id: string;
  stream_type: string;
  revision: string;
  event_id: string;
  event_type: string;
  schema_version: number | string;
  tenant_id: string;
  recorded_us: string;
  data: unknown;
  metadata: unknown;
};

/** The columns of `es.events` a ledger hash reads, for a SELECT (`e` is the table's alias). */
export const LEDGER_EVENT_COLUMNS = `e.stream_id, e.stream_type, e.revision::text AS revision, e.event_id::text AS event_id,
  e.event_type, e.schema_version, e.tenant_id,
  ((extract(epoch FROM e.recorded_at) * 1000000)::bigint)::text AS recorded_us, e.data, e.metadata`;

/** Canonical JSON (RFC 8785 style): object keys sorted by code unit, no spaces, JSON.stringify for scalars. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/** SHA-256 over the canonical encoding of every column with meaning. */
export const eventLedgerHash = (row: LedgerEventRow): string =>
  createHash('sha256')
    .update('audit-ledger-event:v1\n')
    .update(
      canonicalJson({
        streamId: row.stream_id,
        streamType: row.stream_type,
        revision: String(row.revision),
        eventId: row.event_id,
        type: row.event_type,
        schemaVersion: Number(row.schema_version),
        tenant: row.tenant_id,
        recordedAtMicros: String(row.recorded_us),
        data: row.data,
        metadata: row.metadata,
      }),
    )
    .digest('hex');

/** The ledger hash before the first entry. */
export const LEDGER_GENESIS = '0'.repeat(64);

/** ledger_hash(n) = SHA-256(ledger_hash(n - 1) ‖ event_hash(n)), both as lowercase hex. */
export const nextLedgerHash = (previous: string, eventHash: string): string =>
  createHash('sha256').update(previous).update(eventHash).digest('hex');
