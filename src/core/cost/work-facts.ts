/**
 * The facts that cost and metrics are computed from: plain rows a SQL query can fill, one per
 * annotation, review, training session and item. Nothing here is derived; the derivations (which
 * annotation is rework, which is overlap) live beside them so every figure derives them alike.
 */
import type { CostModel, PoolSla } from '../workforce.ts';

/** Database ids arrive as numbers or, for bigints, as strings. */
export type FactId = number | string;

/** Where a label ended: accepted (it is, or is part of, the item's accepted label), rejected
 * (by review, or replaced by a correction) or not decided yet. */
export type AnnotationOutcome = 'accepted' | 'rejected' | 'pending';

export interface AnnotationFact {
  id: FactId;
  projectId: number;
  itemId: FactId;
  /** Key of the pool the annotator worked for when making it. */
  poolKey: string;
  annotatorId: number;
  submittedAt: Date;
  /** Time spent with the task in focus (idle time excluded). */
  activeSeconds: number;
  outcome: AnnotationOutcome;
  /** Set on gold items: did the label match the known answer. null: not a gold item. */
  goldCorrect: boolean | null;
  /** Did the label match the item's consensus label; null or absent when no consensus yet. */
  agreedWithConsensus?: boolean | null;
}

export type ReviewDecision = 'accept' | 'correct' | 'reject';

export interface ReviewFact {
  id: FactId;
  projectId: number;
  /** The annotation reviewed. */
  annotationId: FactId;
  /** Key of the reviewer's pool (its cost model pays for the review). */
  poolKey: string;
  reviewerId: number;
  reviewedAt: Date;
  activeSeconds: number;
  decision: ReviewDecision;
}

/** Time an annotator spent on a project's training material or qualification test. */
export interface TrainingFact {
  projectId: number;
  poolKey: string;
  annotatorId: number;
  at: Date;
  kind: 'training' | 'qualification';
  activeSeconds: number;
  /** Tasks answered (qualification questions); 0 for reading guidelines. */
  tasks: number;
}

/** One item's way through the queue, for turnaround. */
export interface ItemFlowFact {
  projectId: number;
  itemId: FactId;
  queuedAt: Date;
  /** null while the item has no accepted label. */
  acceptedAt: Date | null;
  /** Pool and annotator of the accepted label (null while not accepted). */
  poolKey: string | null;
  annotatorId: number | null;
}

/** What cost and SLA figures need of a pool. */
export interface PoolTerms {
  key: string;
  costModel: CostModel | null;
  sla?: PoolSla;
}

/**
 * What an annotation's cost goes to. For each item, the earliest accepted annotation is its label
 * (`labelling`); further accepted ones were bought for agreement (`overlap`); rejected ones are
 * `rework` (the waste that a rejection causes — the relabel is itself labelling or overlap); gold
 * items are `gold` overhead whatever their outcome; undecided ones are `pending`.
 */
export type AnnotationRole = 'labelling' | 'overlap' | 'rework' | 'gold' | 'pending';

export function annotationRoles(annotations: readonly AnnotationFact[]): Map<FactId, AnnotationRole> {
  const roles = new Map<FactId, AnnotationRole>();
  const firstAccepted = new Map<string, AnnotationFact>();
  for (const a of annotations) {
    if (a.goldCorrect !== null) roles.set(a.id, 'gold');
    else if (a.outcome === 'rejected') roles.set(a.id, 'rework');
    else if (a.outcome === 'pending') roles.set(a.id, 'pending');
    else {
      const key = `${a.projectId}|${a.itemId}`;
      const current = firstAccepted.get(key);
      if (current === undefined || isEarlier(a, current)) firstAccepted.set(key, a);
    }
  }
  const labels = new Set([...firstAccepted.values()].map((a) => a.id));
  for (const a of annotations) {
    if (!roles.has(a.id)) roles.set(a.id, labels.has(a.id) ? 'labelling' : 'overlap');
  }
  return roles;
}

/** Ties on time are broken by id so the same facts always give the same roles. */
function isEarlier(a: AnnotationFact, b: AnnotationFact): boolean {
  const dt = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (dt !== 0) return dt < 0;
  return String(a.id) < String(b.id);
}
