import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ImportedAnswer, importedStage } from './imported-stage.ts';
import { DEFAULT_QA_POLICY, type QaPolicy } from './qa-policy.ts';

const policy: QaPolicy = { ...DEFAULT_QA_POLICY, reviewRates: { crowd: 1, vendor: 0, in_house: 0, staff: 0 } };
const at = (hour: number) => new Date(Date.UTC(2024, 4, 1, hour));
const answer = (id: number, extra: Partial<ImportedAnswer> = {}): ImportedAnswer => ({
  annotationId: id, annotatorId: id, result: { choices: {}, regions: [] }, createdAt: at(id), poolKey: null, poolKind: null, review: null, ...extra,
});

test('nothing imported: no stage', () => {
  assert.equal(importedStage(policy, 1, []), null);
});

test('an accepted or corrected answer accepts the item, dated by the last such review; a rejected one is not its label', () => {
  const accepted = answer(1, { review: { decision: 'accept', at: at(5) } });
  const corrected = answer(2, { review: { decision: 'correct', at: at(7) } });
  const rejected = answer(3, { review: { decision: 'reject', at: at(9) } });
  const next = importedStage(policy, 1, [accepted, corrected, rejected]);
  assert.equal(next?.stage, 'accepted');
  assert.equal(next.reason, 'corrected in review');
  assert.equal(next.stage === 'accepted' && next.acceptedAt.toISOString(), at(7).toISOString());
  assert.deepEqual(next.answers.map((a) => a.annotationId), [1, 2]);
});

test('rejected and nothing vouched for: review', () => {
  const next = importedStage(policy, 1, [answer(1, { review: { decision: 'reject', at: at(3) } }), answer(2)]);
  assert.deepEqual([next?.stage, next?.reason], ['review', 'review_rejected']);
});

test('unreviewed: accepted when made, unless the policy samples its pool for review', () => {
  const staff = importedStage(policy, 1, [answer(1), answer(4)]);
  assert.equal(staff?.stage, 'accepted');
  assert.equal(staff.stage === 'accepted' && staff.acceptedAt.toISOString(), at(4).toISOString());
  const crowd = importedStage(policy, 1, [answer(1), answer(4, { poolKey: 'crowd', poolKind: 'crowd' })]);
  assert.deepEqual([crowd?.stage, crowd?.reason], ['review', 'sampled']);
});

test('low agreement between imported labels does not go to the experts', () => {
  const car = { choices: { kind: ['car'] }, regions: [] };
  const bus = { choices: { kind: ['bus'] }, regions: [] };
  assert.equal(importedStage({ ...policy, agreementThreshold: 0.99 }, 1, [answer(1, { result: car }), answer(2, { result: bus })])?.stage, 'accepted');
});
