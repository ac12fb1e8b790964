/**
 * Analytics and strategy shapes: the analytics answers inferred from the routes' schemas
 * (server/analytics-schemas.ts; type-only, zod does not reach the bundle), the strategy answers the
 * core's own types (pure modules).
 */
import type { z } from 'zod';
import type { AnalyticsDto, AnalyticsRowDto, VelocityDto } from '../../../src/server/analytics-schemas.ts';
export type { Advice, Reason } from '../../../src/core/strategy/advisor.ts';
export type { Risk } from '../../../src/core/strategy/advisor-rules.ts';
export type { PlaceholderPool } from '../../../src/core/strategy/advisor-policy.ts';
export type { Profile } from '../../../src/core/strategy/profile.ts';
export type { PlanInput } from '../../../src/core/strategy/plan.ts';
export type { Interval, MixResult, SimulationResult } from '../../../src/core/strategy/simulator.ts';

export type Analytics = z.infer<typeof AnalyticsDto>;
export type AnalyticsRow = z.infer<typeof AnalyticsRowDto>;
export type TrueCost = AnalyticsRow['cost'][number];
export type Proportion = NonNullable<AnalyticsRow['goldAccuracy']>;
export type Velocity = z.infer<typeof VelocityDto>;

/** The analytics window as the query string takes it. */
export interface AnalyticsWindow {
  from: string;
  to: string;
  currency: string;
  rates: string;
}
