/**
 * The records that flow through the exporters and out of the importers.
 *
 * Exporters read `ExportItem`s (an item with every annotation made on it and the consensus, as the
 * store reads them) and never touch the database; importers yield `ImportedItem`s that the import
 * service writes in one transaction. Both sides are plain data so that formats can be tested alone.
 */
import type { ItemHandling } from '../core/items.ts';
import type { AnnotationResult, ItemKind, Region } from '../core/label-schema.ts';
import type { PoolKind } from '../core/workforce.ts';

/** A region before its control and label are known: the geometry a format reads. */
export type RegionShape = Region extends infer R ? (R extends Region ? Omit<R, 'control' | 'label'> : never) : never;

export interface ModelRef {
  name: string;
  version: string;
}

/**
 * A model's confidences, aligned with the result they score: one per region (same order as
 * `result.regions`) and one per chosen label (same order as `result.choices[control]`).
 */
export interface Confidences {
  regions: (number | null)[];
  choices: Record<string, (number | null)[]>;
}

export type ReviewDecision = 'accept' | 'correct' | 'reject';

export interface ReviewRecord {
  decision: ReviewDecision;
  /**
   * Who reviewed it, by id and e-mail like the annotator: ids are the source instance's, so an
   * import matches the reviewer by e-mail (null when unknown, never an invented id).
   */
  reviewer: { id: number; email: string } | null;
  comment: string | null;
}

export interface ExportAnnotation {
  id: number;
  /** null when a model made it. */
  annotator: { id: number; email: string } | null;
  pool: { id: number; key: string; kind: PoolKind } | null;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: AnnotationResult;
  source: 'human' | 'model';
  model: ModelRef | null;
  confidences: Confidences | null;
  timeSpentMs: number | null;
  /** ISO 8601. */
  createdAt: string;
  /** The annotation this one corrects; the superseded one stays in the history. */
  supersedesId: number | null;
  review: ReviewRecord | null;
}

export interface ConsensusRecord {
  result: AnnotationResult;
  /** majority_vote, dawid_skene, gold_weighted, box_fusion, span_vote, adjudication... */
  method: string;
  confidence: number | null;
  agreement: number | null;
}

/** It travels with the item (Atelier JSONL) so that a confidential item stays confidential in the project it is imported into. */
export type { ItemHandling };

export interface ExportItem {
  id: number;
  externalId: string | null;
  kind: ItemKind;
  /** The file name the item was imported with (images), used by file-per-image formats. */
  fileName: string | null;
  /** Where the content lives: `file:…`, `s3://bucket/key` or `http(s)://…`. */
  uri: string | null;
  width: number | null;
  height: number | null;
  text: string | null;
  metadata: Record<string, unknown>;
  handling: ItemHandling;
  annotations: ExportAnnotation[];
  consensus: ConsensusRecord | null;
}

/** Which labels go into a dataset file. */
export type ExportSelection = 'consensus' | 'all';

export interface ExportOptions {
  /**
   * `consensus`: the accepted consensus label of each item (items without one are left out);
   * `all`: every current annotation (not superseded, not rejected by review).
   */
  selection: ExportSelection;
}

/** What an exporter did, for the export job's record and the CLI's last line. */
export interface ExportSummary {
  items: number;
  /** Annotations (or consensus results) written. */
  annotations: number;
  /** Regions, spans or choice rows written. */
  entries: number;
  /** What the format could not hold (a polygon in VOC, overlapping spans in IOB...), at most 100. */
  warnings: string[];
  /** How many warnings there were in all (the list above is capped). */
  warningCount: number;
}

/** Provenance carried over from another Atelier instance (Atelier JSONL) so history moves too. */
export interface ImportedProvenance {
  pool: { key: string; kind: PoolKind } | null;
  schemaVersion: number | null;
  guidelinesVersion: number | null;
  timeSpentMs: number | null;
  /** `sourceId` of the annotation this one supersedes, in the same file. */
  supersedesSourceId: string | null;
  /** The reviewer is the source instance's; the import service matches them by e-mail (or drops them). */
  review: ReviewRecord | null;
}

export type ImportedAnnotationKind = 'ground_truth' | 'prediction';

export interface ImportedAnnotation {
  kind: ImportedAnnotationKind;
  result: AnnotationResult;
  /** Set on predictions. */
  model: ModelRef | null;
  confidences: Confidences | null;
  /** Where the source names who made it. */
  annotatorEmail: string | null;
  createdAt: string | null;
  /** The annotation's id in the source file, when it has one. */
  sourceId: string | null;
  provenance: ImportedProvenance | null;
  /**
   * Where each region is in the file (`annotations[4].bbox`, `labels/a.txt line 3`), aligned with
   * `result.regions`, for formats that spread an item's regions over the file: a fault in a region
   * is reported there rather than at Atelier's own record path.
   */
  regionPlaces?: string[];
}

export interface ImportedItem {
  /** 1-based position of the record in the file (line, array index + 1, image element...). */
  position: number;
  /** Where the record is, for messages: `line 12`, `[3]`, `/annotations/image[4]`, `labels/a.txt`. */
  place: string;
  /** The item's external id (the key the project knows it by); null where the source has none. */
  externalId: string | null;
  /** The record's own id in the source file (COCO image id, Label Studio task id...), if any. */
  sourceId: string | null;
  /** null when the source does not say (predictions of choices only). */
  kind: ItemKind | null;
  fileName: string | null;
  uri: string | null;
  text: string | null;
  width: number | null;
  height: number | null;
  metadata: Record<string, unknown>;
  /**
   * What the source says of the item's handling (Atelier JSONL); a field it leaves out is null and
   * the target project's default applies. Other formats say nothing: null.
   */
  handling: { [K in keyof ItemHandling]: ItemHandling[K] | null } | null;
  annotations: ImportedAnnotation[];
  consensus: ConsensusRecord | null;
}

export function emptyResult(): AnnotationResult {
  return { choices: {}, regions: [] };
}

export function groundTruth(result: AnnotationResult, extra: Partial<ImportedAnnotation> = {}): ImportedAnnotation {
  return {
    kind: 'ground_truth',
    result,
    model: null,
    confidences: null,
    annotatorEmail: null,
    createdAt: null,
    sourceId: null,
    provenance: null,
    ...extra,
  };
}

export function importedItem(position: number, fields: Partial<ImportedItem>): ImportedItem {
  return {
    position,
    place: `#${position}`,
    externalId: null,
    sourceId: null,
    kind: null,
    fileName: null,
    uri: null,
    text: null,
    width: null,
    height: null,
    metadata: {},
    handling: null,
    annotations: [],
    consensus: null,
    ...fields,
  };
}

/**
 * An import "as pre-annotations": the file's labels become suggestions credited to `model`, shown
 * to annotators rather than taken as ground truth.
 */
export function asPreAnnotations(item: ImportedItem, model: ModelRef): ImportedItem {
  return {
    ...item,
    annotations: item.annotations.map((a) => (a.kind === 'prediction' ? a : { ...a, kind: 'prediction', model, confidences: null })),
  };
}
