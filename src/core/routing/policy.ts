/**
 * A routing policy: ordered rules, first match wins. A rule matches on the item's attributes,
 * its model prediction and what earlier stages found, and sends the work to one or more pools.
 * Pools are named by their `key`, so a policy reads the same in JSON, the CLI and the screens.
 */
import type { PoolKind, Sensitivity } from '../workforce.ts';

export interface RuleCondition {
  /** The item's sensitivity is one of these. */
  sensitivity?: Sensitivity[];
  /** The item's sensitivity is at least this level. */
  sensitivityAtLeast?: Sensitivity;
  region?: string[];
  language?: string[];
  /** The item carries at least one of these tags. */
  tagsAny?: string[];
  edgeCase?: boolean;
  /** The model's confidence in its prediction is below this (items without prediction never match). */
  confidenceBelow?: number;
  confidenceAtLeast?: number;
  /** Agreement among the item's annotators was below this (set once labels are in). */
  agreementBelow?: number;
  goldFailed?: boolean;
  reviewRejected?: boolean;
  /** Matches the first N items of the project (by import order): a pilot batch. */
  pilotFirst?: number;
}

export interface PoolTarget {
  pool: string;
  /** Share of the volume, relative to the other targets of the rule. */
  weight: number;
  /** Only members with this role in the pool take the work (the pool's experts). */
  role?: 'expert';
}

export interface RoutingRule {
  name: string;
  when: RuleCondition;
  to: PoolTarget[];
  /** Annotators per item; the project's overlap when left out. */
  overlap?: number;
  priority?: number;
  /** Least confident first: priority grows as model confidence falls. */
  priorityByUncertainty?: boolean;
  /** Share (0..1) of the labels of this rule sampled for review by `reviewBy`. */
  reviewSample?: number;
  reviewBy?: string[];
}

export type PresetName =
  | 'vendors_bulk_experts_hard'
  | 'confidential_in_house'
  | 'vendors_label_in_house_reviews'
  | 'in_house_first_vendors_scale';

export interface RoutingPolicy {
  preset?: PresetName;
  rules: RoutingRule[];
}

/** The roles a preset needs filled with pool keys of the project. */
export interface PresetPools {
  inHouse: string[];
  /** Pools whose members with the expert role take the hard cases (often the in-house pool). */
  experts: string[];
  vendors: string[];
  crowd: string[];
}

export const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  vendors_bulk_experts_hard: 'Vendors in bulk, experts on the hard cases: low model confidence or edge cases go to in-house experts.',
  confidential_in_house: 'Confidential stays in-house: sensitive items to in-house pools, the rest to vendors.',
  vendors_label_in_house_reviews: 'Vendors label, in-house reviews a sample of their work.',
  in_house_first_vendors_scale: 'In-house first, vendors to scale: a pilot batch in-house builds gold and guidelines, then the volume goes out.',
};

const even = (pools: string[]): PoolTarget[] => pools.map((pool) => ({ pool, weight: 1 }));
const expertsOf = (pools: string[]): PoolTarget[] => pools.map((pool) => ({ pool, weight: 1, role: 'expert' as const }));

/** Builds a ready-made policy for the pools of a project. */
export function presetPolicy(
  preset: PresetName,
  pools: PresetPools,
  options: { confidenceBelow?: number; pilotItems?: number; reviewSample?: number } = {},
): RoutingPolicy {
  const outside = pools.vendors.length > 0 ? pools.vendors : pools.crowd;
  const experts = pools.experts.length > 0 ? pools.experts : pools.inHouse;
  switch (preset) {
    case 'vendors_bulk_experts_hard':
      return {
        preset,
        rules: [
          { name: 'edge cases to experts', when: { edgeCase: true }, to: expertsOf(experts), priority: 10 },
          { name: 'low confidence to experts', when: { confidenceBelow: options.confidenceBelow ?? 0.6 }, to: expertsOf(experts), priorityByUncertainty: true },
          { name: 'bulk to vendors', when: {}, to: even(outside) },
        ],
      };
    case 'confidential_in_house':
      return {
        preset,
        rules: [
          { name: 'confidential stays in-house', when: { sensitivityAtLeast: 'confidential' }, to: even(pools.inHouse) },
          { name: 'the rest to vendors', when: {}, to: even(outside) },
        ],
      };
    case 'vendors_label_in_house_reviews':
      return {
        preset,
        rules: [
          {
            name: 'vendors label, in-house reviews',
            when: {},
            to: even(outside),
            reviewSample: options.reviewSample ?? 0.1,
            reviewBy: pools.inHouse,
          },
        ],
      };
    case 'in_house_first_vendors_scale':
      return {
        preset,
        rules: [
          { name: 'pilot batch in-house', when: { pilotFirst: options.pilotItems ?? 200 }, to: even(pools.inHouse), priority: 10 },
          { name: 'volume to vendors', when: {}, to: even(outside) },
        ],
      };
  }
}

/** Which kinds a preset's roles are filled from, for an advisor that does not know the pools yet. */
export const PRESET_ROLE_KINDS: Record<keyof PresetPools, PoolKind> = {
  inHouse: 'in_house',
  experts: 'in_house',
  vendors: 'vendor',
  crowd: 'crowd',
};
