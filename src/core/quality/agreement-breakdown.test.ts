import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementBreakdown, labelAgreement, pairAgreement } from './agreement-breakdown.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { unitsFromAnswers } from './reliability-data.ts';
import { loadAnswers } from '../../../test/fixtures/quality/crowd-data.ts';

const toy = loadAnswers('crowdkit_toy', 'toy_answers.csv');

test('project summary matches the metrics computed directly (toy alpha 0.142)', () => {
  const { project } = agreementBreakdown(toy);
  assert.equal(project.items, 5);
  assert.equal(project.answers, 24);
  assert.ok(Math.abs(project.krippendorffAlpha - 0.14219114219114215) < 1e-12);
});

test('a pair gets the Cohen kappa of its shared items', () => {
  const pairs = pairAgreement(toy, { minSharedItems: 1 });
  const w1w2 = pairs.find((p) => p.workerA === 'w1' && p.workerB === 'w2')!;
  const label = (w: string, item: string): string | null => toy.find((a) => a.worker === w && a.item === item)?.label ?? null;
  const items = ['t1', 't2', 't3', 't4', 't5'];
  assert.equal(w1w2.sharedItems, 5);
  assert.equal(w1w2.cohenKappa, cohenKappa(items.map((i) => label('w1', i)), items.map((i) => label('w2', i))));
  // w3 skipped t1: 4 shared items with w1.
  assert.equal(pairs.find((p) => p.workerA === 'w1' && p.workerB === 'w3')!.sharedItems, 4);
  // By default a pair needs 5 shared items: the 4 pairs with w3 drop out of the 10.
  assert.equal(pairAgreement(toy).length, 6);
  assert.ok(pairAgreement(toy).every((p) => p.workerA !== 'w3' && p.workerB !== 'w3'));
});

test('per label: specific agreement, and perfect agreement gives 1', () => {
  const perfect = labelAgreement([
    { item: 'a', worker: 'x', label: 'cat' },
    { item: 'a', worker: 'y', label: 'cat' },
    { item: 'b', worker: 'x', label: 'dog' },
    { item: 'b', worker: 'y', label: 'dog' },
  ]);
  assert.deepEqual(perfect.map((l) => l.specificAgreement), [1, 1]);
  // Toy "yes": t1 2 of 4, t2 3 of 5, t3 2 of 5, t4 5 of 5, t5 1 of 5.
  const yes = labelAgreement(toy).find((l) => l.label === 'yes')!;
  assert.equal(yes.specificAgreement, (2 * 1 + 3 * 2 + 2 * 1 + 5 * 4 + 0) / (2 * 3 + 3 * 4 + 2 * 4 + 5 * 4 + 1 * 4));
});

test('per pool: each pool is measured on its own answers', () => {
  const tagged = toy.map((a) => ({ ...a, pool: a.worker === 'w5' || a.worker === 'w3' ? 'vendor' : 'in-house' }));
  const { byPool } = agreementBreakdown(tagged);
  const vendor = byPool.find((p) => p.pool === 'vendor')!;
  const expected = krippendorffAlpha(unitsFromAnswers(tagged.filter((a) => a.pool === 'vendor')));
  assert.equal(vendor.answers, 9);
  assert.ok(Object.is(vendor.krippendorffAlpha, expected) || vendor.krippendorffAlpha === expected);
});
