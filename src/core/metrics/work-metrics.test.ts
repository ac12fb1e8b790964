import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotationFact, ItemFlowFact, PoolTerms, ReviewFact } from '../cost/work-facts.ts';
import { workMetrics } from './work-metrics.ts';

const at = (iso: string): Date => new Date(`${iso}Z`);
const pools: PoolTerms[] = [
  { key: 'vendor', costModel: { type: 'per_label', amount: 1, currency: 'USD' }, sla: { turnaroundHours: 24, minGoldAccuracy: 0.9 } },
  { key: 'in-house', costModel: { type: 'per_hour', amount: 60, currency: 'EUR' }, sla: { turnaroundHours: 48 } },
];
function ann(id: string, item: string, pool: string, annotator: number, when: string, seconds: number, outcome: AnnotationFact['outcome'], extra: Partial<AnnotationFact> = {}): AnnotationFact {
  return { id, projectId: 1, itemId: item, poolKey: pool, annotatorId: annotator, submittedAt: at(when), activeSeconds: seconds, outcome, goldCorrect: null, ...extra };
}
const annotations: AnnotationFact[] = [
  ann('v1', 'i1', 'vendor', 10, '2025-02-03T09:00:00', 120, 'accepted', { agreedWithConsensus: true }),
  ann('v2', 'i2', 'vendor', 10, '2025-02-03T10:00:00', 120, 'rejected', { agreedWithConsensus: false }),
  ann('v3', 'i2', 'vendor', 10, '2025-02-04T09:00:00', 120, 'accepted', { agreedWithConsensus: true }),
  ann('v4', 'g1', 'vendor', 10, '2025-02-03T11:00:00', 60, 'accepted', { goldCorrect: true }),
  ann('v5', 'g2', 'vendor', 10, '2025-02-03T12:00:00', 60, 'accepted', { goldCorrect: false }),
  ann('h1', 'i3', 'in-house', 20, '2025-02-03T09:00:00', 1800, 'accepted'),
  ann('h2', 'i4', 'in-house', 20, '2025-02-03T10:00:00', 1800, 'accepted'),
];
const review = (id: string, annotationId: string, decision: ReviewFact['decision']): ReviewFact => ({
  id, projectId: 1, annotationId, poolKey: 'in-house', reviewerId: 21, reviewedAt: at('2025-02-04T15:00:00'), activeSeconds: 360, decision,
});
const reviews = [review('r1', 'v2', 'reject'), review('r2', 'v1', 'accept'), review('r3', 'h1', 'correct')];
const flow = (item: string, queued: string, accepted: string | null, pool: string, annotator: number): ItemFlowFact => ({
  projectId: 1, itemId: item, queuedAt: at(queued), acceptedAt: accepted === null ? null : at(accepted), poolKey: pool, annotatorId: annotator,
});
const flows = [
  flow('i1', '2025-02-03T00:00:00', '2025-02-03T12:00:00', 'vendor', 10),
  flow('i2', '2025-02-03T00:00:00', '2025-02-04T06:00:00', 'vendor', 10),
  flow('i3', '2025-02-02T00:00:00', '2025-02-03T20:00:00', 'in-house', 20),
  flow('i4', '2025-02-03T00:00:00', '2025-02-03T10:00:00', 'in-house', 20),
  flow('i5', '2025-02-03T00:00:00', null, 'in-house', 20),
];
const close = (actual: number | null | undefined, expected: number): void =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('workMetrics by pool, computed by hand', () => {
  const rows = workMetrics({ annotations, reviews, flows, pools }, { by: ['pool'] });
  const vendor = rows.find((r) => r.key.poolKey === 'vendor');
  const inHouse = rows.find((r) => r.key.poolKey === 'in-house');

  it('measures throughput per active hour and items per active day', () => {
    assert.equal(vendor?.labels, 5);
    close(vendor?.labelsPerHour, 5 / (480 / 3600)); // 37.5
    assert.equal(vendor?.items, 2);
    close(vendor?.itemsPerDay, 1); // 2 items over 2 active days
    close(inHouse?.labelsPerHour, 2);
  });

  it('takes turnaround percentiles by linear interpolation', () => {
    assert.deepEqual(vendor?.turnaroundHours, { count: 2, p50: 21, p90: 12 + 0.9 * 18 });
    assert.equal(inHouse?.turnaroundHours?.count, 2); // the unaccepted item has no turnaround
    close(inHouse?.turnaroundHours?.p90, 10 + 0.9 * 34);
  });

  it('measures revision, gold accuracy and agreement', () => {
    assert.deepEqual(vendor?.revision, { reviewed: 2, revised: 1, rate: 0.5 });
    assert.deepEqual(inHouse?.revision, { reviewed: 1, revised: 1, rate: 1 });
    assert.equal(vendor?.goldAccuracy?.rate, 0.5);
    assert.ok((vendor?.goldAccuracy?.low ?? 1) < 0.5 && (vendor?.goldAccuracy?.high ?? 0) > 0.5);
    close(vendor?.agreement?.rate, 2 / 3);
    assert.equal(inHouse?.goldAccuracy, null);
  });

  it('charges the reviews of a pool’s labels to that pool’s true cost', () => {
    assert.equal(vendor?.acceptedLabels, 2);
    const usd = vendor?.cost.find((c) => c.currency === 'USD');
    const eur = vendor?.cost.find((c) => c.currency === 'EUR');
    close(usd?.perAcceptedLabel, 2.5); // 5 labels at 1 $ for 2 accepted
    close(eur?.perAcceptedLabel, 6); // two 6-minute reviews at 60 €/h
    close(inHouse?.cost[0]?.perAcceptedLabel, 33); // (60 + 6) / 2
  });

  it('checks SLA compliance against the pool’s targets', () => {
    assert.equal(vendor?.sla?.turnaround?.share, 0.5);
    assert.equal(vendor?.sla?.turnaround?.met, false);
    assert.equal(vendor?.sla?.goldAccuracy?.met, false);
    assert.equal(vendor?.sla?.met, false);
    assert.equal(inHouse?.sla?.turnaround?.met, true);
    assert.equal(inHouse?.sla?.goldAccuracy, null);
    assert.equal(inHouse?.sla?.met, true);
  });
});

describe('workMetrics grouping', () => {
  it('splits by annotator and day, and folds everything into one group with no dimension', () => {
    const rows = workMetrics({ annotations, reviews, flows, pools }, { by: ['pool', 'annotator', 'day'] });
    const keys = rows.map((r) => `${r.key.poolKey}/${r.key.annotatorId}/${r.key.day}`);
    assert.ok(keys.includes('vendor/10/2025-02-03') && keys.includes('vendor/10/2025-02-04'));
    assert.equal(rows.find((r) => r.key.poolKey === 'vendor' && r.key.day === '2025-02-03')?.labels, 4);
    const [all, ...rest] = workMetrics({ annotations, pools }, { by: [] });
    assert.equal(rest.length, 0);
    assert.deepEqual(all?.key, {});
    assert.equal(all?.labels, annotations.length);
    assert.equal(all?.acceptedLabels, 4);
  });

  it('gives the same rows whatever the order of the facts', () => {
    const a = workMetrics({ annotations, reviews, flows, pools }, { by: ['project', 'pool', 'day'] });
    const b = workMetrics({ annotations: [...annotations].reverse(), reviews: [...reviews].reverse(), flows: [...flows].reverse(), pools }, { by: ['project', 'pool', 'day'] });
    assert.deepEqual(a, b);
  });
});
