/**
 * The shape of annotation results, confidences and provenance as Atelier's own files hold them
 * (Atelier JSONL, model predictions JSONL), checked with zod so every fault comes with its path.
 */
import { z } from 'zod';
import type { FieldIssue } from '../core/errors.ts';
import type { Region } from '../core/label-schema.ts';

const name = z.string().min(1);
const coordinate = z.number().refine(Number.isFinite, 'must be a finite number');

export const boxRegionSchema = z.object({
  control: z.string(),
  kind: z.literal('bbox'),
  label: name,
  x: coordinate,
  y: coordinate,
  width: coordinate.refine((v) => v > 0, 'must be positive'),
  height: coordinate.refine((v) => v > 0, 'must be positive'),
});

export const polygonRegionSchema = z.object({
  control: z.string(),
  kind: z.literal('polygon'),
  label: name,
  points: z.array(z.tuple([coordinate, coordinate])).min(3, 'a polygon needs at least three points'),
});

export const spanRegionSchema = z
  .object({
    control: z.string(),
    kind: z.literal('span'),
    label: name,
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    text: z.string().optional(),
  })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });

export const regionSchema = z.discriminatedUnion('kind', [boxRegionSchema, polygonRegionSchema, spanRegionSchema]);

export const resultSchema = z.object({
  choices: z.record(z.string(), z.array(name)),
  regions: z.array(regionSchema),
});

const confidence = z.number().min(0).max(1).nullable();

export const confidencesSchema = z.object({
  regions: z.array(confidence),
  choices: z.record(z.string(), z.array(confidence)),
});

export const modelSchema = z.object({ name, version: z.string() });

export const poolKindSchema = z.enum(['in_house', 'vendor', 'crowd']);

export const reviewSchema = z
  .object({
    decision: z.enum(['accept', 'correct', 'reject']),
    reviewer: z.object({ id: z.number().int(), email: z.string().min(1) }).nullable().optional(),
    // Files exported before the reviewer was written as {id, email}: an id alone means nothing in
    // another instance, so it is read and dropped.
    reviewerId: z.number().int().nullable().optional(),
    comment: z.string().nullable(),
  })
  .transform(({ decision, reviewer, comment }) => ({ decision, reviewer: reviewer ?? null, comment }));

export const consensusSchema = z.object({
  result: resultSchema,
  method: name,
  confidence: z.number().nullable(),
  agreement: z.number().nullable(),
});

/** zod's issue paths in the words of the rest of Atelier: `regions[2].x`. */
export function zodIssues(error: z.ZodError, prefix: (path: string) => string): FieldIssue[] {
  return error.issues.map((issue) => {
    let path = '';
    for (const key of issue.path) {
      path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
    }
    return { path: prefix(path), message: issue.message };
  });
}

/** zod gives back plain objects of the right shape; this only narrows the type. */
export function asRegion(value: z.infer<typeof regionSchema>): Region {
  return value as Region;
}
