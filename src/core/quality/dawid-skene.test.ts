import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeAnswers, fromIndices } from './answers.ts';
import { dawidSkene, fitDawidSkene } from './dawid-skene.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { seededRandom } from './seeded-random.ts';
import { LABEL_SETS, loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy: recovers the ground truth in 10 iterations', () => {
  const data = encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'));
  const truth = loadGold('crowdkit_toy', 'toy_ground_truth_df.csv');
  const result = dawidSkene(data, { maxIterations: 10 });
  for (const item of result.items) assert.equal(item.label, truth.get(item.item));
});

test('README: plain Dawid-Skene (MV start, 100 iterations, no smoothing) reproduces the reference figures', () => {
  const reference: Record<string, number> = {
    rte: 0.9275, temp: 0.9416, wsd: 0.9944, bluebirds: 0.8981, product: 0.9397, possent: 0.96, web: 0.8277,
  };
  for (const set of LABEL_SETS) {
    const data = encodeAnswers(loadAnswers(set));
    const result = dawidSkene(data, { smoothing: 0, priorSmoothing: 0, tolerance: 0, maxIterations: 100 });
    const { expectedAccuracy } = scoreAgainstGold(result, loadGold(set));
    assert.ok(Math.abs(expectedAccuracy - reference[set]!) < 0.0006, `${set}: ${expectedAccuracy} vs ${reference[set]}`);
  }
});

test('confusion matrices are distributions and skills are probabilities', () => {
  const result = dawidSkene(encodeAnswers(loadAnswers('wsd')));
  for (const w of result.workers) {
    assert.ok(w.skill >= 0 && w.skill <= 1);
    for (const row of w.confusion!) assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  }
  for (let i = 0; i < result.items.length; i++) {
    const row = result.posteriors.slice(i * 3, i * 3 + 3);
    assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  }
});

test('the log-likelihood never decreases from one iteration to the next (EM)', () => {
  const data = encodeAnswers(loadAnswers('bluebirds'));
  let previous = -Infinity;
  for (let iterations = 1; iterations <= 15; iterations++) {
    const { logLikelihood } = fitDawidSkene(data, { maxIterations: iterations, tolerance: -Infinity });
    assert.ok(logLikelihood >= previous - 1e-6, `iteration ${iterations}: ${logLikelihood} < ${previous}`);
    previous = logLikelihood;
  }
});

test('recovers the truth of generated answers from workers with known confusion', () => {
  const random = seededRandom(11);
  const k = 4;
  const nItems = 400;
  const truth = Int32Array.from({ length: nItems }, () => Math.floor(random() * k));
  const accuracy = [0.9, 0.8, 0.7, 0.6, 0.55, 0.85, 0.75];
  const item: number[] = [];
  const worker: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < nItems; i++) {
    accuracy.forEach((acc, w) => {
      item.push(i);
      worker.push(w);
      label.push(random() < acc ? truth[i]! : Math.floor(random() * k));
    });
  }
  const data = fromIndices(
    Array.from({ length: nItems }, (_, i) => `i${i}`),
    accuracy.map((_, w) => `w${w}`),
    ['a', 'b', 'c', 'd'],
    Int32Array.from(item),
    Int32Array.from(worker),
    Int32Array.from(label),
  );
  const result = dawidSkene(data);
  const right = result.items.filter((it, i) => it.label === data.classes[truth[i]!]).length;
  assert.ok(right / nItems > 0.97, `accuracy ${right / nItems}`);
  // The best generated worker gets the best estimated skill.
  const best = result.workers.reduce((a, b) => (b.skill > a.skill ? b : a));
  assert.equal(best.worker, 'w0');
});

test('property: renaming the classes does not change which answers win', () => {
  const answers = fc.array(
    fc.record({ item: fc.constantFrom('i1', 'i2', 'i3', 'i4'), worker: fc.constantFrom('a', 'b', 'c'), label: fc.constantFrom('x', 'y') }),
    { minLength: 4, maxLength: 30 },
  );
  fc.assert(
    fc.property(answers, (list) => {
      const original = dawidSkene(encodeAnswers(list));
      const renamed = dawidSkene(encodeAnswers(list.map((a) => ({ ...a, label: a.label === 'x' ? 'y' : 'x' }))));
      return original.items.every((it, i) => {
        const other = renamed.items[i]!;
        return it.tied > 1 || Math.abs(it.confidence - other.confidence) < 1e-6;
      });
    }),
  );
});
