-- Data in and out: background jobs (imports and exports, with their progress and results), export
-- files, webhooks with their delivery log, and the per-label confidences of model predictions.
-- The job queue itself (pg-boss) keeps its own tables in the `pgboss` schema, installed by pg-boss.

-- A model's confidences aligned with its result: {"regions": [..], "choices": {"control": [..]}}.
-- `confidence` stays the one number per annotation (their mean).
ALTER TABLE annotations ADD COLUMN confidences jsonb;

-- Imported texts without an id are matched to the project's items by their text.
CREATE INDEX items_text_md5_idx ON items (project_id, md5(text)) WHERE text IS NOT NULL;

CREATE TABLE jobs (
  project_id   bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('export', 'import')),
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  params       jsonb NOT NULL DEFAULT '{}',
  phase        text,
  done         bigint NOT NULL DEFAULT 0,
  total        bigint,
  result       jsonb,
  error        jsonb,
  attempts     integer NOT NULL DEFAULT 0,
  -- the pg-boss job that runs it, once a worker has handed it to the queue
  queue_job_id uuid,
  created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  heartbeat_at timestamptz,
  finished_at  timestamptz
);
CREATE INDEX jobs_project_idx ON jobs (project_id, id);
-- Jobs made by a request or the CLI wait here until a worker hands them to the queue (an outbox:
-- the row and its queue job are written by one transaction each, never half).
CREATE INDEX jobs_unqueued_idx ON jobs (id) WHERE status = 'queued' AND queue_job_id IS NULL;

CREATE TABLE exports (
  project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id      bigint REFERENCES jobs (id) ON DELETE SET NULL,
  format      text NOT NULL,
  selection   text NOT NULL CHECK (selection IN ('consensus', 'all')),
  filters     jsonb NOT NULL DEFAULT '{}',
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
  -- a name under the data folder's exports/ (downloadable), or an absolute path given with --output
  file        text,
  bytes       bigint,
  summary     jsonb,
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX exports_project_idx ON exports (project_id, id);

CREATE TABLE webhooks (
  project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url         text NOT NULL,
  -- the HMAC key; the server signs with it, so it is kept as it is (shown once at creation)
  secret      text NOT NULL,
  events      text[] NOT NULL,
  description text NOT NULL DEFAULT '',
  active      boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_project_idx ON webhooks (project_id) WHERE active;

CREATE TABLE webhook_deliveries (
  project_id      bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id      bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event           text NOT NULL,
  -- what the event is about (`annotation:42`): an event found twice is delivered once
  event_key       text NOT NULL,
  payload         jsonb NOT NULL,
  -- pending: waits for a worker to queue it; scheduled: a queue job will send it
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'scheduled', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  response_code   integer,
  last_error      text,
  duration_ms     integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (id) WHERE status = 'pending';

-- How far the event scanners have read the tables whose new rows are events (annotations for
-- task.completed, reviews for item.accepted): the work path writes nothing extra for webhooks.
CREATE TABLE webhook_cursors (
  source  text PRIMARY KEY,
  last_id bigint NOT NULL
);
