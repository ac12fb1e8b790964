/**
 * From what the store reads to the records the exporters take: annotations with their provenance
 * and latest review, and the item's consensus.
 *
 * Until the quality engine keeps a consensus per item, an export's consensus is the *reviewed
 * label*: the latest current annotation (not superseded, not rejected) that a reviewer accepted or
 * that is a reviewer's correction (method `review`); when nobody reviewed the item, its latest
 * current annotation by a person or an import (method `latest`); when it was reviewed but nothing
 * was accepted, none. Model predictions are never the consensus.
 */
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Confidences, ConsensusRecord, ExportAnnotation, ExportItem, ReviewRecord } from '../../formats/records.ts';
import type { StoredExportAnnotation, StoredExportItem, StoredExportReview } from '../../store/exports.ts';

const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif|tiff?|bmp|avif)$/i;
const EXTENSION_OF: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/tiff': '.tif',
  'image/bmp': '.bmp',
  'image/avif': '.avif',
};

/**
 * The file name an image goes by in folder formats and COCO: the one it was imported with
 * (`metadata.fileName`), else its external id when that is a file name, else the external id with
 * the extension of its type. Imports match items back by these names.
 */
export function imageFileName(item: Pick<StoredExportItem, 'kind' | 'externalId' | 'metadata' | 'mimeType'>): string | null {
  if (item.kind !== 'image') return null;
  const declared = item.metadata.fileName;
  if (typeof declared === 'string' && declared !== '') return declared;
  if (item.externalId === null) return null;
  if (IMAGE_EXTENSION.test(item.externalId)) return item.externalId;
  return `${item.externalId}${EXTENSION_OF[item.mimeType ?? ''] ?? '.jpg'}`;
}

function isConfidences(value: unknown): value is Confidences {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.regions) && typeof v.choices === 'object' && v.choices !== null;
}

function latestReviews(reviews: StoredExportReview[]): Map<number, StoredExportReview> {
  const latest = new Map<number, StoredExportReview>();
  for (const review of reviews) latest.set(review.annotationId, review);
  return latest;
}

function toAnnotation(a: StoredExportAnnotation, review: StoredExportReview | undefined): ExportAnnotation {
  // The reviewer as the annotator is written: id and e-mail, or null (a deleted user, an import that
  // did not know them); an id alone would mean nothing in the instance the file is imported into.
  const reviewer = review && review.reviewerId !== null && review.reviewerEmail !== null ? { id: review.reviewerId, email: review.reviewerEmail } : null;
  const reviewRecord: ReviewRecord | null = review ? { decision: review.decision, reviewer, comment: review.comment } : null;
  return {
    id: a.id,
    annotator: a.annotatorId !== null && a.annotatorEmail !== null ? { id: a.annotatorId, email: a.annotatorEmail } : null,
    pool: a.pool,
    schemaVersion: a.schemaVersion,
    guidelinesVersion: a.guidelinesVersion,
    result: a.result as AnnotationResult,
    source: a.source === 'model' ? 'model' : 'human',
    model: a.modelName !== null ? { name: a.modelName, version: a.modelVersion ?? '' } : null,
    confidences: isConfidences(a.confidences) ? a.confidences : null,
    timeSpentMs: a.timeSpentMs,
    createdAt: a.createdAt.toISOString(),
    supersedesId: a.supersedesId,
    review: reviewRecord,
  };
}

/** The reviewed label of the item (see the top of this file), or null. */
export function reviewedConsensus(item: Pick<StoredExportItem, 'annotations' | 'reviews'>): ConsensusRecord | null {
  const superseded = new Set(item.annotations.map((a) => a.supersedesId).filter((id): id is number => id !== null));
  const latest = latestReviews(item.reviews);
  const corrections = new Set(item.reviews.filter((r) => r.decision === 'correct').map((r) => r.correctedAnnotationId));
  const current = item.annotations.filter((a) => a.source !== 'model' && !superseded.has(a.id) && latest.get(a.id)?.decision !== 'reject');
  const accepted = current.filter((a) => latest.get(a.id)?.decision === 'accept' || corrections.has(a.id));
  const pick = (list: StoredExportAnnotation[]) => list.reduce((best, a) => (a.createdAt > best.createdAt || (a.createdAt.getTime() === best.createdAt.getTime() && a.id > best.id) ? a : best));
  if (accepted.length > 0) return { result: pick(accepted).result as AnnotationResult, method: 'review', confidence: null, agreement: null };
  if (item.reviews.length === 0 && current.length > 0) return { result: pick(current).result as AnnotationResult, method: 'latest', confidence: null, agreement: null };
  return null;
}

export function toExportItem(stored: StoredExportItem): ExportItem {
  const latest = latestReviews(stored.reviews);
  return {
    id: stored.id,
    externalId: stored.externalId,
    kind: stored.kind,
    fileName: imageFileName(stored),
    uri: stored.contentUri,
    width: stored.width,
    height: stored.height,
    text: stored.text,
    metadata: stored.metadata,
    handling: {
      sensitivity: stored.sensitivity,
      region: stored.region,
      language: stored.language,
      tags: stored.tags,
      edgeCase: stored.edgeCase,
      modelConfidence: stored.modelConfidence,
    },
    annotations: stored.annotations.map((a) => toAnnotation(a, latest.get(a.id))),
    consensus: reviewedConsensus(stored),
  };
}
