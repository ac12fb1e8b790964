-- Rejected work that goes back to its own annotator is reserved for them until they take it.
ALTER TABLE tasks ADD COLUMN reserved_for bigint REFERENCES users (id) ON DELETE SET NULL;
