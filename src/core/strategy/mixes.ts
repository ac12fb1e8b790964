/**
 * The candidate mixes the simulator compares: all in-house, all vendor, each hybrid preset the
 * plan's pools allow, and the plan's own splits. A mix is a set of streams: a share of the volume
 * sent to some pools, with an optional review of their labels by others; a pilot batch, when there
 * is one, goes first and holds the other streams back until it is done.
 */
import { PRESET_DESCRIPTIONS, type PresetName } from '../routing/policy.ts';
import type { Plan } from './plan.ts';

export interface Stream {
  name: string;
  /** Share of the volume (after the pilot). */
  share: number;
  /** Pool keys; the stream's items are split among them by their nominal capacity. */
  pools: string[];
  /** Labels checked by other pools instead of the pools' own review rate. */
  review?: { rate: number; by: string[] };
}

export interface Mix {
  name: string;
  kind: 'all_in_house' | 'all_vendor' | 'preset' | 'custom';
  preset: PresetName | null;
  description: string;
  streams: Stream[];
  /** The first `items` go to these pools; the other streams' pools start once it is done. */
  pilot: { items: number; pools: string[] } | null;
}

export const DEFAULT_HARD_SHARE = 0.05;
export const DEFAULT_PILOT_ITEMS = 200;
export const DEFAULT_REVIEW_SAMPLE = 0.1;

export interface CandidateMixes {
  mixes: Mix[];
  /** Preset knobs the plan left out, and the value used. */
  assumptions: { field: string; assumed: number }[];
}

export function candidateMixes(plan: Plan): CandidateMixes {
  const keysOf = (kind: string) => plan.pools.filter((p) => p.kind === kind).map((p) => p.key);
  const inHouse = keysOf('in_house');
  const expertKeys = plan.pools.filter((p) => p.kind === 'in_house' && p.expert).map((p) => p.key);
  const experts = expertKeys.length > 0 ? expertKeys : inHouse;
  const vendors = keysOf('vendor');
  const outside = vendors.length > 0 ? vendors : keysOf('crowd');
  const assumptions: CandidateMixes['assumptions'] = [];
  const knob = (value: number | undefined, field: string, fallback: number): number => {
    if (value !== undefined) return value;
    assumptions.push({ field, assumed: fallback });
    return fallback;
  };
  const mixes: Mix[] = [];
  const whole = (pools: string[]): Stream[] => [{ name: 'all', share: 1, pools }];
  if (inHouse.length > 0) mixes.push({ name: 'all_in_house', kind: 'all_in_house', preset: null, description: 'Everything to the in-house pools.', streams: whole(inHouse), pilot: null });
  if (outside.length > 0) mixes.push({ name: 'all_vendor', kind: 'all_vendor', preset: null, description: 'Everything to the vendor pools.', streams: whole(outside), pilot: null });
  if (inHouse.length > 0 && outside.length > 0) {
    const preset = (name: PresetName, streams: Stream[], pilot: Mix['pilot'] = null): Mix => ({ name, kind: 'preset', preset: name, description: PRESET_DESCRIPTIONS[name], streams, pilot });
    const hard = knob(plan.hard_share, 'hard_share', DEFAULT_HARD_SHARE);
    mixes.push(preset('vendors_bulk_experts_hard', [
      { name: 'hard cases', share: hard, pools: experts },
      { name: 'bulk', share: 1 - hard, pools: outside },
    ]));
    if (plan.confidential_share !== undefined) {
      mixes.push(preset('confidential_in_house', [
        { name: 'confidential', share: plan.confidential_share, pools: inHouse },
        { name: 'the rest', share: 1 - plan.confidential_share, pools: outside },
      ]));
    }
    const sample = knob(plan.review_sample, 'review_sample', DEFAULT_REVIEW_SAMPLE);
    mixes.push(preset('vendors_label_in_house_reviews', [{ name: 'all', share: 1, pools: outside, review: { rate: sample, by: inHouse } }]));
    const pilotItems = knob(plan.pilot_items, 'pilot_items', DEFAULT_PILOT_ITEMS);
    mixes.push(preset('in_house_first_vendors_scale', whole(outside), { items: pilotItems, pools: inHouse }));
  }
  for (const custom of plan.mixes) {
    const total = Object.values(custom.shares).reduce((s, w) => s + w, 0);
    const review = custom.review_by && custom.review_by.length > 0 ? { rate: custom.review_rate ?? DEFAULT_REVIEW_SAMPLE, by: custom.review_by } : undefined;
    mixes.push({
      name: custom.name,
      kind: 'custom',
      preset: null,
      description: `Custom split: ${Object.entries(custom.shares).map(([k, w]) => `${k} ${Math.round((w / total) * 100)}%`).join(', ')}.`,
      streams: Object.entries(custom.shares)
        .filter(([, w]) => w > 0)
        .map(([pool, w]) => ({ name: pool, share: w / total, pools: [pool], ...(review ? { review } : {}) })),
      pilot: null,
    });
  }
  return { mixes, assumptions };
}
