import { createHash } from 'node:crypto';
import { type SqlExecutor } from '../../infrastructure/database/database.js';

export type AuditProblem = {
  streamId: string;
  revision: number;
  kind: 'altered' | 'missing' | 'reordered' | 'broken_link' | 'truncated';
  message: string;
};

export type AuditReport = {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** SHA-256 over every stream's last hash (ordered by stream id): what a dossier prints and `--digest` checks. */
  digest: string;
  problems: AuditProblem[];
};

type Row = {
  stream_id: string;
  revision: string;
  hash: string;
  prev_hash: string;
  expected: string;
  actual_prev: string | null;
  prev_revision: string | null;
  first: boolean;
};

/**
 * The hash an event should have, recomputed from its columns with its own hash version: 1 (migration 001:
 * stream, revision, id, type, data, metadata, recorded time) or 2 (migration 008: also stream type, schema
 * version and tenant, each field length-prefixed). For a SELECT over `es.events e`.
 */
export const RECOMPUTED_EVENT_HASH = `CASE e.hash_version
    WHEN 1 THEN es.event_hash(e.prev_hash, e.stream_id, e.revision, e.event_id, e.event_type, e.data, e.metadata,
                              e.recorded_at)
    ELSE es.event_hash_v2(e.prev_hash, e.stream_id, e.stream_type, e.revision, e.event_id, e.event_type,
                          e.schema_version, e.tenant_id, e.data, e.metadata, e.recorded_at)
  END`;

export type VerifyOptions = {
  /** Check only the streams of this organisation (what one union may see); undefined: the whole installation. */
  organisationId?: string;
};

/** Streams that hold at least one event of the organisation (events without one belong to 'default'). */
const STREAMS_OF_ORGANISATION = `SELECT DISTINCT o.stream_id FROM es.events o
  WHERE COALESCE(o.metadata->>'organisationId', 'default') = $2`;

/**
 * Walks every stream of the event store (or of one organisation) and checks its hash chain: each event's hash
 * must be the hash of its content and of the previous event's hash; revisions must run 0, 1, 2… with no gap; the
 * last event must match the stream's head. Names the stream and revision of any event altered, removed or
 * reordered. `recordedUpTo` limits the check (and the digest) to events recorded by then.
 * Revisions are compared as numbers, never as text (9 before 10).
 */
export async function verifyAuditTrail(
  db: SqlExecutor,
  recordedUpTo?: Date,
  options: VerifyOptions = {},
): Promise<AuditReport> {
  const organisationId = options.organisationId ?? null;
  const { rows } = await db.query<Row>(
    `SELECT e.stream_id, e.revision::text AS revision, e.hash, e.prev_hash, ${RECOMPUTED_EVENT_HASH} AS expected,
            lag(e.hash) OVER w AS actual_prev, (lag(e.revision) OVER w)::text AS prev_revision,
            row_number() OVER w = 1 AS first
       FROM es.events e
      WHERE ($1::timestamptz IS NULL OR e.recorded_at <= $1::timestamptz)
        AND ($2::text IS NULL OR e.stream_id IN (${STREAMS_OF_ORGANISATION}))
     WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.revision)
      ORDER BY e.stream_id, e.revision`,
    [recordedUpTo ?? null, organisationId],
  );
  const problems: AuditProblem[] = [];
  const lastHashes = new Map<string, { revision: bigint; hash: string }>();
  for (const row of rows) {
    const revision = BigInt(row.revision);
    const at = { streamId: row.stream_id, revision: Number(revision) };
    const expectedPrevRevision = row.first ? -1n : BigInt(row.prev_revision ?? '-1');
    if (row.first && revision !== 0n) {
      problems.push({ ...at, kind: 'missing', message: `events 0 to ${revision - 1n} are missing` });
    } else if (!row.first && revision !== expectedPrevRevision + 1n) {
      problems.push({
        ...at,
        kind: 'missing',
        message: `events ${expectedPrevRevision + 1n} to ${revision - 1n} are missing`,
      });
    }
    if (row.expected !== row.hash) {
      problems.push({
        ...at,
        kind: 'altered',
        message: 'content does not match its hash (altered or moved)',
      });
    }
    const contiguous = row.first ? revision === 0n : revision === expectedPrevRevision + 1n;
    const previousHash = row.first ? '' : (row.actual_prev ?? '');
    if (contiguous && row.prev_hash !== previousHash) {
      problems.push({
        ...at,
        kind: 'reordered',
        message: 'not linked to the event before it (reordered or replaced)',
      });
    }
    lastHashes.set(row.stream_id, { revision, hash: row.hash });
  }
  if (!recordedUpTo) {
    const heads = await db.query<{ stream_id: string; revision: string; last_hash: string }>(
      `SELECT s.stream_id, s.revision::text AS revision, s.last_hash FROM es.streams s
        WHERE $1::text IS NULL OR s.stream_id IN (${STREAMS_OF_ORGANISATION.replace('$2', '$1')})
        ORDER BY s.stream_id`,
      [organisationId],
    );
    for (const head of heads.rows) {
      const last = lastHashes.get(head.stream_id);
      if (!last || last.revision < BigInt(head.revision)) {
        const from = last ? last.revision + 1n : 0n;
        problems.push({
          streamId: head.stream_id,
          revision: Number(from),
          kind: 'truncated',
          message: `events ${from} to ${head.revision} are missing at the end of the stream`,
        });
      } else if (last.hash !== head.last_hash) {
        problems.push({
          streamId: head.stream_id,
          revision: Number(last.revision),
          kind: 'broken_link',
          message: "the stream's last event is not the one recorded at append",
        });
      }
    }
  }
  return {
    ok: problems.length === 0,
    checkedEvents: rows.length,
    checkedStreams: lastHashes.size,
    digest: digestOf(lastHashes),
    problems,
  };
}

export const digestOf = (lastHashes: Map<string, { hash: string }>): string => {
  const hash = createHash('sha256');
  [...lastHashes.keys()]
    .sort()
    .forEach((streamId) => hash.update(`${streamId}:${lastHashes.get(streamId)?.hash}\n`));
  return hash.digest('hex');
};
