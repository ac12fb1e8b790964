-- The pool an annotation was made through is read from its task; imported annotations have no
-- task, and kept their pool nowhere. An annotation's own pool is set where no task says it (an
-- import that names the pool, or whose annotator works in one pool of the project); readers take
-- the task's pool first, then this one.
ALTER TABLE annotations ADD COLUMN pool_id bigint REFERENCES pools (id) ON DELETE SET NULL;

-- Work without a task (imports and model predictions) is a small part of a project's annotations;
-- readers of the latest imported labels walk this instead of all the project's annotations.
CREATE INDEX annotations_without_task_idx ON annotations (project_id, id) WHERE task_id IS NULL;
