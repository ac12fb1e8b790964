/**
 * The shapes of the QA policy and quality routes. Zod only, so that the web app infers its types
 * from them (type-only imports) instead of keeping copies.
 */
import { z } from 'zod';

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
const Summary = z.object({ items: z.number(), answers: z.number(), pairableItems: z.number(), percentAgreement: z.number(), krippendorffAlpha: z.number(), fleissKappa: z.number() });
export const QualityDto = z.object({
  controls: z.array(
    z.object({
      control: z.string(),
      labels: z.array(z.string()),
      agreement: z.object({
        project: Summary,
        byPool: z.array(Summary.extend({ pool: z.string() })),
        byPair: z.array(z.object({ workerA: z.string(), workerB: z.string(), sharedItems: z.number(), percentAgreement: z.number(), cohenKappa: z.number() })),
        byLabel: z.array(z.object({ label: z.string(), answers: z.number(), specificAgreement: z.number() })),
      }),
      confusion: z.array(z.object({ worker: z.string(), skill: z.number(), answers: z.number(), matrix: z.array(z.array(z.number())) })),
    }),
  ),
  gold: z.object({ byAnnotator: z.array(Accuracy), byPool: z.array(Accuracy), byWeek: z.array(z.object({ week: z.string(), pool: z.string(), answered: z.number(), accuracy: z.number() })) }),
  stages: z.object({ review: z.number(), adjudication: z.number(), accepted: z.number(), meanAgreement: z.number().nullable() }),
});
