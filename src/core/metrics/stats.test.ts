import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalQuantile, proportion, quantile, sampleSd } from './stats.ts';

describe('quantile (type 7)', () => {
  it('interpolates between the closest ranks', () => {
    assert.equal(quantile([3, 1, 2, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1); // numpy.percentile(range(1,11), 90)
    assert.equal(quantile([7], 0.9), 7);
    assert.equal(quantile([], 0.5), null);
  });

  it('stays within the sample and grows with q', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        const v = quantile(xs, q) as number;
        const higher = quantile(xs, Math.min(1, q + 0.1)) as number;
        return v >= Math.min(...xs) && v <= Math.max(...xs) && higher >= v - 1e-9;
      }),
    );
  });
});

describe('normal quantile and Wilson interval', () => {
  it('matches the tabulated normal quantiles', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959963985) < 1e-8);
    assert.ok(Math.abs(normalQuantile(0.9) - 1.281551566) < 1e-8);
    assert.ok(Math.abs(normalQuantile(0.01) + 2.326347874) < 1e-8);
  });

  it('gives the closed form for zero successes: upper bound z²/(n+z²)', () => {
    const p = proportion(0, 10);
    const z2 = 1.959963985 ** 2;
    assert.equal(p?.low, 0);
    assert.ok(Math.abs((p?.high ?? 0) - z2 / (10 + z2)) < 1e-8);
  });

  it('keeps the rate inside the interval and the interval inside [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const p = proportion(Math.round(share * n), n);
        return p !== null && p.low >= 0 && p.high <= 1 && p.low <= p.rate && p.rate <= p.high;
      }),
    );
  });

  it('takes the sample standard deviation', () => {
    assert.equal(sampleSd([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
  });
});
