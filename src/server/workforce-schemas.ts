/** HTTP shapes of pools, members and routing policies. */
import { z } from 'zod';
import { languageProblem, regionProblem, timeZoneProblem } from '../core/pool-settings.ts';
import type { Pool } from '../core/workforce.ts';
import { PoolKindSchema, SensitivitySchema } from './api-schemas.ts';

/** A string field checked by one of the pool checks of the core, which says why a value is refused. */
const checkedBy = (problem: (value: string) => string | null, max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const why = problem(value);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });

const Region = checkedBy(regionProblem, 50);
const Language = checkedBy(languageProblem, 35);
const TimeZone = checkedBy(timeZoneProblem, 64);

export const CostModelSchema = z.strictObject({
  type: z.enum(['per_label', 'per_hour', 'fixed_monthly']),
  amount: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO code such as EUR'),
});

const PoolSlaSchema = z.strictObject({ turnaroundHours: z.number().positive().optional(), minGoldAccuracy: z.number().min(0).max(1).optional() });

/** A pool's fields as a request gives them, without defaults: what the create and the change bodies share. */
const poolFields = {
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a key is lower-case letters, digits and dashes'),
  name: z.string().min(1).max(200),
  kind: PoolKindSchema,
  vendor: z.string().max(200).nullable(),
  costModel: CostModelSchema.nullable(),
  regions: z.array(Region).max(50),
  clearance: SensitivitySchema,
  skills: z.array(z.string().min(1).max(50)).max(50),
  languages: z.array(Language).max(100),
  capacityHoursPerWeek: z.number().nonnegative().nullable(),
  timeZone: TimeZone.nullable(),
  sla: PoolSlaSchema,
};

export const PoolInput = z.strictObject({
  ...poolFields,
  vendor: poolFields.vendor.default(null),
  costModel: poolFields.costModel.default(null),
  regions: poolFields.regions.default(['*']),
  clearance: poolFields.clearance.default('internal'),
  skills: poolFields.skills.default([]),
  languages: poolFields.languages.default(['*']),
  capacityHoursPerWeek: poolFields.capacityHoursPerWeek.default(null),
  timeZone: poolFields.timeZone.default(null),
  sla: poolFields.sla.default({}),
});

/**
 * The body of PATCH /pools/:id. Not `PoolInput.partial()`: zod fills a default in for a key the
 * body leaves out even when the field is optional, so a rename would reset the pool's clearance,
 * regions, languages, cost model and SLA. Here a field left out stays as stored.
 */
export const PoolPatch = z.strictObject(poolFields).omit({ key: true }).partial();

// What a pool says of itself is shown as stored: a pool saved before a check was added still lists.
// Not strict: a response drops what it does not know rather than failing.
export const PoolDto = z
  .object({
    ...poolFields,
    id: z.number(),
    costModel: z.object(CostModelSchema.shape).nullable(),
    regions: z.array(z.string()),
    languages: z.array(z.string()),
    timeZone: z.string().nullable(),
    sla: z.object(PoolSlaSchema.shape),
  })
  .meta({ id: 'Pool' });

export function poolDto(pool: Pool): z.infer<typeof PoolDto> {
  return {
    id: pool.id,
    key: pool.key,
    name: pool.name,
    kind: pool.kind,
    vendor: pool.vendor,
    costModel: pool.costModel,
    regions: pool.regions,
    clearance: pool.clearance,
    skills: pool.skills,
    languages: pool.languages,
    capacityHoursPerWeek: pool.capacityHoursPerWeek,
    timeZone: pool.timeZone,
    sla: pool.sla,
  };
}

export const MemberRoleSchema = z.enum(['annotator', 'reviewer', 'expert', 'manager']);

export const MemberDto = z.object({
  userId: z.number(),
  email: z.string(),
  name: z.string(),
  role: MemberRoleSchema,
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  since: z.string(),
});

