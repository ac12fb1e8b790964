/**
 * The shapes of the data-protection routes. Zod only, so that the web app infers its types from
 * them (type-only imports) instead of keeping copies.
 */
import { z } from 'zod';
import { PII_TYPES, type PiiType } from '../core/pii/types.ts';
import { PoolKindSchema, SensitivitySchema } from './api-schemas.ts';

export const PrivacySettingsSchema = z
  .object({
    redactPoolKinds: z.array(PoolKindSchema).max(3),
    redactBelowClearance: SensitivitySchema.nullable(),
    redactRegions: z.array(z.string().min(1).max(32)).max(50),
    redactTypes: z.array(z.enum(PII_TYPES as [PiiType, ...PiiType[]])).max(PII_TYPES.length),
    maskPoolKinds: z.array(PoolKindSchema).max(3),
    retentionDays: z.number().int().min(1).max(36_500).nullable(),
  })
  .strict()
  .meta({ id: 'PrivacySettings' });

const Point = z.tuple([z.number(), z.number()]);
export const MaskRegionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bbox'), x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
  z.object({ kind: z.literal('polygon'), points: z.array(Point).min(3).max(10_000) }),
]);
export const MaskDto = z.object({ itemId: z.number(), regions: z.array(MaskRegionSchema), version: z.number(), updatedAt: z.string().nullable() });

export const MetadataRulesDto = z.object({
  rules: z.array(z.object({ poolId: z.number(), allowedKeys: z.array(z.string()) })),
  keys: z.array(z.object({ key: z.string(), items: z.number() })),
});

export const ErasureReportDto = z.object({
  items: z.number(),
  tasks: z.number(),
  annotations: z.number(),
  reviews: z.number(),
  files: z.number(),
  exports: z.number(),
  webhookDeliveries: z.number(),
  outside: z.array(z.string()),
  scrubbed: z.boolean(),
});

export const AuditVerificationDto = z.object({
  ok: z.boolean(),
  events: z.number(),
  checkpoints: z.number(),
  head: z.string().nullable(),
  brokenAt: z.object({ seq: z.number(), reason: z.string(), message: z.string() }).nullable(),
});
