-- Audit events are recorded in two steps, so that recording one never makes two requests wait on
-- each other: a request appends its events to the outbox (a plain insert, no ordering), and a
-- single chainer moves them, in order, into the hash-chained trail (audit_events).
CREATE TABLE audit_outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id     bigint,
  actor_email  text,
  pool_id      bigint,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text,
  project_id   bigint,
  source_ip    text,
  details      jsonb
);
