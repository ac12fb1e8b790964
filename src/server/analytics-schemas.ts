/**
 * The shapes of the analytics routes. Zod only, so that the web app infers its types from them
 * (type-only imports) instead of keeping copies.
 */
import { z } from 'zod';
import { PoolKindSchema } from './api-schemas.ts';

const nullableNumber = z.number().nullable();
const ProportionDto = z.object({ successes: z.number(), trials: z.number(), rate: z.number(), low: z.number(), high: z.number() });
const CategoryAmounts = z.record(z.string(), z.number());
export const TrueCostDto = z
  .object({ currency: z.string(), acceptedLabels: z.number(), total: z.number(), pending: z.number(), perAcceptedLabel: nullableNumber, breakdown: CategoryAmounts, perLabel: CategoryAmounts.nullable() })
  .meta({ id: 'TrueCost', description: 'Cost of the group’s labels in one currency: total (pending work aside), per accepted label, by category (labelling, overlap, rework, review, gold, training, idle, pending).' });
const SlaDto = z.object({
  turnaround: z.object({ targetHours: z.number(), within: z.number(), total: z.number(), share: z.number(), requiredShare: z.number(), met: z.boolean() }).nullable(),
  goldAccuracy: z.object({ target: z.number(), accuracy: z.number(), trials: z.number(), met: z.boolean() }).nullable(),
  met: z.boolean().nullable(),
});
export const AnalyticsRowDto = z
  .object({
    key: z.object({ poolKey: z.string().optional(), annotatorId: nullableNumber.optional(), day: z.string().nullable().optional() }),
    labels: z.number(),
    goldLabels: z.number(),
    items: z.number(),
    activeHours: z.number(),
    activeDays: z.number(),
    labelsPerHour: nullableNumber,
    itemsPerDay: nullableNumber,
    turnaroundHours: z.object({ count: z.number(), p50: z.number(), p90: z.number() }).nullable(),
    revision: z.object({ reviewed: z.number(), revised: z.number(), rate: z.number() }).nullable(),
    goldAccuracy: ProportionDto.nullable(),
    agreement: ProportionDto.nullable(),
    itemAgreement: z.object({ labels: z.number(), mean: z.number() }).nullable(),
    acceptedLabels: z.number(),
    cost: z.array(TrueCostDto),
    sla: SlaDto.nullable(),
    unpriced: z.array(z.object({ poolKey: z.string(), units: z.number(), activeSeconds: z.number() })),
  })
  .meta({ id: 'AnalyticsRow' });
const FrameDto = {
  project: z.object({ id: z.number(), name: z.string() }),
  window: z.object({ from: z.string().nullable(), to: z.string(), now: z.string() }),
  scope: z.array(z.string()).nullable(),
  currency: z.string().nullable(),
  pools: z.array(z.object({ key: z.string(), name: z.string(), kind: PoolKindSchema.nullable(), costModel: z.unknown(), sla: z.unknown() })),
  annotators: z.array(z.object({ id: z.number(), name: z.string() })),
  assumptions: z.array(z.object({ field: z.string(), value: z.string(), why: z.string() })),
};
export const VelocityDto = z
  .object({
    weeks: z.array(z.object({ weekStart: z.string(), count: z.number(), labels: z.number(), complete: z.boolean() })),
    remaining: z.number(),
    forecast: z.object({
      remaining: z.number(),
      velocity: z.object({ weeks: z.number(), mean: nullableNumber, sd: nullableNumber }),
      confidence: z.number(),
      expectedWeeks: nullableNumber,
      earliestWeeks: nullableNumber,
      latestWeeks: nullableNumber,
      expectedDate: z.string().nullable(),
      earliestDate: z.string().nullable(),
      latestDate: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  })
  .meta({ id: 'Velocity', description: '`count`: items accepted that week; the forecast rests on the last complete weeks.' });

const GroupByDto = z.array(z.enum(['pool', 'annotator', 'day']));
export const AnalyticsDto = z.object({
  ...FrameDto,
  groupBy: GroupByDto.describe('the first grouping asked for'),
  totals: AnalyticsRowDto,
  rows: z.array(AnalyticsRowDto).describe('the rows of the first grouping'),
  groupings: z.array(z.object({ groupBy: GroupByDto, rows: z.array(AnalyticsRowDto) })).describe('every grouping asked for, in the order asked'),
});
