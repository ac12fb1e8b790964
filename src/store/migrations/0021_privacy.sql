-- Data protection per project: who gets redacted texts and masked images, how long content is
-- kept; masks drawn on images; and which metadata fields each pool may see. A project without a
-- privacy row uses the defaults below (outside pools get redacted texts and masked images).
CREATE TABLE project_privacy (
  project_id             bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  -- pools of these kinds see texts with PII replaced by typed placeholders
  redact_pool_kinds      text[] NOT NULL DEFAULT '{vendor,crowd}',
  -- and so does any pool whose clearance is below this level (null: clearance alone never redacts)
  redact_below_clearance text CHECK (redact_below_clearance IN ('public', 'internal', 'confidential', 'restricted')),
  -- and any pool that works from one of these regions
  redact_regions         text[] NOT NULL DEFAULT '{}',
  -- the PII types replaced
  redact_types           text[] NOT NULL DEFAULT '{email,phone,iban,card,ssn,nir,dob,name}',
  -- pools of these kinds receive images with the manager's masks painted in
  mask_pool_kinds        text[] NOT NULL DEFAULT '{vendor,crowd}',
  -- items older than this are erased by the retention sweep (null: kept until erased by hand)
  retention_days         integer CHECK (retention_days BETWEEN 1 AND 36500),
  updated_by             bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- Regions of an image that outside pools never see, in pixels of the image as shown.
CREATE TABLE item_masks (
  project_id bigint NOT NULL,
  item_id    bigint PRIMARY KEY,
  regions    jsonb NOT NULL,
  -- bumped at every change: masked renditions are cached per item and version
  version    integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX item_masks_project_idx ON item_masks (project_id);

-- Data minimisation: the metadata keys of a project's items that a pool may see. Without a rule,
-- in-house pools see every key and outside pools see none.
CREATE TABLE pool_metadata_rules (
  project_id   bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  pool_id      bigint NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  allowed_keys text[] NOT NULL,
  updated_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, pool_id)
);

-- Retention finds a project's oldest items without reading the others.
CREATE INDEX items_created_idx ON items (project_id, created_at);
