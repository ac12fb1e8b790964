/** Atelier JSONL (see jsonl-export.ts), read a line at a time; history and consensus come along. */
import { z } from 'zod';
import { jsonObjectSchema } from '../core/json-object.ts';
import { SENSITIVITIES, type Sensitivity } from '../core/workforce.ts';
import { atLine, refuse } from './issues.ts';
import { checkedJsonLines } from './json-lines.ts';
import type { ImportedAnnotation, ImportedItem } from './records.ts';
import { importedItem } from './records.ts';
import { confidencesSchema, consensusSchema, modelSchema, poolKindSchema, resultSchema, reviewSchema } from './result-schema.ts';
import type { ImportSource } from './sources.ts';

const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const annotationSchema = z
  .object({
    id: z.number().int(),
    annotator: optional(z.object({ id: z.number().int(), email: z.string().min(1) })),
    pool: optional(z.object({ id: z.number().int(), key: z.string().min(1), kind: poolKindSchema })),
    schemaVersion: optional(z.number().int().positive()),
    guidelinesVersion: optional(z.number().int().positive()),
    source: z.enum(['human', 'model']),
    model: optional(modelSchema),
    result: resultSchema,
    confidences: optional(confidencesSchema),
    timeSpentMs: optional(z.number().int().min(0)),
    createdAt: z.iso.datetime({ offset: true }),
    supersedesId: optional(z.number().int()),
    review: optional(reviewSchema),
  })
  .refine((a) => a.source !== 'model' || a.model, { message: 'a model annotation names its model', path: ['model'] });

const lineSchema = z.object({
  item: z.object({
    id: optional(z.number().int()),
    externalId: optional(z.string().min(1)),
    kind: z.enum(['image', 'text']),
    fileName: optional(z.string().min(1)),
    uri: optional(z.string().min(1)),
    width: optional(z.number().positive()),
    height: optional(z.number().positive()),
    text: optional(z.string()),
    metadata: optional(jsonObjectSchema),
    // The same bounds as the items JSONL (services/item-lines.ts); absent in files exported before
    // they were written, and then the target project's defaults apply.
    sensitivity: optional(z.enum(SENSITIVITIES as [string, ...string[]])),
    region: optional(z.string().min(1).max(50)),
    language: optional(z.string().min(2).max(35)),
    tags: optional(z.array(z.string().min(1).max(100)).max(100)),
    edgeCase: optional(z.boolean()),
    modelConfidence: optional(z.number().min(0).max(1)),
  }),
  annotations: z.array(annotationSchema).default([]),
  consensus: optional(consensusSchema),
});

type Line = z.infer<typeof lineSchema>;

function toAnnotation(a: Line['annotations'][number]): ImportedAnnotation {
  return {
    kind: a.source === 'model' ? 'prediction' : 'ground_truth',
    result: a.result,
    model: a.model ?? null,
    confidences: a.confidences ?? null,
    annotatorEmail: a.annotator?.email ?? null,
    createdAt: a.createdAt,
    sourceId: String(a.id),
    provenance: {
      pool: a.pool ? { key: a.pool.key, kind: a.pool.kind } : null,
      schemaVersion: a.schemaVersion ?? null,
      guidelinesVersion: a.guidelinesVersion ?? null,
      timeSpentMs: a.timeSpentMs ?? null,
      supersedesSourceId: a.supersedesId == null ? null : String(a.supersedesId),
      review: a.review ?? null,
    },
  };
}

export async function* importJsonl(source: ImportSource): AsyncGenerator<ImportedItem> {
  let position = 0;
  for await (const { value, line } of checkedJsonLines(source, lineSchema)) {
    const { item, annotations, consensus } = value;
    const ids = new Set(annotations.map((a) => a.id));
    annotations.forEach((a, i) => {
      if (a.supersedesId != null && !ids.has(a.supersedesId)) {
        throw refuse(atLine(line, `annotations[${i}].supersedesId`), `no annotation ${a.supersedesId} on this item`);
      }
    });
    if (item.kind === 'text' && item.text == null) throw refuse(atLine(line, 'item.text'), 'a text item needs its text');
    yield importedItem(++position, {
      place: atLine(line),
      externalId: item.externalId ?? null,
      sourceId: item.id == null ? null : String(item.id),
      kind: item.kind,
      fileName: item.fileName ?? null,
      uri: item.uri ?? null,
      text: item.text ?? null,
      width: item.width ?? null,
      height: item.height ?? null,
      metadata: item.metadata ?? {},
      handling: {
        sensitivity: (item.sensitivity ?? null) as Sensitivity | null,
        region: item.region ?? null,
        language: item.language ?? null,
        tags: item.tags ?? null,
        edgeCase: item.edgeCase ?? null,
        modelConfidence: item.modelConfidence ?? null,
      },
      annotations: annotations.map(toAnnotation),
      consensus: consensus ?? null,
    });
  }
}
