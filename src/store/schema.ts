/**
 * The database as Kysely sees it. Rows of these tables never leave store/: each repository maps
 * them to domain types with a named function.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'reviewer' | 'annotator' | 'auditor';
  password_hash: string | null;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** A public handle (migration 0022): lists and revocations name a session by it. */
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  source_ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  item_kind: 'image' | 'text';
  overlap: ColumnType<number, number | undefined, number>;
  lease_seconds: ColumnType<number, number | undefined, number>;
  default_sensitivity: ColumnType<string, string | undefined, string>;
  default_region: string | null;
  created_by: number | null;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
  require_guidelines_ack: ColumnType<boolean, boolean | undefined, boolean>;
  qualification: ColumnType<unknown, string | null | undefined, string | null>;
  qa_policy: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface LabelSchemaVersionsTable {
  project_id: number;
  version: number;
  schema: Json<unknown>;
  note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface GuidelineVersionsTable {
  project_id: number;
  version: number;
  body: string;
  note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ItemsTable {
  project_id: number;
  id: Generated<number>;
  external_id: string | null;
  kind: 'image' | 'text';
  content_uri: string | null;
  text: string | null;
  mime_type: string | null;
  width: number | null;
  height: number | null;
  metadata: Json<Record<string, unknown>>;
  sensitivity: ColumnType<string, string | undefined, string>;
  region: string | null;
  language: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  edge_case: ColumnType<boolean, boolean | undefined, boolean>;
  model_confidence: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export type TaskStage = 'label' | 'review' | 'adjudicate' | 'audit' | 'qualification';
export type TaskStatus = 'queued' | 'leased' | 'done' | 'cancelled';

export interface TasksTable {
  project_id: number;
  id: Generated<number>;
  item_id: number;
  stage: ColumnType<TaskStage, TaskStage | undefined, TaskStage>;
  slot: ColumnType<number, number | undefined, number>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  priority: ColumnType<number, number | undefined, number>;
  assignee_id: number | null;
  lease_expires_at: NullableTimestamp;
  created_at: Timestamp;
  claimed_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  pool_id: ColumnType<number | null, number | null | undefined, number | null>;
  member_role: ColumnType<'expert' | null, 'expert' | null | undefined, 'expert' | null>;
  routed_by: ColumnType<string | null, string | null | undefined, string | null>;
  gold: ColumnType<boolean, boolean | undefined, boolean>;
  reserved_for: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TaskSkipsTable {
  project_id: number;
  item_id: number;
  user_id: number;
  stage: ColumnType<TaskStage, TaskStage | undefined, TaskStage>;
  reason: string | null;
  created_at: Timestamp;
}

export interface AnnotationsTable {
  project_id: number;
  id: Generated<number>;
  item_id: number;
  task_id: number | null;
  annotator_id: number | null;
  source: ColumnType<'human' | 'model' | 'import', 'human' | 'model' | 'import' | undefined, never>;
  model_name: string | null;
  model_version: string | null;
  confidence: number | null;
  schema_version: number;
  guidelines_version: number | null;
  result: Json<unknown>;
  time_spent_ms: number | null;
  supersedes_id: number | null;
  client_token: string | null;
  created_at: Timestamp;
  /** Per-region and per-choice confidences of a model's prediction (migration 0010). */
  confidences: ColumnType<unknown | null, string | null | undefined, never>;
  /** The pool of work that has no task to say it (imported annotations; migration 0026). */
  pool_id: ColumnType<number | null, number | null | undefined, never>;
}

export interface ReviewsTable {
  project_id: number;
  id: Generated<number>;
  item_id: number;
  annotation_id: number;
  annotator_id: number | null;
  reviewer_id: number | null;
  decision: 'accept' | 'correct' | 'reject';
  comment: string | null;
  corrected_annotation_id: number | null;
  created_at: Timestamp;
}

export interface ImportsTable {
  project_id: number;
  id: Generated<number>;
  source: string;
  format: string;
  status: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined, 'running' | 'done' | 'failed'>;
  total: ColumnType<number, number | undefined, number>;
  imported: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  errors: Json<unknown[]>;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface AuditOutboxTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_email: string | null;
  pool_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  project_id: number | null;
  source_ip: string | null;
  details: Json<unknown> | null;
}

/** The hash-chained audit trail (migration 0020): written by the chainer only, never changed. */
export interface AuditEventsTable {
  seq: number;
  at: Timestamp;
  actor_id: number | null;
  actor_email: string | null;
  pool_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  project_id: number | null;
  source_ip: string | null;
  details: ColumnType<unknown | null, string | null, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: Timestamp;
}

export interface ProjectPrivacyTable {
  project_id: number;
  redact_pool_kinds: string[];
  redact_below_clearance: string | null;
  redact_regions: string[];
  redact_types: string[];
  mask_pool_kinds: string[];
  retention_days: number | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface ItemMasksTable {
  project_id: number;
  item_id: number;
  regions: Json<unknown[]>;
  version: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface PoolMetadataRulesTable {
  project_id: number;
  pool_id: number;
  allowed_keys: string[];
  updated_by: number | null;
  updated_at: Timestamp;
}

export type JobKind = 'export' | 'import';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  project_id: number;
  id: Generated<number>;
  kind: JobKind;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  params: Json<Record<string, unknown>>;
  phase: string | null;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  result: ColumnType<unknown | null, string | null | undefined, string | null>;
  error: ColumnType<unknown | null, string | null | undefined, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  queue_job_id: string | null;
  created_by: number | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  heartbeat_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface ExportsTable {
  project_id: number;
  id: Generated<number>;
  job_id: number | null;
  format: string;
  selection: 'consensus' | 'all';
  filters: Json<Record<string, unknown>>;
  status: ColumnType<'pending' | 'ready' | 'failed', 'pending' | 'ready' | 'failed' | undefined, 'pending' | 'ready' | 'failed'>;
  file: string | null;
  bytes: number | null;
  summary: ColumnType<unknown | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface WebhooksTable {
  project_id: number;
  id: Generated<number>;
  url: string;
  secret: string;
  events: string[];
  description: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export type DeliveryStatus = 'pending' | 'scheduled' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  project_id: number;
  id: Generated<number>;
  webhook_id: number;
  event: string;
  event_key: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  response_code: number | null;
  last_error: string | null;
  duration_ms: number | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface WebhookCursorsTable {
  source: string;
  last_id: number;
}

export interface PoolsTable {
  id: Generated<number>;
  key: string;
  name: string;
  kind: 'in_house' | 'vendor' | 'crowd';
  vendor: string | null;
  cost_model: Json<unknown> | null;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  clearance: ColumnType<string, string | undefined, string>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  capacity_hours_per_week: number | null;
  time_zone: string | null;
  sla: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export type MemberRole = 'annotator' | 'reviewer' | 'expert' | 'manager';

export interface PoolMembersTable {
  pool_id: number;
  user_id: number;
  role: MemberRole;
  paused_at: NullableTimestamp;
  paused_reason: string | null;
  created_at: Timestamp;
}

export interface RoutingPoliciesTable {
  project_id: number;
  version: number;
  policy: Json<unknown>;
  note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ProjectPoolsTable {
  project_id: number;
  pool_id: number;
}

export interface GuidelineAcknowledgementsTable {
  project_id: number;
  user_id: number;
  version: number;
  created_at: Timestamp;
}

export interface QualificationAttemptsTable {
  project_id: number;
  user_id: number;
  id: Generated<number>;
  answers: Json<unknown>;
  score: number;
  passed: boolean;
  created_at: Timestamp;
}

export interface EscalationsTable {
  project_id: number;
  id: Generated<number>;
  item_id: number;
  reason: string;
  from_pool: number | null;
  to_pool: number | null;
  rule: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface KnownAnswersTable {
  project_id: number;
  item_id: number;
  result: Json<unknown>;
  source: ColumnType<'manual' | 'import' | 'adjudication', 'manual' | 'import' | 'adjudication' | undefined, 'manual' | 'import' | 'adjudication'>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ItemStatesTable {
  project_id: number;
  item_id: number;
  stage: 'review' | 'adjudication' | 'accepted';
  consensus: Json<unknown> | null;
  method: string | null;
  confidence: number | null;
  agreement: number | null;
  reason: string | null;
  accepted_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface GoldResultsTable {
  project_id: number;
  id: Generated<number>;
  item_id: number;
  annotation_id: number;
  annotator_id: number | null;
  pool_id: number | null;
  score: number;
  passed: boolean;
  created_at: Timestamp;
}

export interface WorkflowCursorsTable {
  name: string;
  last_annotation_id: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  label_schema_versions: LabelSchemaVersionsTable;
  guideline_versions: GuidelineVersionsTable;
  items: ItemsTable;
  tasks: TasksTable;
  task_skips: TaskSkipsTable;
  annotations: AnnotationsTable;
  imports: ImportsTable;
  reviews: ReviewsTable;
  audit_outbox: AuditOutboxTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  project_privacy: ProjectPrivacyTable;
  item_masks: ItemMasksTable;
  pool_metadata_rules: PoolMetadataRulesTable;
  pools: PoolsTable;
  pool_members: PoolMembersTable;
  routing_policies: RoutingPoliciesTable;
  project_pools: ProjectPoolsTable;
  guideline_acknowledgements: GuidelineAcknowledgementsTable;
  qualification_attempts: QualificationAttemptsTable;
  escalations: EscalationsTable;
  known_answers: KnownAnswersTable;
  item_states: ItemStatesTable;
  gold_results: GoldResultsTable;
  workflow_cursors: WorkflowCursorsTable;
  jobs: JobsTable;
  exports: ExportsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_cursors: WebhookCursorsTable;
  atelier_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type TaskRow = Selectable<TasksTable>;
export type AnnotationRow = Selectable<AnnotationsTable>;
export type ItemStateRow = Selectable<ItemStatesTable>;
export type NewItem = Insertable<ItemsTable>;
