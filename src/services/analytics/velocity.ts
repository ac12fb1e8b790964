/**
 * A project's velocity (items accepted and labels made per ISO week, counted in the database) and
 * the forecast of its completion date from the recent complete weeks, by the core's
 * `forecastCompletion` (core/metrics/velocity.ts).
 */
import { type CompletionForecast, forecastCompletion, type WeekVolume, weeklyVolume } from '../../core/metrics/velocity.ts';
import { velocityCounts } from '../../store/analytics-aggregates.ts';
import type { Db } from '../../store/database.ts';

export interface VelocityWeek extends WeekVolume {
  /** `count`: items accepted that week; `labels`: labels made. */
  labels: number;
}

export interface ProjectVelocity {
  /** From the week of `from` (or of the first work) to the running week, zeros included. */
  weeks: VelocityWeek[];
  /** Items not accepted yet (for a pool's view: label tasks waiting in or held by its pools). */
  remaining: number;
  forecast: CompletionForecast;
}

export interface VelocityOptions {
  from?: Date | null;
  now: Date;
  scope?: readonly number[] | null;
  /** Complete weeks the forecast rests on (6 unless told). */
  lookbackWeeks?: number;
  /** Central probability of the forecast interval (0.8 unless told). */
  confidence?: number;
}

export async function projectVelocity(db: Db, projectId: number, options: VelocityOptions): Promise<ProjectVelocity> {
  const scope = options.scope ?? null;
  const window = { projectId, from: options.from ?? null, to: new Date(options.now.getTime() + 1), now: options.now };
  const { weeks: counts, remaining } = await velocityCounts(db, window, scope);
  const first = options.from ?? (counts[0] ? new Date(`${counts[0].weekStart}T00:00:00Z`) : undefined);
  // The core lays out the weeks (Mondays, the running one incomplete); the database counted them.
  const skeleton = first ? weeklyVolume([], { from: first, to: options.now }) : [];
  const byWeek = new Map(counts.map((c) => [c.weekStart, c]));
  const weeks = skeleton.map((w) => ({ ...w, count: byWeek.get(w.weekStart)?.accepted ?? 0, labels: byWeek.get(w.weekStart)?.labels ?? 0 }));
  const forecast = forecastCompletion({
    weekly: weeks.filter((w) => w.complete).map((w) => w.count),
    remaining,
    now: options.now,
    ...(options.lookbackWeeks !== undefined && { lookbackWeeks: options.lookbackWeeks }),
    ...(options.confidence !== undefined && { confidence: options.confidence }),
  });
  return { weeks, remaining, forecast };
}
