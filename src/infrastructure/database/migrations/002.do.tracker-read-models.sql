-- Read models of the tracker (rebuilt from events by the projections) and the HTTP idempotency records.
CREATE SCHEMA IF NOT EXISTS rm;
CREATE SCHEMA IF NOT EXISTS app;

-- Organisation units: DAP > DISP > SPIP > ANTENNA (and SIEGE). In this table and the next three, organisation_id is
-- the union whose events built the row (see 006): queries filter on it.
CREATE TABLE rm.units (
  unit_id        text PRIMARY KEY,
  kind           text NOT NULL,
  name           text NOT NULL,
  parent_id      text,
  milieu         text,
  establishment  text,
  registered_at  timestamptz NOT NULL,
  organisation_id text NOT NULL DEFAULT 'default'
);
CREATE INDEX units_parent_idx ON rm.units (parent_id);

-- One row per staffing snapshot of an antenna. `revision` (of the antenna's stream) breaks ties on `as_of`:
-- the last recorded wins, as in the domain's `latestSnapshot`.
CREATE TABLE rm.staffing_snapshots (
  antenna_id    text NOT NULL,
  snapshot_id   text NOT NULL,
  revision      bigint NOT NULL,
  as_of         text NOT NULL,
  lines         jsonb NOT NULL,
  caseload      jsonb NOT NULL,
  assumptions   jsonb NOT NULL,
  illustrative  boolean NOT NULL DEFAULT false,
  recorded_at   timestamptz NOT NULL,
  organisation_id text NOT NULL DEFAULT 'default',
  PRIMARY KEY (antenna_id, snapshot_id)
);
CREATE INDEX staffing_antenna_idx ON rm.staffing_snapshots (antenna_id, as_of DESC);

-- One row per visit and antenna: whether the plan listed it (and for when), and when it was visited.
-- Dates are ISO 8601 text (YYYY-MM-DD), so they sort as text.
CREATE TABLE rm.visits (
  visit_id      text NOT NULL,
  antenna_id    text NOT NULL,
  planned       boolean NOT NULL,
  planned_for   text,
  conducted_on  text,
  source_ref    text,
  updated_at    timestamptz NOT NULL,
  organisation_id text NOT NULL DEFAULT 'default',
  PRIMARY KEY (visit_id, antenna_id)
);
CREATE INDEX visits_antenna_idx ON rm.visits (antenna_id);

-- One row per observation: its folded state, the columns lists filter on, and every change with the values it
-- replaced (corrections and withdrawals never erase anything).
CREATE TABLE rm.observations (
  observation_id  text PRIMARY KEY,
  antenna_id      text NOT NULL,
  visit_id        text,
  category        text NOT NULL,
  topic           text NOT NULL,
  sentiment       text NOT NULL,
  leads_to_demand boolean NOT NULL,
  withdrawn       boolean NOT NULL DEFAULT false,
  observed_on     text,
  revision        bigint NOT NULL,
  updated_at      timestamptz NOT NULL,
  state           jsonb NOT NULL,
  history         jsonb NOT NULL,
  organisation_id text NOT NULL DEFAULT 'default'
);
CREATE INDEX observations_antenna_idx ON rm.observations (antenna_id);

-- One row per demand: the folded state plus the columns lists filter and sort on.
CREATE TABLE rm.demand_status (
  demand_id              text PRIMARY KEY,
  antenna_id             text,
  status                 text NOT NULL,
  category               text,
  priority               text,
  level                  text,
  explicit               boolean,
  title                  text,
  times_asked            integer NOT NULL DEFAULT 0,
  awaiting_response_until timestamptz,
  open_commitment_due_at timestamptz,
  raised_at              timestamptz,
  revision               bigint NOT NULL,
  updated_at             timestamptz NOT NULL,
  state                  jsonb NOT NULL
);
CREATE INDEX demand_status_antenna_idx ON rm.demand_status (antenna_id, status);
CREATE INDEX demand_status_status_idx ON rm.demand_status (status);

-- Every event of every demand, in order, with who, when it happened and when it was recorded.
CREATE TABLE rm.demand_history (
  demand_id    text NOT NULL,
  revision     bigint NOT NULL,
  event_id     uuid NOT NULL,
  event_type   text NOT NULL,
  occurred_at  timestamptz,
  recorded_at  timestamptz NOT NULL,
  actor_id     text,
  data         jsonb NOT NULL,
  PRIMARY KEY (demand_id, revision)
);

-- Idempotency-Key records: a retry with the same key and body gets the first answer.
CREATE TABLE app.idempotency_keys (
  scope         text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,
  body          jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
