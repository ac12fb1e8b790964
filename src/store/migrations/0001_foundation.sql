-- Atelier foundation: users and credentials, projects with versioned schemas and guidelines,
-- items, tasks (the work queue) and immutable annotations.
-- Per-project tables lead with project_id, and their per-project indexes too. Their primary key is
-- the id alone: the tables on the hot path (tasks, annotations) then maintain one unique index, not
-- two. Distributing by project (Citus) would widen these keys to (project_id, id) in a migration.

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         text NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'manager', 'reviewer', 'annotator')),
  password_hash text,
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  source_ip    text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  prefix       text NOT NULL,
  scopes       text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE projects (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                text NOT NULL,
  description         text NOT NULL DEFAULT '',
  item_kind           text NOT NULL CHECK (item_kind IN ('image', 'text')),
  overlap             integer NOT NULL DEFAULT 1 CHECK (overlap BETWEEN 1 AND 50),
  lease_seconds       integer NOT NULL DEFAULT 900 CHECK (lease_seconds BETWEEN 1 AND 604800),
  default_sensitivity text NOT NULL DEFAULT 'internal'
                      CHECK (default_sensitivity IN ('public', 'internal', 'confidential', 'restricted')),
  default_region      text,
  created_by          bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  archived_at         timestamptz
);
CREATE UNIQUE INDEX projects_name_key ON projects (lower(name));

CREATE TABLE label_schema_versions (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  schema     jsonb NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, version)
);

CREATE TABLE guideline_versions (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  body       text NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, version)
);

CREATE TABLE items (
  project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  external_id text,
  kind        text NOT NULL CHECK (kind IN ('image', 'text')),
  -- file:<path under the data folder>, http(s)://… fetched by the server, or s3://bucket/key
  content_uri text,
  text        text,
  mime_type   text,
  width       integer,
  height      integer,
  metadata    jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal'
              CHECK (sensitivity IN ('public', 'internal', 'confidential', 'restricted')),
  region      text,
  language    text,
  tags        text[] NOT NULL DEFAULT '{}',
  edge_case   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- the target of the (project_id, item_id) foreign keys: a task or annotation stays in its item's project
  UNIQUE (project_id, id),
  CHECK ((kind = 'text' AND text IS NOT NULL) OR (kind = 'image' AND content_uri IS NOT NULL))
);
CREATE UNIQUE INDEX items_external_id_key ON items (project_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE tasks (
  project_id       bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id          bigint NOT NULL,
  stage            text NOT NULL DEFAULT 'label'
                   CHECK (stage IN ('label', 'review', 'adjudicate', 'audit', 'qualification')),
  -- overlap k means k tasks of one item at one stage, slots 1..k
  slot             smallint NOT NULL DEFAULT 1,
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'leased', 'done', 'cancelled')),
  priority         integer NOT NULL DEFAULT 0,
  assignee_id      bigint REFERENCES users (id) ON DELETE SET NULL,
  lease_expires_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  claimed_at       timestamptz,
  completed_at     timestamptz,
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE,
  CHECK ((status = 'leased') = (lease_expires_at IS NOT NULL))
);
-- Every claim and submit rewrites a task row and each index it is in, so tasks keep few indexes.
-- The queue: the claim walks this index from the front; taken and finished tasks leave it.
CREATE INDEX tasks_queue_idx ON tasks (project_id, stage, priority DESC, id) WHERE status = 'queued';
-- The tasks of an item; and one annotator never holds two tasks of one item at one stage, even when
-- two claims race (NULL assignees are distinct, so unassigned slots do not collide).
CREATE UNIQUE INDEX tasks_item_assignee_key ON tasks (project_id, item_id, stage, assignee_id);
-- Live leases: an annotator's own (to resume them), and the expired ones (to requeue them).
CREATE INDEX tasks_leases_idx ON tasks (assignee_id, project_id) WHERE status = 'leased';

-- An annotator who skipped an item is not offered it again.
CREATE TABLE task_skips (
  project_id bigint NOT NULL,
  item_id    bigint NOT NULL,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage      text NOT NULL DEFAULT 'label',
  reason     text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, item_id, stage, user_id),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);

CREATE TABLE annotations (
  project_id         bigint NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id            bigint NOT NULL,
  task_id            bigint,
  annotator_id       bigint REFERENCES users (id) ON DELETE SET NULL,
  source             text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'model', 'import')),
  model_name         text,
  model_version      text,
  confidence         double precision,
  schema_version     integer NOT NULL,
  guidelines_version integer,
  result             jsonb NOT NULL,
  time_spent_ms      integer CHECK (time_spent_ms >= 0),
  supersedes_id      bigint,
  client_token       text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX annotations_item_idx ON annotations (project_id, item_id);
CREATE INDEX annotations_task_idx ON annotations (task_id) WHERE task_id IS NOT NULL;
-- History is a line, not a tree: an annotation is superseded at most once.
CREATE UNIQUE INDEX annotations_supersedes_key ON annotations (supersedes_id) WHERE supersedes_id IS NOT NULL;

-- Annotations are immutable: a correction is a new row that supersedes the old one.
CREATE FUNCTION atelier_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER annotations_immutable BEFORE UPDATE ON annotations
  FOR EACH ROW EXECUTE FUNCTION atelier_refuse_update();

CREATE TABLE imports (
  project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text NOT NULL,
  format      text NOT NULL,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  total       integer NOT NULL DEFAULT 0,
  imported    integer NOT NULL DEFAULT 0,
  rejected    integer NOT NULL DEFAULT 0,
  errors      jsonb NOT NULL DEFAULT '[]',
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX imports_project_idx ON imports (project_id, id);
