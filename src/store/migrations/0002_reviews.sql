-- Reviews of annotations: accept, correct (a new annotation by the reviewer supersedes the
-- reviewed one) or reject with a comment that the annotator sees.
CREATE TABLE reviews (
  project_id              bigint NOT NULL,
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id                 bigint NOT NULL,
  annotation_id           bigint NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  -- whose work was reviewed, kept here so that an annotator's feedback is one index scan
  annotator_id            bigint REFERENCES users (id) ON DELETE SET NULL,
  reviewer_id             bigint REFERENCES users (id) ON DELETE SET NULL,
  decision                text NOT NULL CHECK (decision IN ('accept', 'correct', 'reject')),
  comment                 text,
  corrected_annotation_id bigint REFERENCES annotations (id) ON DELETE SET NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE,
  CHECK ((decision = 'correct') = (corrected_annotation_id IS NOT NULL))
);
CREATE INDEX reviews_item_idx ON reviews (project_id, item_id);
CREATE INDEX reviews_annotation_idx ON reviews (annotation_id);
CREATE INDEX reviews_annotator_idx ON reviews (annotator_id, created_at DESC);
CREATE INDEX annotations_created_idx ON annotations (project_id, created_at);
CREATE INDEX annotations_annotator_idx ON annotations (annotator_id, project_id);
