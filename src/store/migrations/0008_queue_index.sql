-- The queue index keyed so that every queue section is an equality: PostgreSQL only walks an index
-- in ORDER BY order past columns fixed by `=`, not by `IS NULL`; with NULL for "unrouted" and "any
-- member", a claim on a large project sorted the whole queue instead of reading its first entry.
DROP INDEX tasks_queue_idx;
CREATE INDEX tasks_queue_idx ON tasks (project_id, stage, (coalesce(pool_id, 0)), (coalesce(member_role, '')), priority DESC, id)
  WHERE status = 'queued';
