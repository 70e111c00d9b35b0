-- Read models of CSA / FS meetings (rebuilt from the `meeting-<id>` streams by the `meetings` projection).
-- Dates of the meeting world (scheduled_for, held_on, meeting_date) are ISO 8601 text (YYYY-MM-DD): they sort as
-- text and never shift with a time zone.

-- One row per meeting: its folded state plus the columns lists filter and sort on.
CREATE TABLE rm.meetings (
  meeting_id      text PRIMARY KEY,
  instance_id     text NOT NULL,
  instance_type   text NOT NULL,
  level           text NOT NULL,
  kind            text NOT NULL,
  scheduled_for   text NOT NULL,
  held_on         text,
  status          text NOT NULL,
  minutes_status  text NOT NULL,
  revision        bigint NOT NULL,
  updated_at      timestamptz NOT NULL,
  state           jsonb NOT NULL
);
CREATE INDEX meetings_instance_idx ON rm.meetings (instance_id, scheduled_for);
CREATE INDEX meetings_status_idx ON rm.meetings (status);

-- Every time a demand came up at a meeting: on an agenda item, in a question diverse, or in a management
-- statement (ref_id = the item id or the statement id). Rewritten whole for a meeting on each of its events, so
-- the copied meeting columns (instance, date, avis) are always current. `explicit` is false for a statement that
-- is linked to the demand only through its item. `text` holds management's exact words (statements).
CREATE TABLE rm.meeting_demand_links (
  meeting_id    text NOT NULL,
  demand_id     text NOT NULL,
  kind          text NOT NULL,
  ref_id        text NOT NULL,
  item_id       text,
  statement_id  text,
  instance_id   text NOT NULL,
  meeting_date  text NOT NULL,
  title         text,
  text          text,
  author_role   text,
  avis          text,
  explicit      boolean NOT NULL,
  linked_at     timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, demand_id, kind, ref_id),
  CONSTRAINT meeting_demand_links_kind_ck CHECK (kind IN ('agenda_item', 'question_diverse', 'statement'))
);
CREATE INDEX meeting_demand_links_demand_idx ON rm.meeting_demand_links (demand_id, meeting_date);
