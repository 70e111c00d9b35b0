-- Accounts, organisations (unions), sections, and the security log. Not event-sourced: password hashes must be
-- replaceable and erasable, which an immutable event store forbids.
CREATE TABLE app.organisations (
  organisation_id  text PRIMARY KEY,
  name             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- A section scopes officers to SPIPs or antennas (unit ids of rm.units).
CREATE TABLE app.sections (
  section_id       text PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES app.organisations(organisation_id),
  name             text NOT NULL,
  unit_ids         text[] NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app.accounts (
  account_id       uuid PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES app.organisations(organisation_id),
  email            text NOT NULL,
  display_name     text NOT NULL,
  role             text NOT NULL CHECK (role IN ('admin', 'officer', 'observer')),
  section_ids      text[] NOT NULL DEFAULT '{}',
  password_hash    text NOT NULL,
  disabled_at      timestamptz,
  -- Bumped on logout, password change and disabling: every token issued before stops working at once.
  session_version  integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_uq ON app.accounts (lower(email));

CREATE TABLE app.security_log (
  entry_id         bigserial PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  kind             text NOT NULL,
  account_id       uuid,
  organisation_id  text,
  email            text,
  ip               text,
  detail           jsonb NOT NULL DEFAULT '{}'
);
CREATE TRIGGER security_log_immutable BEFORE UPDATE OR DELETE ON app.security_log
  FOR EACH ROW EXECUTE FUNCTION es.refuse_change();
