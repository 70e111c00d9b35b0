-- Accounts and sections belong to one organisation (union): an e-mail address and a section id are unique within
-- an organisation, not across the installation (issue 10, defect 8; ADR 0013). The same person may hold an account
-- in two unions; one union's 409 no longer tells it that an address exists in another.
DROP INDEX app.accounts_email_uq;
CREATE UNIQUE INDEX accounts_organisation_email_uq ON app.accounts (organisation_id, lower(email));
-- The login looks the address up across organisations (then picks by the `organisation` it is given).
CREATE INDEX accounts_email_idx ON app.accounts (lower(email));

ALTER TABLE app.sections DROP CONSTRAINT sections_pkey;
ALTER TABLE app.sections ADD PRIMARY KEY (organisation_id, section_id);

-- The security log is read per organisation, newest first.
CREATE INDEX security_log_organisation_idx ON app.security_log (organisation_id, entry_id DESC);
