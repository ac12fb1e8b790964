/** The QA routes' shapes: typed copies of the schemas written inline in routes/quality.ts and routes/onboarding.ts. */
import type { Annotation, Item } from './types.ts';

export type PoolKindOrStaff = 'in_house' | 'vendor' | 'crowd' | 'staff';

export interface QaPolicy {
  reviewRates: Record<PoolKindOrStaff, number>;
  /** Review rate by pool key, over the rate of the pool's kind. */
  poolReviewRates: Record<string, number>;
  agreementThreshold: number | null;
  adjudicateOnGoldFail: boolean;
  onReject: 'rework' | 'adjudicate';
  reworkTo: 'same' | 'other';
  goldRate: number;
  goldPassScore: number;
  goldMinAccuracy: number;
  goldMinSamples: number;
}

export interface AgreementSummary {
  items: number;
  answers: number;
  pairableItems: number;
  percentAgreement: number;
  krippendorffAlpha: number;
  fleissKappa: number;
}

export interface Accuracy {
  name: string;
  answered: number;
  passed: number;
  accuracy: number;
  /** The 95 % interval of the accuracy. */
  low: number;
  high: number;
}

export interface ControlQuality {
  control: string;
  labels: string[];
  agreement: {
    project: AgreementSummary;
    byPool: (AgreementSummary & { pool: string })[];
    byPair: { workerA: string; workerB: string; sharedItems: number; percentAgreement: number; cohenKappa: number }[];
    byLabel: { label: string; answers: number; specificAgreement: number }[];
  };
  /** Rows: the true label; columns: the label given (estimated), in the order of `labels`. */
  confusion: { worker: string; skill: number; answers: number; matrix: number[][] }[];
}

/** QualityDto. */
export interface Quality {
  controls: ControlQuality[];
  gold: { byAnnotator: Accuracy[]; byPool: Accuracy[]; byWeek: { week: string; pool: string; answered: number; accuracy: number }[] };
  stages: { review: number; adjudication: number; accepted: number; meanAgreement: number | null };
}

export interface AdjudicationEntry {
  item: Item;
  reason: string | null;
  agreement: number | null;
  annotations: Annotation[];
}

export interface MyGold {
  projectId: number;
  projectName: string;
  answered: number;
  passed: number;
  accuracy: number;
  low: number;
  high: number;
  byWeek: { week: string; answered: number; accuracy: number }[];
}

export interface Qualification {
  passMark: number;
  items: Item[];
}

export interface QualificationResult {
  score: number;
  passed: boolean;
  passMark: number;
}

export interface OnboardingStatus {
  guidelinesToAcknowledge: number | null;
  qualificationRequired: boolean;
}

/** The body of `PUT /api/v1/projects/:id/onboarding`. */
export interface OnboardingSettings {
  requireGuidelinesAck?: boolean;
  qualification?: { itemIds: number[]; passMark: number; appliesTo: ('in_house' | 'vendor' | 'crowd')[] } | null;
}
