/**
 * Data in and out, and data protection: the shapes of the jobs, exports, webhooks, audit and
 * privacy routes, inferred from their schemas (type-only: zod does not reach the bundle).
 */
import type { z } from 'zod';
import type { ExportFiltersSchema } from '../../../src/core/export-filters.ts';
import type { AuditEventDto, DeliveryDto, ExportDto, JobDto, WebhookDto } from '../../../src/server/data-schemas.ts';
import type { AuditVerificationDto, MaskDto, MaskRegionSchema, MetadataRulesDto, PrivacySettingsSchema } from '../../../src/server/privacy-schemas.ts';

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

export type ExportFilters = z.infer<typeof ExportFiltersSchema>;

export type AuditVerification = z.infer<typeof AuditVerificationDto>;

export type PrivacySettings = z.infer<typeof PrivacySettingsSchema>;
export type MaskRegion = z.infer<typeof MaskRegionSchema>;
export type ItemMask = z.infer<typeof MaskDto>;
export type MetadataRules = z.infer<typeof MetadataRulesDto>;
