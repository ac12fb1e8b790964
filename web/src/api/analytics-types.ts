/**
 * Analytics and strategy shapes. The analytics answers are typed copies of AnalyticsRowDto and
 * VelocityDto (routes/analytics.ts); the strategy answers are the core's own types (pure modules).
 */
export type { Advice, Reason } from '../../../src/core/strategy/advisor.ts';
export type { Risk } from '../../../src/core/strategy/advisor-rules.ts';
export type { PlaceholderPool } from '../../../src/core/strategy/advisor-policy.ts';
export type { Profile } from '../../../src/core/strategy/profile.ts';
export type { PlanInput } from '../../../src/core/strategy/plan.ts';
export type { Interval, MixResult, SimulationResult } from '../../../src/core/strategy/simulator.ts';

export interface Proportion {
  successes: number;
  trials: number;
  rate: number;
  low: number;
  high: number;
}

export interface TrueCost {
  currency: string;
  acceptedLabels: number;
  total: number;
  pending: number;
  perAcceptedLabel: number | null;
  breakdown: Record<string, number>;
  perLabel: Record<string, number> | null;
}

export interface AnalyticsRow {
  key: { poolKey?: string; annotatorId?: number | null; day?: string | null };
  labels: number;
  goldLabels: number;
  items: number;
  activeHours: number;
  activeDays: number;
  labelsPerHour: number | null;
  itemsPerDay: number | null;
  turnaroundHours: { count: number; p50: number; p90: number } | null;
  revision: { reviewed: number; revised: number; rate: number } | null;
  goldAccuracy: Proportion | null;
  agreement: Proportion | null;
  itemAgreement: { labels: number; mean: number } | null;
  acceptedLabels: number;
  cost: TrueCost[];
  sla: {
    turnaround: { targetHours: number; within: number; total: number; share: number; requiredShare: number; met: boolean } | null;
    goldAccuracy: { target: number; accuracy: number; trials: number; met: boolean } | null;
    met: boolean | null;
  } | null;
  unpriced: { poolKey: string; units: number; activeSeconds: number }[];
}

export interface Analytics {
  project: { id: number; name: string };
  window: { from: string | null; to: string; now: string };
  scope: string[] | null;
  currency: string | null;
  pools: { key: string; name: string; kind: 'in_house' | 'vendor' | 'crowd' | null; costModel: unknown; sla: unknown }[];
  annotators: { id: number; name: string }[];
  assumptions: { field: string; value: string; why: string }[];
  groupBy: ('pool' | 'annotator' | 'day')[];
  totals: AnalyticsRow;
  rows: AnalyticsRow[];
}

export interface Velocity {
  weeks: { weekStart: string; count: number; labels: number; complete: boolean }[];
  remaining: number;
  forecast: {
    remaining: number;
    velocity: { weeks: number; mean: number | null; sd: number | null };
    confidence: number;
    expectedWeeks: number | null;
    earliestWeeks: number | null;
    latestWeeks: number | null;
    expectedDate: string | null;
    earliestDate: string | null;
    latestDate: string | null;
    reason: string | null;
  };
}

/** The analytics window as the query string takes it. */
export interface AnalyticsWindow {
  from: string;
  to: string;
  currency: string;
  rates: string;
}
