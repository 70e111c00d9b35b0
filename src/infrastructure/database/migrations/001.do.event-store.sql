-- Event store: streams, immutable events, subscription checkpoints, dead letters.
-- Design: docs/adr/0002-event-store-on-postgresql.md (after shared/docs/event-store.md section 2).
CREATE SCHEMA IF NOT EXISTS es;

CREATE TABLE es.streams (
  stream_id    text        PRIMARY KEY,
  stream_type  text        NOT NULL,
  tenant_id    text        NOT NULL DEFAULT 'default',
  revision     bigint      NOT NULL,
  last_hash    text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE es.global_position_seq AS bigint;

CREATE TABLE es.events (
  global_position  bigint      NOT NULL DEFAULT nextval('es.global_position_seq'),
  transaction_id   xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id        text        NOT NULL REFERENCES es.streams(stream_id),
  stream_type      text        NOT NULL,
  revision         bigint      NOT NULL,
  event_id         uuid        NOT NULL,
  event_type       text        NOT NULL,
  schema_version   integer     NOT NULL DEFAULT 1,
  data             jsonb       NOT NULL,
  metadata         jsonb       NOT NULL DEFAULT '{}',
  tenant_id        text        NOT NULL DEFAULT 'default',
  recorded_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  prev_hash        text        NOT NULL,
  hash             text        NOT NULL,
  CONSTRAINT events_pk                 PRIMARY KEY (global_position),
  CONSTRAINT events_stream_revision_uq UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id_uq        UNIQUE (event_id)
);
CREATE INDEX events_poll_idx ON es.events (transaction_id, global_position);

-- The content an event's hash covers. Deterministic whatever the session settings:
-- jsonb text is canonical, the timestamp is taken as integer microseconds since the epoch. STABLE (it calls
-- STABLE functions), so that the planner inlines it into es.append.
CREATE FUNCTION es.event_hash(p_prev text, p_stream text, p_revision bigint, p_event_id uuid, p_type text,
                              p_data jsonb, p_meta jsonb, p_recorded timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    p_prev || '|' || p_stream || '|' || p_revision::text || '|' || p_event_id::text || '|' || p_type || '|' ||
    p_data::text || '|' || p_meta::text || '|' || ((extract(epoch FROM p_recorded) * 1000000)::bigint)::text,
    'UTF8')), 'hex')
$$;

-- Events are immutable: the database refuses UPDATE, DELETE and TRUNCATE on them.
CREATE FUNCTION es.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'es.events is append-only: % refused', TG_OP USING ERRCODE = 'ES003';
END $$;
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON es.events
  FOR EACH ROW EXECUTE FUNCTION es.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON es.events
  FOR EACH STATEMENT EXECUTE FUNCTION es.refuse_change();

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

  -- One INSERT for the batch, rows in ordinality order (so nextval() follows revisions).
  WITH ins AS (
    INSERT INTO es.events (stream_id, stream_type, revision, event_id, event_type, schema_version, data, metadata,
                           recorded_at, prev_hash, hash)
    SELECT p_stream_id, p_stream_type, v_cur + x.ord, x.id, p_types[x.ord], COALESCE(p_versions[x.ord], 1),
           p_data[x.ord], p_meta[x.ord], v_now, v_hashes[x.ord], v_hashes[x.ord + 1]
      FROM unnest(p_ids) WITH ORDINALITY AS x(id, ord)
     ORDER BY x.ord
    RETURNING global_position)
  SELECT max(global_position) INTO v_gp FROM ins;
  RETURN QUERY SELECT v_cur + v_n, v_gp, pg_current_xact_id(), false;
END $$;

-- One row per subscription (projection). The runner locks it FOR UPDATE SKIP LOCKED for each batch.
CREATE TABLE es.checkpoints (
  subscription_id  text        PRIMARY KEY,
  position         text,
  status           text        NOT NULL DEFAULT 'active',
  owner            text,
  error            text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE es.dead_letters (
  subscription_id  text        NOT NULL,
  event_id         uuid        NOT NULL,
  position         text        NOT NULL,
  event_type       text        NOT NULL,
  error            text        NOT NULL,
  attempts         integer     NOT NULL,
  failed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription_id, event_id)
);
