/**
 * The rows an imported record becomes: its annotations (ground truth as `import`, predictions as
 * `model` with their confidences) with the history they carry — who made them, when, how long it
 * took, which one corrects which — and the reviews of that history.
 */
import type { Project } from '../../core/projects.ts';
import type { ImportedAnnotation, ImportedItem } from '../../formats/records.ts';
import type { ImportedAnnotationRow, ImportedReviewRow } from '../../store/jobs-import-writes.ts';

export interface RecordRows {
  annotations: ImportedAnnotationRow[];
  reviews: ImportedReviewRow[];
  warnings: string[];
}

function isEmpty(a: ImportedAnnotation): boolean {
  return a.result.regions.length === 0 && Object.values(a.result.choices).every((l) => l.length === 0);
}

/**
 * An empty ground truth beside other annotations, with no history of its own: a format's filler
 * (CVAT gives one next to a model's shapes) rather than someone's answer. One that carries
 * provenance (Atelier JSONL) is a person's "nothing here", reviewed or corrected maybe: it is kept.
 */
function isFiller(a: ImportedAnnotation, record: ImportedItem): boolean {
  return record.annotations.length > 1 && a.kind === 'ground_truth' && a.provenance === null && isEmpty(a);
}

/** The annotations worth storing: an empty ground truth is kept when it is all the record says, or has a history. */
export function storedAnnotations(record: ImportedItem): ImportedAnnotation[] {
  if (record.annotations.length <= 1) return record.annotations;
  return record.annotations.filter((a) => !isFiller(a, record));
}

/** What `storedAnnotations` leaves out, said in the import's report: nothing is dropped unsaid. */
export function leftOutAnnotations(record: ImportedItem): string[] {
  return record.annotations.flatMap((a, i) =>
    isFiller(a, record) ? [`${record.place}: annotations[${i}] is empty and beside other annotations of the item; left out`] : [],
  );
}

function meanConfidence(a: ImportedAnnotation): number | null {
  if (!a.confidences) return null;
  const all = [...a.confidences.regions, ...Object.values(a.confidences.choices).flat()].filter((c): c is number => c !== null);
  return all.length === 0 ? null : all.reduce((s, c) => s + c, 0) / all.length;
}

function parseDate(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface RowContext {
  project: Project;
  itemId: number;
  /** Fresh annotation ids, one per stored annotation, in order. */
  ids: number[];
  userIdByEmail: Map<string, number>;
  /** The pool a ground-truth annotation is credited to (see import-pools.ts); none when not given. */
  poolOf?: (annotation: ImportedAnnotation, annotatorId: number | null) => number | null;
}

export function recordRows(record: ImportedItem, ctx: RowContext): RecordRows {
  const annotations = storedAnnotations(record);
  const idBySource = new Map<string, number>();
  annotations.forEach((a, i) => {
    if (a.sourceId !== null) idBySource.set(a.sourceId, ctx.ids[i]!);
  });
  const rows: ImportedAnnotationRow[] = annotations.map((a, i) => {
    const p = a.provenance;
    const prediction = a.kind === 'prediction';
    const annotatorId = !prediction && a.annotatorEmail ? (ctx.userIdByEmail.get(a.annotatorEmail.toLowerCase()) ?? null) : null;
    return {
      id: ctx.ids[i]!,
      projectId: ctx.project.id,
      itemId: ctx.itemId,
      annotatorId,
      poolId: prediction ? null : (ctx.poolOf?.(a, annotatorId) ?? null),
      source: prediction ? 'model' : 'import',
      modelName: prediction ? (a.model?.name ?? 'unknown') : null,
      modelVersion: prediction ? (a.model?.version ?? null) : null,
      confidence: prediction ? meanConfidence(a) : null,
      confidences: prediction ? a.confidences : null,
      // The result was checked against the project's schema in force: it is stored under it.
      schemaVersion: ctx.project.schemaVersion,
      guidelinesVersion: ctx.project.guidelinesVersion || null,
      result: a.result,
      timeSpentMs: p?.timeSpentMs ?? null,
      supersedesId: p?.supersedesSourceId ? (idBySource.get(p.supersedesSourceId) ?? null) : null,
      createdAt: parseDate(a.createdAt),
    };
  });
  const reviews: ImportedReviewRow[] = [];
  const warnings: string[] = leftOutAnnotations(record);
  annotations.forEach((a, i) => {
    const review = a.provenance?.review;
    if (!review) return;
    let corrected: number | null = null;
    if (review.decision === 'correct') {
      corrected = rows.find((r) => r.supersedesId === rows[i]!.id)?.id ?? null;
      if (corrected === null) {
        warnings.push(`${record.place}: annotations[${i}] was corrected by a review, but the correction is not in the file; the review is left out`);
        return;
      }
    }
    reviews.push({
      projectId: ctx.project.id,
      itemId: ctx.itemId,
      annotationId: rows[i]!.id,
      annotatorId: rows[i]!.annotatorId,
      // Matched by e-mail as the annotator is; a reviewer this instance does not know stays unknown.
      reviewerId: review.reviewer ? (ctx.userIdByEmail.get(review.reviewer.email.toLowerCase()) ?? null) : null,
      decision: review.decision,
      comment: review.comment,
      correctedAnnotationId: corrected,
      createdAt: rows.find((r) => r.id === corrected)?.createdAt ?? rows[i]!.createdAt,
    });
  });
  return { annotations: rows, reviews, warnings };
}

/** Two annotations of one record that correct the same one: the store keeps history as a line. */
export function supersedeConflict(record: ImportedItem): { path: string; message: string } | null {
  const seen = new Set<string>();
  for (const [i, a] of record.annotations.entries()) {
    const target = a.provenance?.supersedesSourceId;
    if (!target) continue;
    if (seen.has(target)) return { path: `${record.place}: annotations[${i}].supersedesId`, message: `annotation ${target} is corrected twice` };
    seen.add(target);
  }
  return null;
}
