/**
 * The shapes the API sends and takes, inferred from the server's zod schemas (type-only: zod does
 * not reach the bundle). The review routes' shapes are written here until they move into
 * api-schemas.ts beside the others.
 */
import type { z } from 'zod';
import type {
  AnnotationDto,
  AnnotationResultSchema,
  ControlSchema,
  ItemDto,
  LabelDefSchema,
  LabelSchemaSchema,
  NextTaskResponse,
  ProgressDto,
  ProjectDto,
  RegionSchema,
  RoleSchema,
  SensitivitySchema,
  TaskDto,
  UserDto,
} from '../../../src/server/api-schemas.ts';

export type User = z.infer<typeof UserDto>;
export type Role = z.infer<typeof RoleSchema>;
export type Sensitivity = z.infer<typeof SensitivitySchema>;
export type Project = z.infer<typeof ProjectDto>;
export type Item = z.infer<typeof ItemDto>;
export type Task = z.infer<typeof TaskDto>;
export type Annotation = z.infer<typeof AnnotationDto>;
export type NextTask = z.infer<typeof NextTaskResponse>;
export type Progress = z.infer<typeof ProgressDto>;
export type LabelSchema = z.infer<typeof LabelSchemaSchema>;
export type Control = z.infer<typeof ControlSchema>;
export type LabelDef = z.infer<typeof LabelDefSchema>;
export type ControlKind = Control['kind'];
export type Region = z.infer<typeof RegionSchema>;
export type BoxRegion = Extract<Region, { kind: 'bbox' }>;
export type PolygonRegion = Extract<Region, { kind: 'polygon' }>;
export type SpanRegion = Extract<Region, { kind: 'span' }>;
export type AnnotationResult = z.output<typeof AnnotationResultSchema>;

export interface SchemaVersion {
  version: number;
  schema: LabelSchema;
  note: string;
  createdAt: string;
}

export interface GuidelinesVersion {
  version: number;
  body: string;
  note: string;
  createdAt: string;
}

export type ReviewDecision = 'accept' | 'correct' | 'reject';

export interface Review {
  id: number;
  annotationId: number;
  itemId: number;
  projectId: number;
  reviewerId: number | null;
  reviewerName: string | null;
  decision: ReviewDecision;
  comment: string | null;
  correctedAnnotationId: number | null;
  createdAt: string;
}

export interface ReviewQueueEntry {
  item: Item;
  annotations: Annotation[];
  annotators: { id: number; name: string }[];
  /** Annotations a reviewer decided already (shown, with nothing left to decide). */
  decided: { annotationId: number; decision: ReviewDecision }[];
}

/** How many items of a work queue wait for the reader, counted up to a limit. */
export interface QueueCount {
  waiting: number;
  /** The count stopped at its limit, or behind items the reader's pools may not see. */
  atLeast: boolean;
}

/** A page of a work queue as the reader may see it. */
export interface QueuePage<E> {
  items: E[];
  /** The server stopped looking before the page was full: more within the reader's pools may wait. */
  cutShort: boolean;
}

export interface FeedbackEntry {
  review: Review;
  projectName: string;
  item: { id: number; projectId: number; externalId: string | null; kind: 'image' | 'text'; thumbnailUrl: string | null };
}

export interface Queue {
  project: Project;
  queued: number;
  queuedCapped?: boolean;
  myDone: number;
  myLeased: number;
}

export interface ImportReport {
  importId: number;
  total: number;
  imported: number;
  rejected: { line: number; message: string }[];
}

export interface TimelineDay {
  day: string;
  annotations: number;
  items: number;
}

export interface FieldIssue {
  path: string;
  message: string;
}
