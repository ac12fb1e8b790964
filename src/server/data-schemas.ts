/**
 * The shapes of the jobs, exports, webhooks and audit routes. Zod only, so that the web app infers
 * its types from them (type-only imports) instead of keeping copies.
 */
import { z } from 'zod';

export const JobDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    kind: z.enum(['export', 'import']),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    format: z.string().nullable(),
    phase: z.string().nullable(),
    done: z.number(),
    total: z.number().nullable(),
    attempts: z.number(),
    result: z.unknown(),
    error: z.object({ code: z.string().optional(), message: z.string(), details: z.unknown().optional() }).nullable(),
    createdBy: z.number().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

export const ExportDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    jobId: z.number().nullable(),
    format: z.string(),
    selection: z.enum(['consensus', 'all']),
    filters: z.record(z.string(), z.unknown()),
    status: z.enum(['pending', 'ready', 'failed']),
    fileName: z.string().nullable(),
    bytes: z.number().nullable(),
    summary: z.unknown(),
    downloadUrl: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Export' });

export const WebhookDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });

export const DeliveryDto = z
  .object({
    id: z.number(),
    webhookId: z.number(),
    event: z.string(),
    payload: z.record(z.string(), z.unknown()),
    status: z.enum(['pending', 'scheduled', 'delivered', 'failed']),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    responseCode: z.number().nullable(),
    lastError: z.string().nullable(),
    durationMs: z.number().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const AuditEventDto = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    poolId: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    projectId: z.string().nullable(),
    sourceIp: z.string().nullable(),
    details: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });
