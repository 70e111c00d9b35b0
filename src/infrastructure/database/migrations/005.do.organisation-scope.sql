-- Each read-model row belongs to the organisation (union) whose events built it: queries filter on it, so that a
-- union never sees another's data. Events recorded before accounts existed belong to 'default'.
ALTER TABLE rm.demand_status ADD COLUMN organisation_id text NOT NULL DEFAULT 'default';
ALTER TABLE rm.demand_history ADD COLUMN organisation_id text NOT NULL DEFAULT 'default';
CREATE INDEX demand_status_organisation_idx ON rm.demand_status (organisation_id, antenna_id, status);
ALTER TABLE rm.meetings ADD COLUMN organisation_id text NOT NULL DEFAULT 'default';
ALTER TABLE rm.meeting_demand_links ADD COLUMN organisation_id text NOT NULL DEFAULT 'default';
