/**
 * The QA routes' shapes: the policy and quality figures inferred from server/quality-schemas.ts
 * (type-only), typed copies of the schemas still written inline in routes/quality.ts and
 * routes/onboarding.ts.
 */
import type { z } from 'zod';
import type { QaPolicySchema, QualityDto } from '../../../src/server/quality-schemas.ts';
import type { Annotation, Item } from './types.ts';

export type QaPolicy = z.infer<typeof QaPolicySchema>;
export type PoolKindOrStaff = keyof QaPolicy['reviewRates'];
/** QualityDto. */
export type Quality = z.infer<typeof QualityDto>;
export type ControlQuality = Quality['controls'][number];
export type AgreementSummary = ControlQuality['agreement']['project'];
/** An accuracy with its 95 % interval (`low`, `high`). */
export type Accuracy = Quality['gold']['byAnnotator'][number];

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
