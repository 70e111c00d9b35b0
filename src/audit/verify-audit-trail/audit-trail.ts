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
 * Walks every stream of the event store and checks its hash chain: each event's hash must be the hash of its
 * content and of the previous event's hash; revisions must run 0, 1, 2… with no gap; the last event must match
 * the stream's head. Names the stream and revision of any event altered, removed or reordered.
 * `recordedUpTo` limits the check (and the digest) to events recorded by then.
 */
export async function verifyAuditTrail(db: SqlExecutor, recordedUpTo?: Date): Promise<AuditReport> {
  const { rows } = await db.query<Row>(
    `SELECT stream_id, revision::text AS revision, hash, prev_hash,
            es.event_hash(prev_hash, stream_id, revision, event_id, event_type, data, metadata, recorded_at) AS expected,
            lag(hash) OVER w AS actual_prev, (lag(revision) OVER w)::text AS prev_revision,
            row_number() OVER w = 1 AS first
       FROM es.events
      WHERE $1::timestamptz IS NULL OR recorded_at <= $1::timestamptz
     WINDOW w AS (PARTITION BY stream_id ORDER BY revision)
      ORDER BY stream_id, revision`,
    [recordedUpTo ?? null],
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
      `SELECT stream_id, revision::text AS revision, last_hash FROM es.streams ORDER BY stream_id`,
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
