-- Sessions get a short public id, so that a user can list and revoke them without the hash of
-- their secret ever leaving the server.
ALTER TABLE sessions ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);

-- Auditors read and verify the audit trail and data-protection reports, and nothing else.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'manager', 'reviewer', 'annotator', 'auditor'));
