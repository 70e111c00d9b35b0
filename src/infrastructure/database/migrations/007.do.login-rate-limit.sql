-- Failed-login counters shared by every instance of the application (express-rate-limit store, ADR 0005).
-- One row per client key and window; expired rows are reused on the next attempt and swept now and then.
CREATE TABLE app.rate_limit_hits (
  key       text        PRIMARY KEY,
  hits      integer     NOT NULL,
  reset_at  timestamptz NOT NULL
);
