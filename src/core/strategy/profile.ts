/**
 * The project profile the strategy advisor reads: the questions that decide between an in-house
 * team, outsourcing and a hybrid. Every field may be left out; the advisor then works from a
 * stated default and lists it among its assumptions.
 */
import { z } from 'zod';
import { SENSITIVITIES, type Sensitivity } from '../workforce.ts';
import { parseInput } from './input-validation.ts';

export const STAGES = ['poc', 'scaling', 'production'] as const;
export const JUDGEMENTS = ['objective', 'subjective', 'mixed'] as const;

export const profileSchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  domain: z
    .strictObject({
      specialised: z.boolean().optional(),
      examples: z.string().max(200).optional(),
    })
    .optional(),
  judgement: z.enum(JUDGEMENTS).optional(),
  /** Share of the items that are edge cases or critical enough to need experts. */
  critical_share: z.number().min(0).max(1).optional(),
  sensitivity: z.enum(SENSITIVITIES as [Sensitivity, ...Sensitivity[]]).optional(),
  regulations: z.array(z.string().regex(/^[a-z0-9_-]{2,32}$/i, 'a regulation is a short code such as gdpr or hipaa')).optional(),
  volume_per_week: z.array(z.number().min(0)).min(1).max(520).optional(),
  iteration: z.enum(['stable', 'active_learning']).optional(),
  budget: z.enum(['fixed', 'variable']).optional(),
  team: z
    .strictObject({
      can_manage_annotators: z.boolean().optional(),
      engineers_have_time: z.boolean().optional(),
    })
    .optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a code such as en or pt-BR')).optional(),
});

export type Profile = z.infer<typeof profileSchema>;

/** The profile with every answer filled in. `volume_per_week` stays null when unknown. */
export interface ResolvedProfile {
  stage: (typeof STAGES)[number];
  domain: { specialised: boolean; examples: string | null };
  judgement: (typeof JUDGEMENTS)[number];
  critical_share: number;
  sensitivity: Sensitivity;
  regulations: string[];
  volume_per_week: number[] | null;
  iteration: 'stable' | 'active_learning';
  budget: 'fixed' | 'variable';
  team: { can_manage_annotators: boolean; engineers_have_time: boolean };
  languages: string[];
}

export interface Assumption {
  field: string;
  assumed: string;
  /** The assumed answer as a statement, for "assuming …": e.g. "the data needs no domain experts". */
  assuming: string;
  why: string;
}

/** Validates raw input (parsed JSON); the error names the field at fault. */
export function parseProfile(input: unknown): Profile {
  return parseInput(profileSchema, input, 'profile');
}

/** Each default answer as a statement: advice built on it says "assuming …", never states it as a fact. */
const ASSUMING: Record<string, string> = {
  stage: 'the project is scaling up',
  'domain.specialised': 'the data needs no domain experts',
  judgement: 'the labels are objective',
  critical_share: '5% of the items are edge cases or critical',
  sensitivity: 'the data is internal',
  regulations: 'no regulation applies',
  volume_per_week: 'the weekly volume is unknown',
  iteration: 'the items are labelled in one pass',
  budget: 'the budget is fixed',
  'team.can_manage_annotators': 'someone can hire, train and manage annotators',
  'team.engineers_have_time': 'the engineers have no time to label',
  languages: 'the data is in English only',
};

export function resolveProfile(profile: Profile): { profile: ResolvedProfile; assumptions: Assumption[] } {
  const assumptions: Assumption[] = [];
  function pick<T>(value: T | undefined, field: string, fallback: T, assumed: string, why: string): T {
    if (value !== undefined) return value;
    assumptions.push({ field, assumed, assuming: ASSUMING[field] ?? `${field} is ${assumed}`, why });
    return fallback;
  }
  const resolved: ResolvedProfile = {
    stage: pick(profile.stage, 'stage', 'scaling', 'scaling', 'the middle stage: neither a throw-away pilot nor a settled production stream'),
    domain: {
      specialised: pick(profile.domain?.specialised, 'domain.specialised', false, 'not specialised', 'most labelling needs no domain expert'),
      examples: profile.domain?.examples ?? null,
    },
    judgement: pick(profile.judgement, 'judgement', 'objective', 'objective', 'most label questions have one right answer'),
    critical_share: pick(profile.critical_share, 'critical_share', 0.05, '5%', 'a few edge cases in every data set'),
    sensitivity: pick(profile.sensitivity, 'sensitivity', 'internal', 'internal', 'company data that is not public, but not confidential either'),
    regulations: pick(profile.regulations, 'regulations', [], 'none', 'no regulation was named'),
    volume_per_week: pick(profile.volume_per_week ?? undefined, 'volume_per_week', null, 'unknown', 'no volume curve: volume rules are left out'),
    iteration: pick(profile.iteration, 'iteration', 'stable', 'stable', 'one labelling pass, no active-learning loop'),
    budget: pick(profile.budget, 'budget', 'fixed', 'fixed', 'annotation budgets are usually set up front'),
    team: {
      can_manage_annotators: pick(profile.team?.can_manage_annotators, 'team.can_manage_annotators', true, 'yes', 'a team lead or an operations manager usually can'),
      engineers_have_time: pick(profile.team?.engineers_have_time, 'team.engineers_have_time', false, 'no', 'engineers are usually short of time'),
    },
    languages: pick(profile.languages, 'languages', ['en'], 'en', 'English only'),
  };
  return { profile: resolved, assumptions };
}
