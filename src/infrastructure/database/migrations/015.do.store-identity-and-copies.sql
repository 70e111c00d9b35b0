-- Operations (ADR 0018): each store knows its own identity, and remembers what it was copied from, so that
-- `npm run store:copy` can resume an interrupted copy of the same source and refuse anything else.
CREATE TABLE es.store_identity (
  singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  store_id   uuid        NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO es.store_identity DEFAULT VALUES;

-- One row per source copied into this store. `cursor` is the source position of the last event copied: it
-- moves in the same transaction as the events of its batch, so an interrupted copy resumes exactly after it.
CREATE TABLE es.copied_from (
  source_id   text        PRIMARY KEY,
  source      text        NOT NULL,
  cursor      text,
  copied      bigint      NOT NULL DEFAULT 0,
  started_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
