-- Idempotency keys that resolve after a crash, and expire (issue 10, defect 3).
--  * claimed_at: when the request holding the key started (or took it over). A key without a status whose claim
--    is older than the in-progress lease belongs to a request that died: a retry takes it over and runs again
--    (the event ids derive from the key, so what the dead request recorded is found, not recorded twice).
--  * expires_at: after it (24 h by default, IDEMPOTENCY_KEY_TTL_HOURS) the key is forgotten and may be reused.
ALTER TABLE app.idempotency_keys
  ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours';
UPDATE app.idempotency_keys SET claimed_at = created_at, expires_at = created_at + interval '24 hours';
CREATE INDEX idempotency_keys_expiry_idx ON app.idempotency_keys (expires_at);
