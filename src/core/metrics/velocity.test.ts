import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { zForConfidence } from './stats.ts';
import { forecastCompletion, velocityAndForecast, weeklyVolume } from './velocity.ts';

describe('weeklyVolume', () => {
  it('counts per ISO week from Monday, zero weeks included, the running week marked incomplete', () => {
    const times = ['2025-03-03T00:00:00Z', '2025-03-09T23:59:59Z', '2025-03-17T08:00:00Z', '2025-03-19T08:00:00Z'].map((t) => new Date(t));
    const weeks = weeklyVolume(times, { to: new Date('2025-03-19T12:00:00Z') });
    assert.deepEqual(weeks, [
      { weekStart: '2025-03-03', count: 2, complete: true },
      { weekStart: '2025-03-10', count: 0, complete: true },
      { weekStart: '2025-03-17', count: 2, complete: false },
    ]);
  });
});

describe('forecastCompletion', () => {
  const now = new Date('2025-03-17T00:00:00Z');

  it('is exact when the velocity is steady', () => {
    const f = forecastCompletion({ weekly: [100, 100, 100, 100], remaining: 350, now });
    assert.equal(f.expectedWeeks, 3.5);
    assert.equal(f.earliestWeeks, 3.5);
    assert.equal(f.latestWeeks, 3.5);
    assert.equal(f.expectedDate, '2025-04-10');
  });

  it('puts the bounds where the volume done ± z standard deviations meets the remaining volume', () => {
    const weekly = [80, 120, 80, 120];
    const f = forecastCompletion({ weekly, remaining: 1000, now, confidence: 0.8 });
    const mu = 100;
    const sd = Math.sqrt((4 * 20 ** 2) / 3);
    const z = zForConfidence(0.8);
    assert.equal(f.expectedWeeks, 10);
    for (const [n, sign] of [[f.earliestWeeks, 1], [f.latestWeeks, -1]] as const) {
      assert.ok(n !== null);
      const bound = n * mu + sign * z * sd * Math.sqrt(n * (1 + n / 4));
      assert.ok(Math.abs(bound - 1000) < 1e-6, `bound ${bound}`);
    }
    assert.ok((f.earliestWeeks ?? 0) < 10 && (f.latestWeeks ?? 0) > 10);
  });

  it('leaves the late bound open when the mean is not clearly above zero', () => {
    const f = forecastCompletion({ weekly: [0, 0, 300, 0], remaining: 1000, now });
    assert.equal(f.latestWeeks, null);
    assert.ok(f.earliestWeeks !== null && f.earliestWeeks < (f.expectedWeeks ?? 0));
  });

  it('says why when there is nothing to forecast from', () => {
    assert.equal(forecastCompletion({ weekly: [], remaining: 10, now }).reason, 'no complete week of history');
    assert.equal(forecastCompletion({ weekly: [0, 0], remaining: 10, now }).expectedWeeks, null);
    assert.equal(forecastCompletion({ weekly: [], remaining: 0, now }).expectedDate, '2025-03-17');
  });

  it('narrows with more weeks of the same spread', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 500 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 100, max: 50_000 }), (level, swing, remaining) => {
        const weeks = (k: number) => Array.from({ length: k }, (_, i) => level + (i % 2 === 0 ? swing : -swing));
        const short = forecastCompletion({ weekly: weeks(4), remaining, now, lookbackWeeks: 100 });
        const long = forecastCompletion({ weekly: weeks(16), remaining, now, lookbackWeeks: 100 });
        const width = (f: typeof short) => (f.latestWeeks ?? Infinity) - (f.earliestWeeks ?? 0);
        return width(long) < width(short);
      }),
    );
  });
});

describe('velocityAndForecast', () => {
  it('forecasts from complete weeks only', () => {
    // 50 items in each of 4 complete weeks, and 5 so far in the running week.
    const monday = Date.UTC(2025, 2, 3);
    const done = [0, 1, 2, 3].flatMap((w) => Array.from({ length: 50 }, (_, i) => new Date(monday + w * 7 * 86_400_000 + i * 60_000)));
    done.push(...Array.from({ length: 5 }, (_, i) => new Date(monday + 28 * 86_400_000 + i * 60_000)));
    const now = new Date(monday + 30 * 86_400_000);
    const { weeks, forecast } = velocityAndForecast(done, 200, now);
    assert.equal(weeks.length, 5);
    assert.equal(weeks[4]?.complete, false);
    assert.equal(forecast.velocity.weeks, 4);
    assert.equal(forecast.expectedWeeks, 4);
  });
});
