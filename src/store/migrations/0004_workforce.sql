-- Workforces: pools (in-house, vendor, crowd) with the limits of what they may see, their members,
-- versioned routing policies per project, and the routing of each task to a pool.

CREATE TABLE pools (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key                     text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name                    text NOT NULL,
  kind                    text NOT NULL CHECK (kind IN ('in_house', 'vendor', 'crowd')),
  vendor                  text,
  -- {"type": "per_label" | "per_hour" | "fixed_monthly", "amount": n, "currency": "EUR"}
  cost_model              jsonb,
  -- data regions the pool may handle; '*' is any region
  regions                 text[] NOT NULL DEFAULT '{*}',
  clearance               text NOT NULL DEFAULT 'internal'
                          CHECK (clearance IN ('public', 'internal', 'confidential', 'restricted')),
  skills                  text[] NOT NULL DEFAULT '{}',
  -- languages its members work in; '*' is any language
  languages               text[] NOT NULL DEFAULT '{*}',
  capacity_hours_per_week double precision CHECK (capacity_hours_per_week >= 0),
  time_zone               text,
  -- {"turnaroundHours": n, "minGoldAccuracy": 0..1}
  sla                     jsonb NOT NULL DEFAULT '{}',
  created_at              timestamptz NOT NULL DEFAULT now(),
  archived_at             timestamptz
);
CREATE UNIQUE INDEX pools_key_key ON pools (key);

CREATE TABLE pool_members (
  pool_id       bigint NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('annotator', 'reviewer', 'expert', 'manager')),
  paused_at     timestamptz,
  paused_reason text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pool_id, user_id)
);
CREATE INDEX pool_members_user_idx ON pool_members (user_id);

CREATE TABLE routing_policies (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  policy     jsonb NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, version)
);

-- The pools a project's policy sends work to: their members see the project.
CREATE TABLE project_pools (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  pool_id    bigint NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, pool_id)
);
CREATE INDEX project_pools_pool_idx ON project_pools (pool_id);

ALTER TABLE items ADD COLUMN model_confidence double precision CHECK (model_confidence BETWEEN 0 AND 1);

-- A routed task belongs to one pool (NULL: unrouted, for in-house staff); `member_role` 'expert'
-- keeps it for the pool's experts; `routed_by` names the rule that sent it.
ALTER TABLE tasks ADD COLUMN pool_id bigint REFERENCES pools (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN member_role text CHECK (member_role IN ('expert'));
ALTER TABLE tasks ADD COLUMN routed_by text;
DROP INDEX tasks_queue_idx;
CREATE INDEX tasks_queue_idx ON tasks (project_id, stage, pool_id, member_role, priority DESC, id) WHERE status = 'queued';

-- Onboarding: annotators acknowledge the guidelines in force before their next task, and may have
-- to pass a qualification first.
CREATE TABLE guideline_acknowledgements (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id, version)
);

ALTER TABLE projects ADD COLUMN require_guidelines_ack boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD COLUMN qualification jsonb;

CREATE TABLE qualification_attempts (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  answers    jsonb NOT NULL,
  score      double precision NOT NULL,
  passed     boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qualification_attempts_user_idx ON qualification_attempts (project_id, user_id);

-- Escalation history: an item sent to a higher tier, and why.
CREATE TABLE escalations (
  project_id bigint NOT NULL,
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id    bigint NOT NULL,
  reason     text NOT NULL,
  from_pool  bigint REFERENCES pools (id) ON DELETE SET NULL,
  to_pool    bigint REFERENCES pools (id) ON DELETE SET NULL,
  rule       text,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX escalations_item_idx ON escalations (project_id, item_id);
