/**
 * The SQL of an append (ADR 0007). Every statement is prepared once per connection (`prepareAs`).
 *
 * One event with `no_stream` or an exact revision (what a command's decision appends) goes through one plain
 * statement, optimistic: it reads the stream's head in its snapshot, inserts the event after it with its hash,
 * and moves the head, in one round trip and without plpgsql. It inserts nothing when the expected state does not
 * hold (no position is consumed), and fails with 23505 when another writer took the revision first, or when the
 * event id is already recorded; the caller then asks `es.append`, which decides under the stream's lock
 * (conflict, idempotent replay). Nor does it insert after another write of its transaction (es.append then raises
 * ES004). A writer can only take revision n + 1 after it has seen revision n committed,
 * so its transaction id is larger: per-stream order stays (transaction_id, global_position) order.
 *
 * Everything else (several events, `any`, `stream_exists`, and every fallback) calls `es.append`
 * (migrations 001, 006 and 008). Both hash with `es.event_hash_v2` (migration 008: every column with meaning).
 */

const INSERT_EVENT = `INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data,
                           metadata, recorded_at, prev_hash, hash)`;

/** $1 stream, $2 stream type, $3 event id, $4 type, $5 schema version, $6 data, $7 metadata. */
export const APPEND_FIRST = `
WITH appended AS (
  ${INSERT_EVENT}
  SELECT $1, $2, 0, $3::uuid, $4, $5::int, $6::jsonb, $7::jsonb, now(), '',
         es.event_hash_v2('', $1, $2, 0, $3::uuid, $4, $5::int, 'default', $6::jsonb, $7::jsonb, now())
   WHERE NOT EXISTS (SELECT 1 FROM es.streams WHERE stream_id = $1) AND pg_current_xact_id_if_assigned() IS NULL
  RETURNING global_position, hash
), created AS (
  INSERT INTO es.streams (stream_id, stream_type, revision, last_hash, created_at, updated_at)
  SELECT $1, $2, 0, appended.hash, now(), now() FROM appended
)
SELECT global_position::text AS last_gp, pg_current_xact_id()::text AS txid, now() AS recorded_at, hash
  FROM appended`;

/** Same parameters, and $8 the expected revision. */
export const APPEND_NEXT = `
WITH head AS (
  SELECT last_hash FROM es.streams
   WHERE stream_id = $1 AND revision = $8::bigint AND pg_current_xact_id_if_assigned() IS NULL
), appended AS (
  ${INSERT_EVENT}
  SELECT $1, $2, $8::bigint + 1, $3::uuid, $4, $5::int, $6::jsonb, $7::jsonb, now(), head.last_hash,
         es.event_hash_v2(head.last_hash, $1, $2, $8::bigint + 1, $3::uuid, $4, $5::int, 'default', $6::jsonb,
                          $7::jsonb, now())
    FROM head
  RETURNING global_position, hash
), moved AS (
  UPDATE es.streams SET revision = $8::bigint + 1, last_hash = appended.hash, updated_at = now()
    FROM appended
   WHERE es.streams.stream_id = $1
)
SELECT global_position::text AS last_gp, pg_current_xact_id()::text AS txid, now() AS recorded_at, hash
  FROM appended`;

const APPEND_RESULT = `next_revision::text AS next_revision, last_gp::text AS last_gp, txid::text AS txid, replayed`;

/** `es.append` for one event: scalar parameters, no array literals to build and parse. */
export const APPEND_ONE_LOCKED = `SELECT ${APPEND_RESULT} FROM es.append($1, $2, $3, ARRAY[$4::uuid],
  ARRAY[$5::text], ARRAY[$6::int], ARRAY[$7::jsonb], ARRAY[$8::jsonb])`;

export const APPEND_MANY_LOCKED = `SELECT ${APPEND_RESULT}
  FROM es.append($1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[])`;

export const FIND_APPENDED = `SELECT next_revision::text AS next_revision, last_gp::text AS last_gp,
  txid::text AS txid, true AS replayed FROM es.find_appended($1, $2::uuid[])`;
