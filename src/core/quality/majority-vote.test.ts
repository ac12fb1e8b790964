import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeAnswers } from './answers.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';
import { seededRandom } from './seeded-random.ts';
import { LABEL_SETS, loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

const toy = encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'));

test('crowd-kit toy: labels, probabilities and skills (agreement with the vote)', () => {
  const mv = majorityVote(toy);
  assert.deepEqual(mv.items.map((i) => i.label), ['no', 'yes', 'no', 'yes', 'no']);
  const yes = toy.classes.indexOf('yes');
  assert.deepEqual(mv.items.map((_, i) => mv.posteriors[i * 2 + yes]), [0.5, 0.6, 0.4, 1, 0.2]);
  // t1 is a tie, broken towards the first class in order ("no"), as crowd-kit does.
  assert.equal(mv.items[0]!.tied, 2);
  const skills = Object.fromEntries(mv.workers.map((w) => [w.worker, w.skill]));
  assert.deepEqual(skills, { w1: 0.6, w2: 0.8, w3: 1, w4: 0.4, w5: 0.8 });
});

test('crowd-kit simple: the vote returns the ground truth', () => {
  const simple = encodeAnswers(loadAnswers('crowdkit_toy', 'simple_answers.csv'));
  const truth = loadGold('crowdkit_toy', 'simple_ground_truth.csv');
  for (const item of majorityVote(simple).items) assert.equal(item.label, truth.get(item.item), item.item);
});

test('README majority-vote figures (expected accuracy with random tie-breaking)', () => {
  const published: Record<string, number> = {
    rte: 0.8969, temp: 0.9361, wsd: 0.9944, bluebirds: 0.7593, product: 0.8966, possent: 0.9335, web: 0.7307,
  };
  for (const set of LABEL_SETS) {
    const score = scoreAgainstGold(majorityVote(encodeAnswers(loadAnswers(set))), loadGold(set));
    assert.ok(Math.abs(score.expectedAccuracy - published[set]!) < 0.0005, `${set}: ${score.expectedAccuracy}`);
    // Ties count as wrong in the strict figure, so it can only be lower.
    assert.ok(score.accuracy <= score.expectedAccuracy + 1e-12);
  }
});

test('ties: deterministic without a random source, seeded and reproducible with one', () => {
  const answers = [
    { item: 'x', worker: 'a', label: 'p' },
    { item: 'x', worker: 'b', label: 'q' },
  ];
  const data = encodeAnswers(answers);
  assert.equal(majorityVote(data).items[0]!.label, 'p');
  const picks = new Set<string>();
  for (let seed = 0; seed < 20; seed++) {
    const first = majorityVote(data, { random: seededRandom(seed) }).items[0]!.label;
    assert.equal(majorityVote(data, { random: seededRandom(seed) }).items[0]!.label, first);
    picks.add(first);
  }
  assert.deepEqual([...picks].sort(), ['p', 'q']);
});

test('property: the winning label has the most votes, and confidence is its share', () => {
  const answers = fc.array(
    fc.record({ item: fc.constantFrom('i1', 'i2', 'i3'), worker: fc.constantFrom('a', 'b', 'c', 'd'), label: fc.constantFrom('x', 'y', 'z') }),
    { minLength: 1, maxLength: 40 },
  );
  fc.assert(
    fc.property(answers, (list) => {
      const data = encodeAnswers(list);
      return majorityVote(data).items.every((it) => {
        const mine = list.filter((a) => a.item === it.item);
        const votes = (l: string): number => mine.filter((a) => a.label === l).length;
        const max = Math.max(...data.classes.map(votes));
        return votes(it.label) === max && Math.abs(it.confidence - max / mine.length) < 1e-12;
      });
    }),
  );
});
