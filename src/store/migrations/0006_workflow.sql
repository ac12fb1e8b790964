-- The quality workflow: label → consensus → review → adjudication → accepted.
-- The QA policy of a project says the review sampling per pool, what sends an item to adjudication,
-- the gold rate and the accuracy below which an annotator is paused.
ALTER TABLE projects ADD COLUMN qa_policy jsonb;

-- Where each item stands, and the label Atelier settled on for it.
CREATE TABLE item_states (
  project_id  bigint NOT NULL,
  item_id     bigint NOT NULL,
  stage       text NOT NULL CHECK (stage IN ('review', 'adjudication', 'accepted')),
  consensus   jsonb,
  method      text,
  confidence  double precision,
  agreement   double precision,
  -- why the item went to adjudication or review (low agreement, gold failed, rejected, sampled)
  reason      text,
  accepted_at timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, item_id),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX item_states_stage_idx ON item_states (project_id, stage);

-- Gold tasks are ordinary-looking tasks on items with known answers; only the server knows.
ALTER TABLE tasks ADD COLUMN gold boolean NOT NULL DEFAULT false;

CREATE TABLE gold_results (
  project_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id       bigint NOT NULL,
  annotation_id bigint NOT NULL UNIQUE REFERENCES annotations (id) ON DELETE CASCADE,
  annotator_id  bigint REFERENCES users (id) ON DELETE SET NULL,
  pool_id       bigint REFERENCES pools (id) ON DELETE SET NULL,
  score         double precision NOT NULL,
  passed        boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gold_results_annotator_idx ON gold_results (project_id, annotator_id, created_at);
CREATE INDEX gold_results_pool_idx ON gold_results (project_id, pool_id, created_at);

-- How far the workflow engine has read the annotations (it advances items incrementally).
CREATE TABLE workflow_cursors (
  name               text PRIMARY KEY,
  last_annotation_id bigint NOT NULL DEFAULT 0,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
