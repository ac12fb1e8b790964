/**
 * The shape of a routing policy, as the API and `atelier routing --policy FILE` accept it: the
 * pools it names and the rules' names are checked against the project when it is set
 * (set-routing-policy.ts).
 */
import { z } from 'zod';
import { SENSITIVITIES, type Sensitivity } from '../workforce.ts';

const SensitivitySchema = z.enum(SENSITIVITIES as [Sensitivity, ...Sensitivity[]]);

export const RuleConditionSchema = z
  .object({
    sensitivity: z.array(SensitivitySchema).min(1).optional(),
    sensitivityAtLeast: SensitivitySchema.optional(),
    region: z.array(z.string()).min(1).optional(),
    language: z.array(z.string()).min(1).optional(),
    tagsAny: z.array(z.string()).min(1).optional(),
    edgeCase: z.boolean().optional(),
    confidenceBelow: z.number().min(0).max(1).optional(),
    confidenceAtLeast: z.number().min(0).max(1).optional(),
    agreementBelow: z.number().min(-1).max(1).optional(),
    goldFailed: z.boolean().optional(),
    reviewRejected: z.boolean().optional(),
    pilotFirst: z.number().int().positive().optional(),
  })
  .strict();

export const RoutingPolicySchema = z
  .object({
    preset: z.enum(['vendors_bulk_experts_hard', 'confidential_in_house', 'vendors_label_in_house_reviews', 'in_house_first_vendors_scale']).optional(),
    rules: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            when: RuleConditionSchema,
            to: z.array(z.object({ pool: z.string().min(1), weight: z.number().nonnegative().default(1), role: z.literal('expert').optional() }).strict()).min(1).max(20),
            overlap: z.number().int().min(1).max(50).optional(),
            priority: z.number().int().min(-1000).max(1000).optional(),
            priorityByUncertainty: z.boolean().optional(),
            reviewSample: z.number().min(0).max(1).optional(),
            reviewBy: z.array(z.string()).max(20).optional(),
          })
          .strict(),
      )
      .max(100),
  })
  .strict()
  .meta({ id: 'RoutingPolicy' });
