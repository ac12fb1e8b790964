import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { spanF1 } from './span-f1.ts';
import { spanWorkerSkills, voteSpans } from './span-voting.ts';

test('exact: identical start, end and label only', () => {
  const gold = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 15, label: 'ORG' }];
  const pred = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 14, label: 'ORG' }, { start: 20, end: 25, label: 'LOC' }];
  const s = spanF1(pred, gold, 'exact');
  assert.equal(s.matched, 1);
  assert.equal(s.precision, 1 / 3);
  assert.equal(s.recall, 1 / 2);
  assert.equal(s.f1, 0.4);
});

test('overlap: one-to-one, same label, any overlap', () => {
  const gold = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 15, label: 'ORG' }];
  const pred = [{ start: 1, end: 4, label: 'PER' }, { start: 12, end: 20, label: 'ORG' }, { start: 2, end: 3, label: 'PER' }];
  const s = spanF1(pred, gold, 'overlap');
  assert.equal(s.matched, 2);
  assert.equal(s.recall, 1);
  assert.equal(s.precision, 2 / 3);
  assert.equal(spanF1([{ start: 0, end: 5, label: 'LOC' }], gold, 'overlap').matched, 0);
});

test('empty against empty is perfect; empty against something is zero', () => {
  assert.equal(spanF1([], []).f1, 1);
  assert.equal(spanF1([], [{ start: 0, end: 1, label: 'X' }]).f1, 0);
});

test('property: F1 is symmetric and 1 against itself', () => {
  const spans = fc.array(
    fc.record({ start: fc.integer({ min: 0, max: 20 }), end: fc.integer({ min: 21, max: 40 }), label: fc.constantFrom('A', 'B') }),
    { maxLength: 6 },
  );
  fc.assert(
    fc.property(spans, spans, fc.constantFrom('exact' as const, 'overlap' as const), (a, b, mode) =>
      Math.abs(spanF1(a, b, mode).f1 - spanF1(b, a, mode).f1) < 1e-12 && (a.length === 0 || spanF1(a, a, mode).f1 === 1),
    ),
  );
});

test('span voting keeps what a majority marked; silent annotators vote no', () => {
  const per = { start: 0, end: 5, label: 'PER' };
  const org = { start: 10, end: 15, label: 'ORG' };
  const voted = voteSpans([
    { worker: 'a', spans: [per, org] },
    { worker: 'b', spans: [per] },
    { worker: 'c', spans: [per, per] },
    { worker: 'd', spans: [] },
  ]);
  assert.deepEqual(voted, [{ ...per, confidence: 0.75 }]);
  const weighted = voteSpans([{ worker: 'a', spans: [org] }, { worker: 'b', spans: [] }], { weights: new Map([['a', 3]]) });
  assert.deepEqual(weighted, [{ ...org, confidence: 0.75 }]);
});

test('span worker skills: the annotator who agrees with the vote scores higher', () => {
  const per = { start: 0, end: 5, label: 'PER' };
  const texts = new Map([
    ['t1', [{ worker: 'a', spans: [per] }, { worker: 'b', spans: [per] }, { worker: 'c', spans: [{ start: 0, end: 4, label: 'PER' }] }]],
    ['t2', [{ worker: 'a', spans: [] }, { worker: 'b', spans: [] }, { worker: 'c', spans: [per] }]],
  ]);
  const consensus = new Map([...texts].map(([t, a]) => [t, voteSpans(a)]));
  const skills = spanWorkerSkills(texts, consensus);
  assert.equal(skills.get('a'), (0.5 + 1 + 1) / 3);
  assert.equal(skills.get('c'), 0.5 / 3);
});
