-- A leaner es.append (ADR 0007). Same contract as migration 001; less work per call:
--  * no foreign key from es.events to es.streams: es.append writes the stream row in the same transaction, and
--    es.streams now refuses DELETE and TRUNCATE itself (the key did that, at an index probe and a row lock per
--    event);
--  * the stream row is INSERTed for a new stream and UPDATEd otherwise (no ON CONFLICT speculative insert);
--  * the idempotency probe (es.find_appended) runs only when the expected state no longer holds, or is one a
--    retry still matches (any, stream_exists). Otherwise ids recorded before are refused by the unique index on
--    event_id (23505), and the adapter then asks es.find_appended whether it was a retry;
--  * one event: one INSERT … VALUES with its hash computed in it; the result is one record, not a set.
ALTER TABLE es.events DROP CONSTRAINT IF EXISTS events_stream_id_fkey;

CREATE FUNCTION es.refuse_stream_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'es.streams: a stream is never removed (% refused)', TG_OP USING ERRCODE = 'ES003';
END $$;
CREATE TRIGGER streams_never_deleted BEFORE DELETE ON es.streams
  FOR EACH ROW EXECUTE FUNCTION es.refuse_stream_removal();
CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON es.streams
  FOR EACH STATEMENT EXECUTE FUNCTION es.refuse_stream_removal();

-- Was this batch of ids already appended to this stream, consecutively? Then the original result; recorded
-- elsewhere (another stream, or not as one batch): ES002; never recorded: no row.
CREATE FUNCTION es.find_appended(p_stream_id text, p_ids uuid[],
                                 OUT next_revision bigint, OUT last_gp bigint, OUT txid xid8)
RETURNS SETOF record LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_n int := cardinality(p_ids); v_hit_stream text; v_hit_rev bigint; v_count int;
BEGIN
  IF v_n = 0 THEN RETURN; END IF;
  SELECT e.stream_id, e.revision INTO v_hit_stream, v_hit_rev FROM es.events e WHERE e.event_id = p_ids[1];
  IF NOT FOUND THEN RETURN; END IF;
  SELECT count(*) INTO v_count FROM es.events e
    JOIN unnest(p_ids) WITH ORDINALITY AS x(id, ord) ON e.event_id = x.id
   WHERE e.stream_id = p_stream_id AND e.revision = v_hit_rev + x.ord - 1;
  IF v_hit_stream <> p_stream_id OR v_count <> v_n THEN
    RAISE EXCEPTION 'event ids already recorded elsewhere' USING ERRCODE = 'ES002',
      DETAIL = json_build_object('stream', p_stream_id)::text;
  END IF;
  SELECT e.global_position, e.transaction_id INTO last_gp, txid FROM es.events e
   WHERE e.stream_id = p_stream_id AND e.revision = v_hit_rev + v_n - 1;
  next_revision := v_hit_rev + v_n - 1;
  RETURN NEXT;
END $$;

DROP FUNCTION es.append(text, text, text, uuid[], text[], int[], jsonb[], jsonb[]);

-- Append to one stream. Must be the first write of its transaction (ES004) so that the transaction id is
-- assigned after the stream lock: per-stream order then equals (transaction_id, global_position) order.
CREATE FUNCTION es.append(p_stream_id text, p_stream_type text, p_expected text,
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

  -- Idempotent retry: the same ids already recorded, consecutively, in this stream.
  IF v_n > 0 AND (NOT v_ok OR p_expected IN ('any', 'stream_exists')) THEN
    SELECT f.next_revision, f.last_gp, f.txid INTO next_revision, last_gp, txid
      FROM es.find_appended(p_stream_id, p_ids) f;
    IF FOUND THEN
      replayed := true;
      RETURN;
    END IF;
  END IF;

  -- Expected state is checked before nextval: a conflict consumes no position.
  IF NOT v_ok THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001',
      DETAIL = json_build_object('stream', p_stream_id, 'expected', p_expected, 'current', v_cur)::text;
  END IF;
  replayed := false;
  next_revision := v_cur + v_n;
  IF v_n = 0 THEN
    RETURN;
  END IF;

  -- Hash chain: each event's hash covers the previous event's hash in its stream and its own content.
  v_now := clock_timestamp();
  IF v_n = 1 THEN
    INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data, metadata,
                           recorded_at, prev_hash, hash)
    VALUES (p_stream_id, p_stream_type, next_revision, p_ids[1], p_types[1], COALESCE(p_versions[1], 1),
            p_data[1], p_meta[1], v_now, v_hash,
            es.event_hash(v_hash, p_stream_id, next_revision, p_ids[1], p_types[1], p_data[1], p_meta[1], v_now))
    RETURNING global_position, hash INTO last_gp, v_hash;
  ELSE
    v_hashes := array[v_hash];
    FOR i IN 1..v_n LOOP
      v_hashes[i + 1] := es.event_hash(v_hashes[i], p_stream_id, v_cur + i, p_ids[i], p_types[i], p_data[i],
                                       p_meta[i], v_now);
    END LOOP;
    v_hash := v_hashes[v_n + 1];
    -- One INSERT for the batch, rows in ordinality order (so nextval() follows revisions).
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
