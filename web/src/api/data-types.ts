/**
 * Data in and out, and data protection: the shapes of the jobs, exports, webhooks and audit routes
 * inferred from their schemas (type-only: zod does not reach the bundle), and typed copies of the
 * privacy routes' shapes, whose schemas still live in their route files.
 */
import type { z } from 'zod';
import type { PiiType } from '../../../src/core/pii/types.ts';
import type { AuditEventDto, DeliveryDto, ExportDto, JobDto, WebhookDto } from '../../../src/server/data-schemas.ts';
import type { PoolKind } from './workforce-types.ts';
import type { Sensitivity } from './types.ts';

export type Job = z.infer<typeof JobDto>;
export type ExportRecord = z.infer<typeof ExportDto>;
export type Webhook = z.infer<typeof WebhookDto>;
export type WebhookDelivery = z.infer<typeof DeliveryDto>;
export type AuditEvent = z.infer<typeof AuditEventDto>;


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


/** PrivacySettingsSchema. */
export interface PrivacySettings {
  redactPoolKinds: PoolKind[];
  redactBelowClearance: Sensitivity | null;
  redactRegions: string[];
  redactTypes: PiiType[];
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
