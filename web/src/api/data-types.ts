/**
 * Data in and out, and data protection: typed copies of the shapes of the jobs, exports, webhooks,
 * audit and privacy routes (their schemas live in the route files, whose imports need the server's
 * plugin types; the web app cannot take them from there).
 */
import type { PoolKind } from './workforce-types.ts';
import type { Sensitivity } from './types.ts';

/** JobDto of routes/jobs.ts. */
export interface Job {
  id: number;
  projectId: number;
  kind: 'export' | 'import';
  status: 'queued' | 'running' | 'done' | 'failed';
  format: string | null;
  phase: string | null;
  done: number;
  total: number | null;
  attempts: number;
  result: unknown;
  error: { code?: string; message: string; details?: unknown } | null;
  createdBy: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** ExportDto of routes/exports.ts. */
export interface ExportRecord {
  id: number;
  projectId: number;
  jobId: number | null;
  format: string;
  selection: 'consensus' | 'all';
  filters: Record<string, unknown>;
  status: 'pending' | 'ready' | 'failed';
  fileName: string | null;
  bytes: number | null;
  summary: unknown;
  downloadUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** WebhookDto of routes/webhooks.ts. */
export interface Webhook {
  id: number;
  projectId: number;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdAt: string;
}

/** DeliveryDto of routes/webhooks.ts. */
export interface WebhookDelivery {
  id: number;
  webhookId: number;
  event: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'scheduled' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseCode: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** AuditEventDto of routes/audit.ts. */
export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  poolId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  projectId: string | null;
  sourceIp: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

/** WEBHOOK_EVENTS of services/webhooks/events.ts. */
export const WEBHOOK_EVENTS = ['task.completed', 'item.accepted', 'export.ready', 'annotator.paused'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The formats the export route takes (the format registry's export formats). */
export const EXPORT_FORMATS = {
  image: ['coco', 'yolo', 'voc', 'csv', 'jsonl'],
  text: ['conll', 'spacy', 'csv', 'jsonl'],
} as const;

/** ExportFiltersSchema of services/export-project.ts. */
export interface ExportFilters {
  status?: 'complete' | 'annotated' | 'accepted';
  from?: string;
  to?: string;
  labels?: string[];
  annotators?: string[];
  pools?: string[];
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  checkpoints: number;
  head: string | null;
  brokenAt: { seq: number; reason: string; message: string } | null;
}

/** PII_TYPES of core/pii/types.ts. */
export const PII_TYPES = ['email', 'phone', 'iban', 'card', 'ssn', 'nir', 'dob', 'name'] as const;

/** PrivacySettingsSchema. */
export interface PrivacySettings {
  redactPoolKinds: PoolKind[];
  redactBelowClearance: Sensitivity | null;
  redactRegions: string[];
  redactTypes: (typeof PII_TYPES)[number][];
  maskPoolKinds: PoolKind[];
  retentionDays: number | null;
}

export type MaskRegion = { kind: 'bbox'; x: number; y: number; width: number; height: number } | { kind: 'polygon'; points: [number, number][] };

/** MaskDto. */
export interface ItemMask {
  itemId: number;
  regions: MaskRegion[];
  version: number;
  updatedAt: string | null;
}

export interface MetadataRules {
  rules: { poolId: number; allowedKeys: string[] }[];
  keys: { key: string; items: number }[];
}
