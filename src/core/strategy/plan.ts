/**
 * The simulator's input: the figures of each candidate pool (measured by Atelier where the project
 * has history, entered otherwise), the volume plan per week, and the knobs of the hybrid presets.
 * Written in the same snake_case JSON as the advisor's profile.
 */
import { z } from 'zod';
import { validationFailed } from '../errors.ts';
import { POOL_KINDS, type PoolKind } from '../workforce.ts';
import { parseInput } from './input-validation.ts';

const share = z.number().min(0).max(1);
const currency = z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as EUR');

export const costModelSchema = z.strictObject({
  type: z.enum(['per_label', 'per_hour', 'fixed_monthly']),
  amount: z.number().min(0),
  currency,
});

export const simPoolSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a pool key is lower-case letters, digits, - and _'),
  kind: z.enum(POOL_KINDS as [PoolKind, ...PoolKind[]]),
  /** Domain experts: the hard items of `vendors_bulk_experts_hard` go to them (else to all in-house pools). */
  expert: z.boolean().default(false),
  annotators: z.number().min(0),
  hours_per_week: z.number().positive().max(168).default(40),
  /** Share of the nominal hours actually worked (leave, meetings, other projects). */
  availability: share.default(1),
  labels_per_hour: z.number().positive(),
  /** Week-to-week variation of throughput, as a coefficient of variation. */
  throughput_cv: z.number().min(0).max(2).default(0.1),
  /** Chance that one label is right (accuracy on gold). */
  accuracy: share,
  /** Gold checks the accuracy was measured on: the simulator then draws it per run from its posterior. */
  accuracy_samples: z.number().int().positive().optional(),
  cost: costModelSchema,
  /** Weeks until full throughput; throughput grows linearly to it (1/(r+1), 2/(r+1), ...). */
  ramp_up_weeks: z.number().int().min(0).max(52).default(0),
  /** Share of its labels the pool's own reviewers check. */
  review_rate: share.default(0),
  /** Reviews per hour; twice the labelling speed unless told. */
  reviews_per_hour: z.number().positive().optional(),
});

export const customMixSchema = z.strictObject({
  name: z.string().min(1).max(60),
  /** Pool key → weight of the volume it gets. */
  shares: z.record(z.string(), z.number().min(0)),
  review_rate: share.optional(),
  review_by: z.array(z.string()).optional(),
});

export const planSchema = z.strictObject({
  /** First day of week 0, `YYYY-MM-DD`. */
  start: z.iso.date(),
  /** New items per week, from week 0. */
  volume_per_week: z.array(z.number().min(0)).min(1).max(520),
  pools: z.array(simPoolSchema).min(1).max(20),
  /** Annotators per item. */
  overlap: z.number().int().min(1).max(9).default(1),
  /** Share of items for experts (edge cases, low confidence) in `vendors_bulk_experts_hard`. */
  hard_share: share.optional(),
  /** Share of confidential items; `confidential_in_house` is only simulated when given. */
  confidential_share: share.optional(),
  pilot_items: z.number().int().min(0).optional(),
  review_sample: share.optional(),
  mixes: z.array(customMixSchema).max(10).default([]),
  /** Give up on a run that has not finished after this many weeks. */
  max_weeks: z.number().int().min(1).max(520).default(156),
  rates: z
    .strictObject({ base: currency, rates: z.record(z.string(), z.number().positive()) })
    .optional(),
});

export type SimPool = z.infer<typeof simPoolSchema>;
export type CustomMix = z.infer<typeof customMixSchema>;
export type Plan = z.infer<typeof planSchema>;
/** A plan as written, before defaults. */
export type PlanInput = z.input<typeof planSchema>;

/** Validates raw input (parsed JSON) and fills defaults; the error names the field at fault. */
export function parsePlan(input: unknown): Plan {
  const plan = parseInput(planSchema, input, 'plan');
  const keys = new Set<string>();
  plan.pools.forEach((pool, i) => {
    if (keys.has(pool.key)) throwAt(`pools[${i}].key`, `duplicate pool key ${pool.key}`);
    keys.add(pool.key);
  });
  plan.mixes.forEach((mix, i) => {
    for (const key of [...Object.keys(mix.shares), ...(mix.review_by ?? [])]) {
      if (!keys.has(key)) throwAt(`mixes[${i}]`, `unknown pool ${key}`);
    }
    if (Object.values(mix.shares).every((w) => w === 0)) throwAt(`mixes[${i}].shares`, 'at least one pool needs a share');
  });
  return plan;
}

function throwAt(path: string, message: string): never {
  throw validationFailed([{ path, message }], `plan: ${path}: ${message}`);
}
