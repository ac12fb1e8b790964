/**
 * Velocity (volume per ISO week) and a forecast of the completion date from recent velocity.
 *
 * The forecast treats the weekly volumes of the last `lookbackWeeks` complete weeks as draws
 * around a stable mean μ with spread σ (sample mean and sd). After n weeks the volume done is then
 * about normal with mean nμ and variance nσ² (week-to-week spread) + n²σ²/k (the uncertainty of μ
 * itself, estimated from k weeks). The interval bounds are the n where nμ ± z·√(that variance)
 * equals the remaining volume R, the roots of (μ² − z²σ²/k)·n² − (2μR + z²σ²)·n + R² = 0; the
 * expected date is R/μ. When μ is not clearly above zero (μ² ≤ z²σ²/k) the late bound is unbounded
 * (null). A trend, such as a team still ramping up, is not extrapolated: only the level is.
 */
import { addDays, dayKey, MS_PER_WEEK, weekStart } from './calendar.ts';
import { mean, sampleSd, zForConfidence } from './stats.ts';

export interface WeekVolume {
  /** Monday of the ISO week, `YYYY-MM-DD`. */
  weekStart: string;
  count: number;
  /** The week had ended by `to`. */
  complete: boolean;
}

/** Volume per week from the week of `from` (or of the earliest time) to the week of `to`, zeros included. */
export function weeklyVolume(times: readonly Date[], options: { from?: Date; to: Date }): WeekVolume[] {
  const earliest = times.reduce<Date | undefined>((min, t) => (min === undefined || t < min ? t : min), options.from);
  if (earliest === undefined) return [];
  const first = weekStart(earliest).getTime();
  const last = weekStart(options.to).getTime();
  const weeks: WeekVolume[] = [];
  for (let t = first; t <= last; t += MS_PER_WEEK) {
    weeks.push({ weekStart: dayKey(new Date(t)), count: 0, complete: t + MS_PER_WEEK <= options.to.getTime() });
  }
  for (const time of times) {
    if (time > options.to) continue;
    const index = Math.round((weekStart(time).getTime() - first) / MS_PER_WEEK);
    const week = weeks[index];
    if (week) week.count++;
  }
  return weeks;
}

export interface CompletionForecast {
  remaining: number;
  /** The weeks the forecast rests on. */
  velocity: { weeks: number; mean: number | null; sd: number | null };
  confidence: number;
  expectedWeeks: number | null;
  /** Optimistic and pessimistic bounds of the interval; `latestWeeks` null when unbounded. */
  earliestWeeks: number | null;
  latestWeeks: number | null;
  expectedDate: string | null;
  earliestDate: string | null;
  latestDate: string | null;
  /** Why there is no forecast, when there is none. */
  reason: string | null;
}

export interface ForecastInput {
  /** Weekly volumes of complete weeks, oldest first. */
  weekly: readonly number[];
  remaining: number;
  now: Date;
  lookbackWeeks?: number;
  /** Central probability of the interval, 0.8 unless told. */
  confidence?: number;
}

export function forecastCompletion(input: ForecastInput): CompletionForecast {
  const confidence = input.confidence ?? 0.8;
  const recent = input.weekly.slice(-(input.lookbackWeeks ?? 6));
  const mu = mean(recent);
  const sd = sampleSd(recent);
  const base = { remaining: input.remaining, velocity: { weeks: recent.length, mean: mu, sd }, confidence };
  const at = (weeks: number | null): string | null => (weeks === null ? null : dayKey(addDays(input.now, weeks * 7)));
  const result = (expected: number | null, earliest: number | null, latest: number | null, reason: string | null): CompletionForecast => ({
    ...base, expectedWeeks: expected, earliestWeeks: earliest, latestWeeks: latest,
    expectedDate: at(expected), earliestDate: at(earliest), latestDate: at(latest), reason,
  });
  if (input.remaining <= 0) return result(0, 0, 0, null);
  if (mu === null || sd === null) return result(null, null, null, 'no complete week of history');
  if (mu <= 0) return result(null, null, null, 'no volume in the recent weeks');
  const k = recent.length;
  const R = input.remaining;
  const z2s2 = zForConfidence(confidence) ** 2 * sd * sd;
  const a = mu * mu - z2s2 / k;
  const b = -(2 * mu * R + z2s2);
  const c = R * R;
  const root = Math.sqrt(b * b - 4 * a * c);
  let earliest: number;
  let latest: number | null;
  if (Math.abs(a) < 1e-12 * mu * mu) {
    earliest = c / -b;
    latest = null;
  } else if (a > 0) {
    earliest = (-b - root) / (2 * a);
    latest = (-b + root) / (2 * a);
  } else {
    // The roots have opposite signs; only the positive (early) one bounds the interval.
    earliest = (-b + root) / (2 * a) > 0 ? (-b + root) / (2 * a) : (-b - root) / (2 * a);
    latest = null;
  }
  return result(R / mu, earliest, latest, null);
}

/**
 * The project's velocity and forecast in one call: weekly volume of `done` (e.g. acceptance times)
 * up to `now`, and the forecast from its complete weeks only (the running week would read low).
 */
export function velocityAndForecast(
  done: readonly Date[],
  remaining: number,
  now: Date,
  options: { from?: Date; lookbackWeeks?: number; confidence?: number } = {},
): { weeks: WeekVolume[]; forecast: CompletionForecast } {
  const weeks = weeklyVolume(done, { to: now, ...(options.from ? { from: options.from } : {}) });
  const complete = weeks.filter((w) => w.complete).map((w) => w.count);
  return { weeks, forecast: forecastCompletion({ weekly: complete, remaining, now, lookbackWeeks: options.lookbackWeeks, confidence: options.confidence }) };
}
