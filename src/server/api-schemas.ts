/**
 * The shapes of the HTTP API, as zod schemas: requests are validated with them at the edge,
 * responses are serialised through them, the OpenAPI document is generated from them, and the web
 * app takes its types from them.
 */
import { z } from 'zod';

/**
 * A row id: a JSON number, or in a path or query string decimal digits and nothing else.
 * `z.coerce.number()` read ids as `Number()` does, so `/items/1e2`, `/items/0x10` and `/items/%201`
 * answered items 100, 16 and 1.
 */
export const Id = z.preprocess(
  (value) => (typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value),
  z.number({ error: (issue) => (issue.code === 'invalid_type' ? 'an id is a whole number written in decimal digits' : undefined) }).int().positive().max(Number.MAX_SAFE_INTEGER),
);
export const IdParams = z.object({ id: Id });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const RoleSchema = z.enum(['admin', 'manager', 'reviewer', 'annotator', 'auditor']);
export const SensitivitySchema = z.enum(['public', 'internal', 'confidential', 'restricted']);
export const PoolKindSchema = z.enum(['in_house', 'vendor', 'crowd']);
export const ItemKindSchema = z.enum(['image', 'text']);

export const UserDto = z
  .object({
    id: z.number(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
export const LabelDefSchema = z.object({
  name: z.string().min(1).max(100),
  color: HexColor,
  hotkey: z.string().regex(/^[0-9a-z]$/).optional(),
});
export const ControlSchema = z.object({
  name: z.string().min(1).max(100),
  kind: z.enum(['single_choice', 'multi_choice', 'bbox', 'polygon', 'span']),
  labels: z.array(LabelDefSchema).min(1).max(500),
  required: z.boolean().optional(),
});
export const LabelSchemaSchema = z.object({ controls: z.array(ControlSchema).min(1).max(50) }).meta({ id: 'LabelSchema' });

const Coordinate = z.number().finite();
const SPAN_OFFSETS =
  'An offset into the item text in UTF-16 code units, as JavaScript strings count them: a character beyond U+FFFF (an emoji such as 🚀) counts two, and an offset between those two is refused.';
export const RegionSchema = z.discriminatedUnion('kind', [
  z.object({ control: z.string(), kind: z.literal('bbox'), label: z.string(), x: Coordinate, y: Coordinate, width: Coordinate, height: Coordinate }),
  z.object({ control: z.string(), kind: z.literal('polygon'), label: z.string(), points: z.array(z.tuple([Coordinate, Coordinate])).max(10_000) }),
  z.object({
    control: z.string(),
    kind: z.literal('span'),
    label: z.string(),
    start: z.number().int().describe(SPAN_OFFSETS),
    end: z.number().int().describe(`${SPAN_OFFSETS} End exclusive.`),
    text: z.string().optional().describe('The covered text; when given it must equal the item text from start to end.'),
  }),
]);
export const AnnotationResultSchema = z
  .object({
    choices: z.record(z.string(), z.array(z.string()).max(500)).default({}),
    regions: z.array(RegionSchema).max(10_000).default([]),
  })
  .meta({ id: 'AnnotationResult' });

export const ProjectDto = z
  .object({
    id: z.number(),
    name: z.string(),
    description: z.string(),
    itemKind: ItemKindSchema,
    overlap: z.number(),
    leaseSeconds: z.number(),
    defaultSensitivity: SensitivitySchema,
    defaultRegion: z.string().nullable(),
    schemaVersion: z.number(),
    guidelinesVersion: z.number(),
    createdAt: z.string(),
    archived: z.boolean(),
    requireGuidelinesAck: z.boolean(),
    qualification: z.object({ itemIds: z.array(z.number()), passMark: z.number(), appliesTo: z.array(PoolKindSchema) }).nullable(),
  })
  .meta({ id: 'Project' });

export const ItemDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    externalId: z.string().nullable(),
    kind: ItemKindSchema,
    text: z.string().nullable(),
    mimeType: z.string().nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    sensitivity: SensitivitySchema,
    region: z.string().nullable(),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    edgeCase: z.boolean(),
    contentUrl: z.string(),
    thumbnailUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Item' });

export const TaskDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    itemId: z.number(),
    stage: z.enum(['label', 'review', 'adjudicate', 'audit', 'qualification']),
    status: z.enum(['queued', 'leased', 'done', 'cancelled']),
    priority: z.number(),
    leaseExpiresAt: z.string().nullable(),
  })
  .meta({ id: 'Task' });

export const AnnotationDto = z
  .object({
    id: z.number(),
    projectId: z.number(),
    itemId: z.number(),
    taskId: z.number().nullable(),
    annotatorId: z.number().nullable(),
    source: z.enum(['human', 'model', 'import']),
    model: z.object({ name: z.string(), version: z.string().nullable() }).nullable(),
    confidence: z.number().nullable(),
    schemaVersion: z.number(),
    guidelinesVersion: z.number().nullable(),
    result: AnnotationResultSchema,
    timeSpentMs: z.number().nullable(),
    supersedesId: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Annotation' });

export const NextTaskBody = z
  .strictObject({
    /** Task ids already held by the client, to get another one besides (prefetch). */
    holding: z.array(Id).max(10).optional(),
    /** The stage of work to take: labelling (default), review, or adjudication by experts. */
    stage: z.enum(['label', 'review', 'adjudicate']).optional(),
  })
  .nullish();

/** A label task that review sent back to the one who claims it: why, and the answer sent back. */
export const SentBackDto = z
  .object({
    annotationId: z.number(),
    /** On the text as the claimer's pool sees it, as the item of the task is. */
    result: AnnotationResultSchema,
    comment: z.string().nullable(),
    reviewerName: z.string().nullable(),
    reviewedAt: z.string(),
  })
  .meta({ id: 'SentBack' });

export const NextTaskResponse = z
  .object({
    task: TaskDto,
    item: ItemDto,
    schemaVersion: z.number(),
    guidelinesVersion: z.number().nullable(),
    /** Set when a reviewer rejected the claimer's earlier answer of this task and sent it back to them. */
    sentBack: SentBackDto.nullable(),
  })
  .meta({ id: 'NextTask' });

export const SubmitAnnotationBody = z.strictObject({
  result: AnnotationResultSchema,
  schemaVersion: z.number().int().positive().optional(),
  timeSpentMs: z.number().int().min(0).max(86_400_000).nullable().optional(),
  clientToken: z.string().min(1).max(100).nullable().optional(),
  supersedes: Id.nullable().optional(),
});

export const ProgressDto = z
  .object({
    items: z.number(),
    itemsComplete: z.number(),
    annotations: z.number(),
    tasks: z.object({ queued: z.number(), leased: z.number(), done: z.number(), cancelled: z.number() }),
    activeAnnotators: z.array(z.object({ userId: z.number(), name: z.string(), tasks: z.number(), since: z.string() })),
  })
  .meta({ id: 'ProjectProgress' });
