-- Known answers of items (gold): imported, entered by managers, or taken from adjudicated items.
-- Qualifications and gold checks score annotators against them.
CREATE TABLE known_answers (
  project_id bigint NOT NULL,
  item_id    bigint NOT NULL,
  result     jsonb NOT NULL,
  source     text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'adjudication')),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, item_id),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
