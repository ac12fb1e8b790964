-- The audit trail: events moved from the outbox by the chainer, each carrying the hash of the one
-- before it. Rows are never changed or removed, whoever asks: a trigger refuses it (it holds for
-- every role but one that disables triggers), and on PostgreSQL the privileges are taken away too.
CREATE TABLE audit_events (
  seq          bigint PRIMARY KEY CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  actor_id     bigint,
  actor_email  text,
  pool_id      bigint,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text,
  project_id   bigint,
  source_ip    text,
  details      jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
-- The search screen filters by one of these and pages newest first (by seq).
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, seq);
CREATE INDEX audit_events_project_idx ON audit_events (project_id, seq);

-- Where the chain stood at a moment (after a batch, after a verification). Kept apart from the
-- events and append-only like them, so that deleting the tail of the chain is caught: the chain
-- must still reach every checkpoint, with the same hash there.
CREATE TABLE audit_checkpoints (
  seq  bigint PRIMARY KEY,
  hash text NOT NULL,
  at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION atelier_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION atelier_refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_refuse_audit_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION atelier_refuse_audit_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_refuse_audit_change();

-- Privileges: nobody, the role that runs Atelier included, keeps UPDATE, DELETE or TRUNCATE on the
-- trail. A superuser ignores privileges (the trigger still stands in its way); the table's owner
-- could grant them back, which is why a production deployment runs the app as a role that is not
-- the owner (see README: "Audit trail").
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_checkpoints FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_checkpoints FROM %I', current_user);
END;
$$;
