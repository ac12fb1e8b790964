-- The review queue walks the items in review in the order they got there and stops after a page:
-- before, it grouped every human annotation of the project to find them, which took a second per
-- look on a project of a million annotations (and on the embedded database held its one
-- connection, and so every annotator, for that second). The same index serves the adjudication
-- queue, which lists its stage by `updated_at` too; it covers the old (project_id, stage) one.
CREATE INDEX item_states_queue_idx ON item_states (project_id, stage, updated_at, item_id);
DROP INDEX item_states_stage_idx;
-- "Is this annotation a reviewer's correction?" is asked of every annotation the queue looks at.
CREATE INDEX reviews_corrected_idx ON reviews (corrected_annotation_id) WHERE corrected_annotation_id IS NOT NULL;
