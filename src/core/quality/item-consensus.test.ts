import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotationResult, LabelSchema } from '../label-schema.ts';
import { itemConsensus } from './item-consensus.ts';
import { DEFAULT_QA_POLICY, nextStage, qaPolicyOf, reviewRate, sampleDraw, shouldPause } from './qa-policy.ts';

const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }] },
    { name: 'scene', kind: 'single_choice', labels: [{ name: 'day', color: '#ffff00' }, { name: 'night', color: '#000000' }] },
    { name: 'entities', kind: 'span', labels: [{ name: 'PER', color: '#00ff00' }] },
  ],
};
const box = (x: number): AnnotationResult['regions'][number] => ({ control: 'objects', kind: 'bbox', label: 'car', x, y: 0, width: 100, height: 50 });
const answer = (annotator: string, scene: string, boxes: number[], weight = 1) => ({ annotator, weight, result: { choices: { scene: [scene] }, regions: boxes.map(box) } });

describe('itemConsensus', () => {
  it('settles on the majority, fuses boxes, and measures agreement', () => {
    const c = itemConsensus(schema, [answer('a', 'day', [0]), answer('b', 'day', [4]), answer('c', 'night', [2])]);
    assert.deepEqual(c.result.choices, { scene: ['day'] });
    assert.equal(c.result.regions.length, 1);
    assert.ok(Math.abs((c.result.regions[0] as { x: number }).x - 2) < 1e-9, 'the fused box is the mean of the cluster');
    const scene = c.byControl.find((x) => x.control === 'scene')!;
    assert.ok(Math.abs(scene.agreement! - 2 / 3) < 1e-9);
    assert.equal(c.byControl.find((x) => x.control === 'objects')!.agreement, 1);
  });

  it('lets gold accuracy outweigh a head count', () => {
    const c = itemConsensus(schema, [answer('expert', 'night', [], 0.98), answer('x', 'day', [], 0.4), answer('y', 'day', [], 0.4)]);
    assert.deepEqual(c.result.choices.scene, ['night']);
  });

  it('is as agreed as its least agreed question: a 1–1 split on the choice goes to the experts beside identical boxes', () => {
    const c = itemConsensus(schema, [answer('a', 'day', [0]), answer('b', 'night', [0])]);
    assert.equal(c.byControl.find((x) => x.control === 'objects')!.agreement, 1);
    assert.equal(c.agreement, 0.5, 'not the mean, 0.75');
    const next = nextStage(DEFAULT_QA_POLICY, { itemId: 1, agreement: c.agreement, goldFailed: false, labellers: [], ruleReviewSample: null });
    assert.deepEqual(next, { stage: 'adjudication', reason: 'low_agreement' });
  });

  it('gives no agreement for a single annotator', () => {
    const c = itemConsensus(schema, [answer('a', 'day', [0])]);
    assert.equal(c.agreement, null);
    assert.deepEqual(c.result.choices.scene, ['day']);
  });

  it('votes spans', () => {
    const span = (start: number, end: number) => ({ control: 'entities', kind: 'span' as const, label: 'PER', start, end });
    const c = itemConsensus(schema, [
      { annotator: 'a', weight: 1, result: { choices: {}, regions: [span(0, 3)] } },
      { annotator: 'b', weight: 1, result: { choices: {}, regions: [span(0, 3), span(10, 12)] } },
      { annotator: 'c', weight: 1, result: { choices: {}, regions: [span(0, 3)] } },
    ]);
    assert.deepEqual(c.result.regions.map((r) => [(r as { start: number }).start, (r as { end: number }).end]), [[0, 3]]);
    assert.ok(c.agreement! < 1 && c.agreement! > 0.7);
  });
});

describe('the QA policy', () => {
  it('sends low agreement and gold failures to adjudication, samples review by pool', () => {
    const policy = qaPolicyOf({ agreementThreshold: 0.6 });
    const crowd = [{ poolKey: 'crowd', poolKind: 'crowd' as const }];
    const inHouse = [{ poolKey: 'ih', poolKind: 'in_house' as const }];
    assert.deepEqual(nextStage(policy, { itemId: 1, agreement: 0.5, goldFailed: false, labellers: inHouse, ruleReviewSample: null }), { stage: 'adjudication', reason: 'low_agreement' });
    assert.deepEqual(nextStage(policy, { itemId: 1, agreement: 1, goldFailed: true, labellers: inHouse, ruleReviewSample: null }).stage, 'adjudication');
    assert.equal(nextStage(policy, { itemId: 1, agreement: 0.9, goldFailed: false, labellers: crowd, ruleReviewSample: null }).stage, 'review', 'all crowd work is reviewed');
    let reviewed = 0;
    for (let id = 1; id <= 5000; id++) if (nextStage(policy, { itemId: id, agreement: null, goldFailed: false, labellers: [{ poolKey: 'v', poolKind: 'vendor' }], ruleReviewSample: null }).stage === 'review') reviewed++;
    assert.ok(Math.abs(reviewed / 5000 - 0.1) < 0.015, `vendor sample ${reviewed / 5000}`);
    assert.equal(reviewRate(policy, inHouse, 0.3), 0.3, 'a routing rule may ask for more review');
    assert.equal(sampleDraw(42), sampleDraw(42));
  });

  it('pauses an annotator under the gold threshold once enough gold is in', () => {
    assert.equal(shouldPause(DEFAULT_QA_POLICY, { answered: 9, passed: 0 }), false);
    assert.equal(shouldPause(DEFAULT_QA_POLICY, { answered: 10, passed: 7 }), true);
    assert.equal(shouldPause(DEFAULT_QA_POLICY, { answered: 10, passed: 8 }), false);
  });
});
