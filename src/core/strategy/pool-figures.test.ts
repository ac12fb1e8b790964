import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotationFact, ReviewFact } from '../cost/work-facts.ts';
import { workMetrics } from '../metrics/work-metrics.ts';
import { parsePlan } from './plan.ts';
import { poolFiguresFromHistory } from './pool-figures.ts';

const entered = parsePlan({
  start: '2025-06-02',
  volume_per_week: [100],
  pools: [{ key: 'vendor', kind: 'vendor', annotators: 3, labels_per_hour: 50, accuracy: 0.8, cost: { type: 'per_label', amount: 0.1, currency: 'USD' } }],
}).pools[0];

function history(labels: number, gold: number, goldRight: number, reviewed: number): { annotations: AnnotationFact[]; reviews: ReviewFact[] } {
  const annotations: AnnotationFact[] = Array.from({ length: labels + gold }, (_, i) => ({
    id: i, projectId: 1, itemId: i, poolKey: 'vendor', annotatorId: 1, submittedAt: new Date(Date.UTC(2025, 0, 6, 0, i)),
    activeSeconds: 90, outcome: 'accepted', goldCorrect: i < labels ? null : i - labels < goldRight,
  }));
  const reviews: ReviewFact[] = Array.from({ length: reviewed }, (_, i) => ({
    id: `r${i}`, projectId: 1, annotationId: i, poolKey: 'in-house', reviewerId: 9, reviewedAt: new Date(Date.UTC(2025, 0, 7)), activeSeconds: 30, decision: 'accept',
  }));
  return { annotations, reviews };
}

describe('poolFiguresFromHistory', () => {
  it('takes measured speed, gold accuracy with its sample size, and review share when history suffices', () => {
    assert.ok(entered);
    const { annotations, reviews } = history(400, 50, 45, 40);
    const [row] = workMetrics({ annotations, reviews, pools: [] }, { by: ['pool'] });
    const { pool, sources } = poolFiguresFromHistory(entered, row);
    assert.deepEqual(sources, { labels_per_hour: 'measured', accuracy: 'measured', review_rate: 'measured' });
    assert.equal(pool.labels_per_hour, 40); // 90 s a label
    assert.equal(pool.accuracy, 0.9);
    assert.equal(pool.accuracy_samples, 50);
    assert.equal(pool.review_rate, 0.1);
    assert.equal(pool.annotators, 3, 'figures not measured stay as entered');
  });

  it('keeps entered figures where history is thin', () => {
    assert.ok(entered);
    const { annotations } = history(100, 10, 10, 0);
    const [row] = workMetrics({ annotations, pools: [] }, { by: ['pool'] });
    const { pool, sources } = poolFiguresFromHistory(entered, row);
    assert.deepEqual(sources, { labels_per_hour: 'entered', accuracy: 'entered', review_rate: 'entered' });
    assert.equal(pool.labels_per_hour, 50);
    assert.equal(pool.accuracy, 0.8);
  });
});
