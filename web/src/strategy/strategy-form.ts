/**
 * The advisor's profile and the simulator's plan as their forms hold them (text typed in inputs,
 * empty for "don't know"), turned into the bodies the API takes; and the advised policy with its
 * placeholder pools replaced by the project's own.
 */
import type { PlanInput, Profile } from '../api/analytics-types.ts';
import type { Pool, RoutingPolicy } from '../api/workforce-types.ts';
import { splitList } from '../pools/pool-form.ts';

export interface ProfileForm {
  stage: '' | 'poc' | 'scaling' | 'production';
  specialised: '' | 'yes' | 'no';
  judgement: '' | 'objective' | 'subjective' | 'mixed';
  criticalPercent: string;
  sensitivity: '' | 'public' | 'internal' | 'confidential' | 'restricted';
  regulations: string;
  volumePerWeek: string;
  iteration: '' | 'stable' | 'active_learning';
  budget: '' | 'fixed' | 'variable';
  canManage: '' | 'yes' | 'no';
  engineersHaveTime: '' | 'yes' | 'no';
  languages: string;
}

export const EMPTY_PROFILE: ProfileForm = {
  stage: '',
  specialised: '',
  judgement: '',
  criticalPercent: '',
  sensitivity: '',
  regulations: '',
  volumePerWeek: '',
  iteration: '',
  budget: '',
  canManage: '',
  engineersHaveTime: '',
  languages: '',
};

const yesNo = (v: '' | 'yes' | 'no'): boolean | undefined => (v === '' ? undefined : v === 'yes');
const numbers = (text: string): number[] => splitList(text).map(Number);

/** Only the questions answered: the advisor states what it assumes for the others. */
export function profileFromForm(f: ProfileForm): Profile {
  const p: Profile = {};
  if (f.stage) p.stage = f.stage;
  if (f.specialised) p.domain = { specialised: yesNo(f.specialised) };
  if (f.judgement) p.judgement = f.judgement;
  if (f.criticalPercent.trim()) p.critical_share = Number(f.criticalPercent) / 100;
  if (f.sensitivity) p.sensitivity = f.sensitivity;
  if (splitList(f.regulations).length) p.regulations = splitList(f.regulations.toLowerCase());
  if (numbers(f.volumePerWeek).length) p.volume_per_week = numbers(f.volumePerWeek);
  if (f.iteration) p.iteration = f.iteration;
  if (f.budget) p.budget = f.budget;
  const team = { can_manage_annotators: yesNo(f.canManage), engineers_have_time: yesNo(f.engineersHaveTime) };
  if (team.can_manage_annotators !== undefined || team.engineers_have_time !== undefined) p.team = Object.fromEntries(Object.entries(team).filter(([, v]) => v !== undefined));
  if (splitList(f.languages).length) p.languages = splitList(f.languages);
  return p;
}

/** The advised policy with each placeholder pool key replaced by the pool chosen for it. */
export function replacePoolKeys(policy: RoutingPolicy, mapping: Record<string, string>): RoutingPolicy {
  const to = (key: string) => mapping[key] || key;
  return {
    ...policy,
    rules: policy.rules.map((r) => ({ ...r, to: r.to.map((t) => ({ ...t, pool: to(t.pool) })), ...(r.reviewBy ? { reviewBy: r.reviewBy.map(to) } : {}) })),
  };
}

export interface PlanPoolForm {
  key: string;
  kind: Pool['kind'];
  expert: boolean;
  annotators: string;
  hoursPerWeek: string;
  labelsPerHour: string;
  accuracy: string;
  costType: 'per_label' | 'per_hour' | 'fixed_monthly';
  costAmount: string;
  currency: string;
  reviewRate: string;
}

export interface PlanForm {
  start: string;
  volumePerWeek: string;
  overlap: string;
  hardPercent: string;
  confidentialPercent: string;
  pilotItems: string;
  reviewPercent: string;
  pools: PlanPoolForm[];
  baseCurrency: string;
  rates: string;
  runs: string;
  seed: string;
  fromHistory: boolean;
}

/** A plan to start from, with the project's pools and their cost models. */
export function planFormFor(pools: Pool[], today: string): PlanForm {
  return {
    start: today,
    volumePerWeek: '2000, 2000, 4000, 4000, 4000, 2000',
    overlap: '1',
    hardPercent: '5',
    confidentialPercent: '',
    pilotItems: '500',
    reviewPercent: '10',
    pools: pools.map((p) => ({
      key: p.key,
      kind: p.kind,
      expert: false,
      annotators: p.kind === 'in_house' ? '3' : '10',
      hoursPerWeek: '40',
      labelsPerHour: '50',
      accuracy: p.sla.minGoldAccuracy !== undefined ? String(p.sla.minGoldAccuracy) : '0.9',
      costType: p.costModel?.type ?? 'per_label',
      costAmount: p.costModel ? String(p.costModel.amount) : '0.05',
      currency: p.costModel?.currency ?? 'EUR',
      reviewRate: '0',
    })),
    baseCurrency: '',
    rates: '',
    runs: '1000',
    seed: '1',
    fromHistory: true,
  };
}

const optionalShare = (text: string) => (text.trim() === '' ? undefined : Number(text) / 100);

export function planFromForm(f: PlanForm): PlanInput {
  const rates = Object.fromEntries(
    splitList(f.rates)
      .map((pair) => pair.split('='))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => [k!.trim().toUpperCase(), Number(v)]),
  );
  const plan: PlanInput = {
    start: f.start,
    volume_per_week: numbers(f.volumePerWeek),
    overlap: Number(f.overlap || '1'),
    pools: f.pools.map((p) => ({
      key: p.key,
      kind: p.kind,
      expert: p.expert,
      annotators: Number(p.annotators),
      hours_per_week: Number(p.hoursPerWeek),
      labels_per_hour: Number(p.labelsPerHour),
      accuracy: Number(p.accuracy),
      cost: { type: p.costType, amount: Number(p.costAmount), currency: p.currency.trim().toUpperCase() },
      review_rate: Number(p.reviewRate || '0'),
    })),
  };
  const hard = optionalShare(f.hardPercent);
  const confidential = optionalShare(f.confidentialPercent);
  const review = optionalShare(f.reviewPercent);
  if (hard !== undefined) plan.hard_share = hard;
  if (confidential !== undefined) plan.confidential_share = confidential;
  if (review !== undefined) plan.review_sample = review;
  if (f.pilotItems.trim()) plan.pilot_items = Number(f.pilotItems);
  if (f.baseCurrency.trim()) plan.rates = { base: f.baseCurrency.trim().toUpperCase(), rates };
  return plan;
}
