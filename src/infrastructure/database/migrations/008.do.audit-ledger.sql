-- Tamper evidence that holds against the database's owner (ADR 0012, shared/docs/event-store.md §2.11).
--
-- 1. Event hash, version 2: covers every column with meaning (stream, stream type, revision, event id, type,
--    schema version, tenant, data, metadata with the organisation and the occurred time, recorded time), each
--    field length-prefixed so that no two contents encode alike. Events recorded before keep hash version 1
--    (es.event_hash); verify recomputes each with its own version.
-- 2. audit.ledger: every committed event, in commit (position) order, folded into one global chain by a
--    checkpointed subscriber (nothing is added to the append path).
-- 3. audit.seals: the ledger's head at intervals, signed with an Ed25519 key kept outside the database.
ALTER TABLE es.events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1;
ALTER TABLE es.events ALTER COLUMN hash_version SET DEFAULT 2;

CREATE FUNCTION es.event_hash_v2(p_prev text, p_stream text, p_stream_type text, p_revision bigint,
                                 p_event_id uuid, p_type text, p_schema_version integer, p_tenant text,
                                 p_data jsonb, p_meta jsonb, p_recorded timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    'v2' ||
    length(p_prev) || ':' || p_prev || length(p_stream) || ':' || p_stream ||
    length(p_stream_type) || ':' || p_stream_type || length(p_revision::text) || ':' || p_revision::text ||
    length(p_event_id::text) || ':' || p_event_id::text || length(p_type) || ':' || p_type ||
    length(p_schema_version::text) || ':' || p_schema_version::text || length(p_tenant) || ':' || p_tenant ||
    length(p_data::text) || ':' || p_data::text || length(p_meta::text) || ':' || p_meta::text ||
    ((extract(epoch FROM p_recorded) * 1000000)::bigint)::text,
    'UTF8')), 'hex')
$$;

-- es.append of migration 006, hashing with version 2 (same contract, same signature).
CREATE OR REPLACE FUNCTION es.append(p_stream_id text, p_stream_type text, p_expected text,
                          p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_meta jsonb[],
                          OUT next_revision bigint, OUT last_gp bigint, OUT txid xid8, OUT replayed boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_cur bigint; v_hash text; v_n int := cardinality(p_ids); v_now timestamptz; v_ok boolean; v_hashes text[];
  i int;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es.append must be the first write of the transaction' USING ERRCODE = 'ES004';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('es.stream:' || p_stream_id, 0));

  SELECT s.revision, s.last_hash INTO v_cur, v_hash FROM es.streams s WHERE s.stream_id = p_stream_id;
  IF NOT FOUND THEN
    v_cur := -1;
    v_hash := '';
  END IF;
  v_ok := CASE p_expected WHEN 'any' THEN true WHEN 'no_stream' THEN v_cur = -1
                          WHEN 'stream_exists' THEN v_cur <> -1 ELSE v_cur = p_expected::bigint END;

  IF v_n > 0 AND (NOT v_ok OR p_expected IN ('any', 'stream_exists')) THEN
    SELECT f.next_revision, f.last_gp, f.txid INTO next_revision, last_gp, txid
      FROM es.find_appended(p_stream_id, p_ids) f;
    IF FOUND THEN
      replayed := true;
      RETURN;
    END IF;
  END IF;

  IF NOT v_ok THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001',
      DETAIL = json_build_object('stream', p_stream_id, 'expected', p_expected, 'current', v_cur)::text;
  END IF;
  replayed := false;
  next_revision := v_cur + v_n;
  IF v_n = 0 THEN
    RETURN;
  END IF;

  v_now := clock_timestamp();
  IF v_n = 1 THEN
    INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data, metadata,
                           recorded_at, prev_hash, hash)
    VALUES (p_stream_id, p_stream_type, next_revision, p_ids[1], p_types[1], COALESCE(p_versions[1], 1),
            p_data[1], p_meta[1], v_now, v_hash,
            es.event_hash_v2(v_hash, p_stream_id, p_stream_type, next_revision, p_ids[1], p_types[1],
                             COALESCE(p_versions[1], 1), 'default', p_data[1], p_meta[1], v_now))
    RETURNING global_position, hash INTO last_gp, v_hash;
  ELSE
    v_hashes := array[v_hash];
    FOR i IN 1..v_n LOOP
      v_hashes[i + 1] := es.event_hash_v2(v_hashes[i], p_stream_id, p_stream_type, v_cur + i, p_ids[i],
                                          p_types[i], COALESCE(p_versions[i], 1), 'default', p_data[i],
                                          p_meta[i], v_now);
    END LOOP;
    v_hash := v_hashes[v_n + 1];
    WITH ins AS (
      INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data,
                             metadata, recorded_at, prev_hash, hash)
      SELECT p_stream_id, p_stream_type, v_cur + x.ord, x.id, p_types[x.ord], COALESCE(p_versions[x.ord], 1),
             p_data[x.ord], p_meta[x.ord], v_now, v_hashes[x.ord], v_hashes[x.ord + 1]
        FROM unnest(p_ids) WITH ORDINALITY AS x(id, ord)
       ORDER BY x.ord
      RETURNING global_position)
    SELECT max(global_position) INTO last_gp FROM ins;
  END IF;

  IF v_cur = -1 THEN
    INSERT INTO es.streams (stream_id, stream_type, revision, last_hash, created_at, updated_at)
    VALUES (p_stream_id, p_stream_type, next_revision, v_hash, v_now, v_now);
  ELSE
    UPDATE es.streams SET revision = next_revision, last_hash = v_hash, updated_at = v_now
     WHERE stream_id = p_stream_id;
  END IF;
  txid := pg_current_xact_id();
END $$;

CREATE SCHEMA IF NOT EXISTS audit;

-- One entry per committed event, in position order: seq 1, 2, 3…; ledger_hash = SHA-256(previous ledger_hash ‖
-- event_hash), computed by the application (src/audit/ledger/ledger-hash.ts) from the event's columns.
CREATE TABLE audit.ledger (
  seq          bigint      PRIMARY KEY,
  position     text        NOT NULL UNIQUE,
  stream_id    text        NOT NULL,
  revision     bigint      NOT NULL,
  event_id     uuid        NOT NULL,
  organisation_id text     NOT NULL,
  event_hash   text        NOT NULL,
  ledger_hash  text        NOT NULL,
  folded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_hash_idx ON audit.ledger (ledger_hash);

-- The ledger's head at an instant, signed (Ed25519) with a key that lives outside the database.
CREATE TABLE audit.seals (
  seal_no      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_count  bigint      NOT NULL,
  position     text,
  ledger_hash  text        NOT NULL,
  sealed_at    timestamptz NOT NULL,
  key_id       text        NOT NULL,
  public_key   text        NOT NULL,
  signature    text        NOT NULL,
  reason       text        NOT NULL
);
CREATE INDEX seals_hash_idx ON audit.seals (ledger_hash);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'ES003';
END $$;
CREATE TRIGGER ledger_immutable BEFORE UPDATE OR DELETE ON audit.ledger
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON audit.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER seals_immutable BEFORE UPDATE OR DELETE ON audit.seals
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER seals_no_truncate BEFORE TRUNCATE ON audit.seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
