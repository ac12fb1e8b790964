export type ReviewDecision = 'accept' | 'correct' | 'reject';

export interface Review {
  id: number;
  projectId: number;
  itemId: number;
  annotationId: number;
  annotatorId: number | null;
  reviewerId: number | null;
  reviewerName: string | null;
  decision: ReviewDecision;
  comment: string | null;
  correctedAnnotationId: number | null;
  createdAt: Date;
}
