/**
 * The QA and onboarding routes' shapes, inferred from server/quality-schemas.ts (type-only: zod
 * does not reach the bundle).
 */
import type { z } from 'zod';
import type {
  AdjudicationQueueDto, ItemStateDto, MyGoldDto, OnboardingSettingsBody, OnboardingStatusDto, QaPolicySchema, QualificationDto, QualificationResultDto, QualityDto, StagesDto,
} from '../../../src/server/quality-schemas.ts';

export type QaPolicy = z.infer<typeof QaPolicySchema>;
export type PoolKindOrStaff = keyof QaPolicy['reviewRates'];
/** QualityDto. */
export type Quality = z.infer<typeof QualityDto>;
/** StagesDto: settled items per stage, and their mean agreement. */
export type Stages = z.infer<typeof StagesDto>;
export type ControlQuality = Quality['controls'][number];
export type AgreementSummary = ControlQuality['agreement']['project'];
/** Agreement on a region control (boxes, polygons, spans). */
export type RegionControlQuality = Quality['regionControls'][number];
/** An accuracy with its 95 % interval (`low`, `high`). */
export type Accuracy = Quality['gold']['byAnnotator'][number];

export type AdjudicationEntry = z.infer<typeof AdjudicationQueueDto>['items'][number];
/** ItemStateDto: where one item stands. */
export type ItemState = z.infer<typeof ItemStateDto>;
export type MyGold = z.infer<typeof MyGoldDto>['projects'][number];
export type Qualification = z.infer<typeof QualificationDto>;
export type QualificationResult = z.infer<typeof QualificationResultDto>;
export type OnboardingStatus = z.infer<typeof OnboardingStatusDto>;
/** The body of `PUT /api/v1/projects/:id/onboarding`. */
export type OnboardingSettings = z.input<typeof OnboardingSettingsBody>;
