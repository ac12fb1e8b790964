/**
 * The shapes of the QA policy and quality routes. Zod only, so that the web app infers its types
 * from them (type-only imports) instead of keeping copies.
 */
import { z } from 'zod';
import { AnnotationDto, AnnotationResultSchema, Id, ItemDto, PoolKindSchema } from './api-schemas.ts';

const Rate = z.number().min(0).max(1);
export const QaPolicySchema = z
  .object({
    reviewRates: z.object({ in_house: Rate, vendor: Rate, crowd: Rate, staff: Rate }),
    poolReviewRates: z.record(z.string(), Rate),
    agreementThreshold: z.number().min(-1).max(1).nullable(),
    adjudicateOnGoldFail: z.boolean(),
    onReject: z.enum(['rework', 'adjudicate']),
    reworkTo: z.enum(['same', 'other']),
    goldRate: z.number().min(0).max(0.5),
    goldPassScore: Rate,
    goldMinAccuracy: Rate,
    goldMinSamples: z.number().int().min(1).max(10_000),
  })
  .meta({ id: 'QaPolicy' });

const Accuracy = z.object({ name: z.string(), answered: z.number(), passed: z.number(), accuracy: z.number(), low: z.number(), high: z.number() });
/** An agreement figure; null where it is undefined (no item with two answers, or a single label used throughout). */
const Measure = z.number().nullable();
const Summary = z.object({ items: z.number(), answers: z.number(), pairableItems: z.number(), percentAgreement: Measure, krippendorffAlpha: Measure, fleissKappa: Measure });
const RegionSummary = z.object({ items: z.number(), pairableItems: z.number(), comparisons: z.number(), f1: Measure, meanIoU: Measure });
/** Where a project's items stand: how many settled items are in each stage, and their mean agreement. */
export const StagesDto = z
  .object({
    review: z.number(),
    reviewWaiting: z
      .number()
      .nullable()
      .describe('Of the items in review, those with work waiting for a reviewer; the others wait for rework after a rejection. In the quality document only (null in the stages alone, which stay cheap to poll)'),
    reviewElsewhere: z
      .number()
      .nullable()
      .describe("Of reviewWaiting, the items a routing rule sends to another pool's reviewers, for a reader of some pools only (null otherwise): their review queue holds the rest"),
    adjudication: z.number(),
    accepted: z.number(),
    meanAgreement: z.number().nullable(),
  })
  .meta({ id: 'ProjectStages' });

export const QualityDto = z.object({
  controls: z.array(
    z.object({
      control: z.string(),
      labels: z.array(z.string()),
      agreement: z.object({
        project: Summary,
        byPool: z.array(Summary.extend({ pool: z.string() })),
        byPair: z.array(z.object({ workerA: z.string(), workerB: z.string(), sharedItems: z.number(), percentAgreement: z.number(), cohenKappa: Measure })),
        byLabel: z.array(z.object({ label: z.string(), answers: z.number(), specificAgreement: Measure })),
      }),
      confusion: z
        .array(
          z.object({
            worker: z.string(),
            answers: z.number().int().describe('Answers compared with a settled label: a known answer, or the label of an accepted item two or more annotators answered'),
            agreed: z.number().int().describe('Of those, the answers that gave the settled label'),
            unsettled: z.number().int().describe('Answers on items two or more annotators answered whose label is not settled yet (in review, with the experts)'),
            counts: z.array(z.array(z.number().int())).describe('counts[settled][given]: how many answers gave each label, row the settled label, in the order of `labels`'),
          }),
        )
        .describe("Each annotator's answers counted against the items' settled labels, least agreeing first: what they answered, not an estimate"),
    }),
  ),
  regionControls: z.array(
    z.object({
      control: z.string(),
      kind: z.enum(['bbox', 'polygon', 'span']),
      agreement: z.object({
        project: RegionSummary,
        byPool: z.array(RegionSummary.extend({ pool: z.string() })),
        byPair: z.array(z.object({ workerA: z.string(), workerB: z.string(), sharedItems: z.number(), f1: Measure, meanIoU: Measure })),
        byLabel: z.array(z.object({ label: z.string(), regions: z.number(), f1: Measure })),
      }),
    }),
  ),
  gold: z.object({ byAnnotator: z.array(Accuracy), byPool: z.array(Accuracy), byWeek: z.array(z.object({ week: z.string(), pool: z.string(), answered: z.number(), accuracy: z.number() })) }),
  stages: StagesDto,
  pools: z.array(z.string()).nullable().describe('The pools whose work the figures cover: a vendor\'s reviewer sees their own pools only; null: every pool'),
});

/** Of a queue page (services/quality/readable-queue.ts). */
export const CutShort = z
  .boolean()
  .describe('The page is not full because the walk through the queue stopped early: more you may see can wait behind items your pools may not see');

export const QueueCountDto = z
  .object({
    waiting: z.number().describe('Items waiting for you, counted up to `limit`'),
    atLeast: z.boolean().describe('The count stopped at `limit`, or behind items your pools may not see: at least this many wait'),
  })
  .meta({ id: 'QueueCount' });

/** The query of a queue count: how far to count (the index pages show "100+"). */
export const QueueCountQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const AdjudicationQueueDto = z.object({
  items: z.array(
    z.object({ item: ItemDto, reason: z.string().nullable(), agreement: z.number().nullable(), annotations: z.array(AnnotationDto), annotators: z.array(z.object({ id: z.number(), name: z.string() })) }),
  ),
  cutShort: CutShort,
});

export const ItemStateDto = z.object({
  stage: z.enum(['labelling', 'review', 'adjudication', 'accepted']),
  consensus: AnnotationResultSchema.nullable(),
  method: z.string().nullable(),
  confidence: z.number().nullable(),
  agreement: z.number().nullable(),
  reason: z.string().nullable(),
});

export const MyGoldDto = z.object({
  projects: z.array(
    z.object({
      projectId: z.number(),
      projectName: z.string(),
      answered: z.number(),
      passed: z.number(),
      accuracy: z.number(),
      low: z.number(),
      high: z.number(),
      byWeek: z.array(z.object({ week: z.string(), answered: z.number(), accuracy: z.number() })),
    }),
  ),
});

export const OnboardingStatusDto = z.object({ guidelinesToAcknowledge: z.number().nullable(), qualificationRequired: z.boolean() });

const QualificationSettings = z.strictObject({
  itemIds: z.array(Id).min(1).max(200),
  passMark: z.number().min(0).max(1),
  appliesTo: z.array(PoolKindSchema).min(1).default(['vendor', 'crowd']),
});
/** The body of `PUT /api/v1/projects/:id/onboarding`. */
export const OnboardingSettingsBody = z.strictObject({ requireGuidelinesAck: z.boolean().optional(), qualification: QualificationSettings.nullable().optional() });

export const QualificationDto = z.object({ passMark: z.number(), items: z.array(ItemDto) });
export const QualificationResultDto = z.object({ score: z.number(), passed: z.boolean(), passMark: z.number() });
