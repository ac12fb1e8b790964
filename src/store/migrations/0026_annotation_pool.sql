-- The pool an annotation was made through is read from its task; imported annotations have no
-- task, and kept their pool nowhere. An annotation's own pool is set where no task says it (an
-- import that names the pool, or whose annotator works in one pool of the project); readers take
-- the task's pool first, then this one.
ALTER TABLE annotations ADD COLUMN pool_id bigint REFERENCES pools (id) ON DELETE SET NULL;
