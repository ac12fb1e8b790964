import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mean, sampleSd } from '../metrics/stats.ts';
import { seededRandom } from '../quality/seeded-random.ts';
import { beta, deriveSeed, gamma, normal } from './rng.ts';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('seeded random numbers', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    assert.deepEqual(draw(5, seededRandom(42)), draw(5, seededRandom(42)));
    assert.notDeepEqual(draw(5, seededRandom(42)), draw(5, seededRandom(43)));
    assert.notEqual(deriveSeed(1, 'all_vendor'), deriveSeed(1, 'all_in_house'));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = draw(200_000, seededRandom(7));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.ok(Math.abs((mean(xs) ?? 0) - 0.5) < 0.005);
    assert.ok(Math.abs((sampleSd(xs) ?? 0) ** 2 - 1 / 12) < 0.002);
  });

  it('draws normal, gamma and beta variates with the right moments', () => {
    const rng = seededRandom(11);
    const z = draw(100_000, () => normal(rng));
    assert.ok(Math.abs(mean(z) ?? 1) < 0.02 && Math.abs((sampleSd(z) ?? 0) - 1) < 0.02);
    for (const shape of [0.5, 3]) {
      const g = draw(100_000, () => gamma(rng, shape));
      assert.ok(Math.abs((mean(g) ?? 0) - shape) < 0.03 * Math.max(1, shape), `gamma(${shape}) mean`);
      assert.ok(Math.abs((sampleSd(g) ?? 0) ** 2 - shape) < 0.06 * Math.max(1, shape), `gamma(${shape}) variance`);
    }
    const b = draw(100_000, () => beta(rng, 9, 1));
    assert.ok(Math.abs((mean(b) ?? 0) - 0.9) < 0.003);
    assert.ok(Math.abs((sampleSd(b) ?? 0) ** 2 - (9 * 1) / (10 ** 2 * 11)) < 0.0005);
  });
});
