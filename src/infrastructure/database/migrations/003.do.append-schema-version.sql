-- es.append records each event's schema version. Until now it took none, so every event was stored with
-- schema_version 1 whatever the caller's `schemaVersion` (the port's field, which drives upcasters) said.
-- The hash chain is unchanged (it never covered schema_version), so events already recorded still verify.
DROP FUNCTION es.append(text, text, text, uuid[], text[], jsonb[], jsonb[]);

-- Append to one stream. Must be the first write of its transaction (ES004) so that the transaction id is
-- assigned after the stream lock: per-stream order then equals (transaction_id, global_position) order.
CREATE FUNCTION es.append(p_stream_id text, p_stream_type text, p_expected text,
                          p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_meta jsonb[])
RETURNS TABLE(next_revision bigint, last_gp bigint, txid xid8, replayed boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_cur bigint; v_hash text; v_n int := cardinality(p_ids); v_gp bigint; v_now timestamptz;
  v_hit_stream text; v_hit_rev bigint; v_count int; v_txid xid8; v_hashes text[]; i int;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es.append must be the first write of the transaction' USING ERRCODE = 'ES004';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('es.stream:' || p_stream_id, 0));

  SELECT revision, last_hash INTO v_cur, v_hash FROM es.streams WHERE stream_id = p_stream_id;
  v_cur := COALESCE(v_cur, -1);
  v_hash := COALESCE(v_hash, '');

  -- Idempotent retry: the same ids already recorded, consecutively, in this stream.
  IF v_n > 0 THEN
    SELECT stream_id, revision INTO v_hit_stream, v_hit_rev FROM es.events WHERE event_id = p_ids[1];
    IF FOUND THEN
      SELECT count(*) INTO v_count FROM es.events e
        JOIN unnest(p_ids) WITH ORDINALITY AS x(id, ord) ON e.event_id = x.id
       WHERE e.stream_id = p_stream_id AND e.revision = v_hit_rev + x.ord - 1;
      IF v_hit_stream <> p_stream_id OR v_count <> v_n THEN
        RAISE EXCEPTION 'event ids already recorded elsewhere' USING ERRCODE = 'ES002',
          DETAIL = json_build_object('stream', p_stream_id)::text;
      END IF;
      SELECT e.global_position, e.transaction_id INTO v_gp, v_txid FROM es.events e
       WHERE e.stream_id = p_stream_id AND e.revision = v_hit_rev + v_n - 1;
      RETURN QUERY SELECT v_hit_rev + v_n - 1, v_gp, v_txid, true;
      RETURN;
    END IF;
  END IF;

  -- Expected state is checked before nextval: a conflict consumes no position.
  IF (p_expected = 'no_stream' AND v_cur <> -1) OR (p_expected = 'stream_exists' AND v_cur = -1)
     OR (p_expected NOT IN ('any', 'no_stream', 'stream_exists') AND v_cur <> p_expected::bigint) THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001',
      DETAIL = json_build_object('stream', p_stream_id, 'expected', p_expected, 'current', v_cur)::text;
  END IF;
  IF v_n = 0 THEN
    RETURN QUERY SELECT v_cur, NULL::bigint, NULL::xid8, false;
    RETURN;
  END IF;

  -- Hash chain: each event's hash covers the previous event's hash in its stream and its own content.
  v_now := clock_timestamp();
  v_hashes := array[v_hash];
  FOR i IN 1..v_n LOOP
    v_hashes := v_hashes || es.event_hash(v_hashes[i], p_stream_id, v_cur + i, p_ids[i], p_types[i], p_data[i],
                                          p_meta[i], v_now);
  END LOOP;

  INSERT INTO es.streams AS s (stream_id, stream_type, revision, last_hash)
  VALUES (p_stream_id, p_stream_type, v_cur + v_n, v_hashes[v_n + 1])
  ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash,
                                        updated_at = v_now;

  -- One row at a time, in revision order, so that global positions follow revisions.
  FOR i IN 1..v_n LOOP
    INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data, metadata,
                           recorded_at, prev_hash, hash)
    VALUES (p_stream_id, p_stream_type, v_cur + i, p_ids[i], p_types[i], COALESCE(p_versions[i], 1), p_data[i],
            p_meta[i], v_now, v_hashes[i], v_hashes[i + 1])
    RETURNING global_position INTO v_gp;
  END LOOP;
  RETURN QUERY SELECT v_cur + v_n, v_gp, pg_current_xact_id(), false;
END $$;
