-- What was done to identities, and what was refused, for auditors (io.jynamo.ejb.security.AuditLog): every IAM and
-- STS action that changed something, and every request denied by a policy. Partitioned by day (audit_event_YYYYMMDD,
-- made ahead by the audit-retention job and on demand), so that retention drops whole days. Append-only: rows are
-- never updated, and deleted only with their day's partition.
--   principal      the caller's ARN
--   outcome        Allowed (an IAM action carried out) or Denied (refused by the policies)
--   resource       the ARN the action was on, or *
CREATE TABLE audit_event (
    occurred_at    timestamptz  NOT NULL,
    request_id     text         NOT NULL,
    principal      text         NOT NULL,
    access_key_id  text,
    action         text         NOT NULL,
    resource       text         NOT NULL,
    outcome        text         NOT NULL CHECK (outcome IN ('Allowed', 'Denied')),
    source_ip      text
) PARTITION BY RANGE (occurred_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;

-- on the parent, so every day's partition has it
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
