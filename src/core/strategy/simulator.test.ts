import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HAND_PLAN } from '../../../test/fixtures/strategy/plans.ts';
import { isDomainError } from '../errors.ts';
import { parsePlan, type PlanInput } from './plan.ts';
import { majorityAccuracy } from './sim-run.ts';
import { type MixResult, simulate, simulateFromInput } from './simulator.ts';

const close = (actual: number | null | undefined, expected: number, what: string): void =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

function check(mix: MixResult | undefined, weeks: number, eur: number, accuracy: number): void {
  assert.ok(mix, 'mix missing');
  assert.equal(mix.finishedShare, 1);
  close(mix.completionWeeks?.mean, weeks, `${mix.name} weeks`);
  close(mix.completionWeeks?.p95, weeks, `${mix.name} weeks p95`);
  close(mix.cost.EUR?.mean, eur, `${mix.name} cost`);
  close(mix.cost.EUR?.sd, 0, `${mix.name} cost sd`);
  close(mix.accuracy?.mean, accuracy, `${mix.name} accuracy`);
}

describe('simulate a scenario computed by hand (no randomness)', () => {
  const result = simulate(parsePlan(HAND_PLAN), { runs: 20, seed: 3 });
  const mix = (name: string) => result.mixes.find((m) => m.name === name);

  it('simulates every candidate mix the pools allow', () => {
    assert.deepEqual(result.mixes.map((m) => m.name), ['all_in_house', 'all_vendor', 'vendors_bulk_experts_hard', 'vendors_label_in_house_reviews', 'in_house_first_vendors_scale', 'half-half']);
    assert.equal(result.totalVolume, 3000);
  });

  it('all in-house: 800 a week against 1000 arriving, done 3/4 into week 4, 300 hours at 30 €', () => {
    check(mix('all_in_house'), 3.75, 9000, 0.95);
    assert.deepEqual(mix('all_in_house')?.chart.map((c) => c.p50), [800, 1600, 2400, 3000]);
    assert.equal(mix('all_in_house')?.completionDate?.p50, '2025-06-28'); // 26.25 days after 2 June
  });

  it('all vendor: 2000 in the ramp-up week is enough, the last 1000 take a quarter of week 3, 3000 labels at 0.10 €', () => {
    check(mix('all_vendor'), 2.25, 300, 0.9);
  });

  it('experts on the hard 10%: 100 a week in-house (30 h), 900 a week to the vendor', () => {
    // Last week: in-house busy 10 of 80 h, the vendor 900 of 4000 items: done at 2 + 0.225.
    check(mix('vendors_bulk_experts_hard'), 2.225, 900 + 270, 0.1 * 0.95 + 0.9 * 0.9);
  });

  it('in-house reviews 10% of the vendor’s labels at 20 reviews an hour and fixes errors with its accuracy', () => {
    // 300 vendor labels reviewed: 15 h at 30 € = 450 €; a reviewed item is right 0.9 + 0.1 × 0.95.
    check(mix('vendors_label_in_house_reviews'), 2.25, 300 + 450, 0.9 * 0.9 + 0.1 * (0.9 + 0.1 * 0.95));
  });

  it('a pilot of 500 in-house holds the vendor back a week, then its ramp-up week carries the backlog', () => {
    // Week 0: in-house does the pilot (50 h); week 1: vendor at 2000 does 500 + 1000; week 2: 1000 of 4000.
    check(mix('in_house_first_vendors_scale'), 2.25, 1500 + 250, (500 * 0.95 + 2500 * 0.9) / 3000);
  });

  it('a custom split halves the volume by share', () => {
    // 500 a week each: in-house keeps up (800) and is the last busy pool, 5/8 into the last week.
    check(mix('half-half'), 2.625, 1500 * 3 + 150, (0.95 + 0.9) / 2);
  });

  it('spreads a fixed month over the weeks the pool is engaged, to the day the plan is done', () => {
    const plan: PlanInput = { ...HAND_PLAN, pools: HAND_PLAN.pools.map((p) => (p.key === 'in-house' ? { ...p, cost: { type: 'fixed_monthly', amount: 5200, currency: 'EUR' } } : p)) };
    const allInHouse = simulate(parsePlan(plan), { runs: 5 }).mixes[0];
    close(allInHouse?.cost.EUR?.mean, 3.75 * (5200 * 12) / 52, 'fixed month'); // 1200 € a week × 3.75 weeks
  });

  it('converts costs into one currency when the plan gives rates', () => {
    const plan: PlanInput = { ...HAND_PLAN, rates: { base: 'USD', rates: { EUR: 1.1 } } };
    const vendor = simulate(parsePlan(plan), { runs: 5 }).mixes.find((m) => m.name === 'all_vendor');
    assert.deepEqual(Object.keys(vendor?.cost ?? {}), ['USD']);
    close(vendor?.cost.USD?.mean, 330, 'converted');
  });
});

describe('simulate with randomness', () => {
  const noisy: PlanInput = {
    ...HAND_PLAN,
    volume_per_week: [1500, 1500, 1500, 1500],
    pools: HAND_PLAN.pools.map((p) => ({ ...p, throughput_cv: 0.25, accuracy_samples: 200 })),
  };

  it('narrows the interval of the mean as runs grow', () => {
    const width = (runs: number): number => {
      const m = simulate(parsePlan(noisy), { runs, seed: 9 }).mixes.find((x) => x.name === 'all_in_house');
      return (m?.completionWeeks?.meanHigh ?? 0) - (m?.completionWeeks?.meanLow ?? 0);
    };
    const [w100, w400, w1600] = [width(100), width(400), width(1600)];
    assert.ok(w100 > 0);
    assert.ok(w400 < w100 && w1600 < w400, `${w100} ${w400} ${w1600}`);
    assert.ok(w1600 < w100 / 2.5, 'about 1/√runs');
  });

  it('repeats itself for a seed, and spreads its runs', () => {
    const a = simulate(parsePlan(noisy), { runs: 200, seed: 5 });
    assert.deepEqual(a, simulate(parsePlan(noisy), { runs: 200, seed: 5 }));
    const m = a.mixes[0];
    assert.ok(m?.completionWeeks && m.completionWeeks.p5 < m.completionWeeks.p95);
    assert.ok(m?.accuracy && m.accuracy.p5 < 0.95 && m.accuracy.p95 > 0.95 - 0.05);
    const b = simulate(parsePlan({ ...noisy, mixes: [] }), { runs: 200, seed: 5 });
    assert.deepEqual(b.mixes[0], a.mixes[0], 'removing a mix leaves the others alone');
  });

  it('reports runs that never finish', () => {
    const slow: PlanInput = { ...HAND_PLAN, volume_per_week: [100_000], max_weeks: 4 };
    const m = simulate(parsePlan(slow), { runs: 3 }).mixes[0];
    assert.equal(m?.finishedShare, 0);
    assert.equal(m?.completionWeeks, null);
    assert.equal(m?.chart.length, 4);
  });
});

describe('plan validation and overlap', () => {
  it('names the field at fault', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...HAND_PLAN, start: '2025-02-30' }, /start/],
      [{ ...HAND_PLAN, pools: [{ ...HAND_PLAN.pools[0], accuracy: 2 }] }, /pools\[0\]\.accuracy/],
      [{ ...HAND_PLAN, pools: [HAND_PLAN.pools[0], HAND_PLAN.pools[0]] }, /pools\[1\]\.key/],
      [{ ...HAND_PLAN, mixes: [{ name: 'x', shares: { nobody: 1 } }] }, /mixes\[0\]/],
      [{ ...HAND_PLAN, volume: [1] }, /volume/],
    ];
    for (const [input, field] of cases) {
      assert.throws(() => simulateFromInput(input, { runs: 1 }), (e) => isDomainError(e) && e.code === 'validation_failed' && field.test(e.message), String(field));
    }
    assert.throws(() => simulate(parsePlan(HAND_PLAN), { runs: 0 }), (e) => isDomainError(e) && e.code === 'invalid_input');
  });

  it('takes the majority of k labels', () => {
    close(majorityAccuracy(0.8, 1), 0.8, 'k=1');
    close(majorityAccuracy(0.8, 3), 0.8 ** 3 + 3 * 0.8 ** 2 * 0.2, 'k=3');
    close(majorityAccuracy(0.8, 2), 0.8, 'k=2: a tie is a coin toss');
  });
});
