import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { costLedger, type CostEntry } from './ledger.ts';
import { acceptedLabelCount, trueCost } from './true-cost.ts';
import type { AnnotationFact, PoolTerms, ReviewFact, TrainingFact } from './work-facts.ts';

const pools: PoolTerms[] = [
  { key: 'vendor', costModel: { type: 'per_label', amount: 0.5, currency: 'USD' } },
  { key: 'in-house', costModel: { type: 'per_hour', amount: 30, currency: 'EUR' } },
  { key: 'team', costModel: { type: 'fixed_monthly', amount: 3000, currency: 'EUR' } },
  { key: 'crowd', costModel: null },
];
const at = (day: string, hour = 9): Date => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

function ann(id: string, item: number, pool: string, annotator: number, when: Date, seconds: number, outcome: AnnotationFact['outcome'], gold: boolean | null = null): AnnotationFact {
  return { id, projectId: 1, itemId: item, poolKey: pool, annotatorId: annotator, submittedAt: when, activeSeconds: seconds, outcome, goldCorrect: gold };
}

const annotations: AnnotationFact[] = [
  ann('a1', 1, 'vendor', 10, at('2025-01-06', 9), 60, 'accepted'),
  ann('a2', 1, 'vendor', 11, at('2025-01-06', 10), 60, 'accepted'),
  ann('a3', 2, 'vendor', 10, at('2025-01-06', 11), 60, 'rejected'),
  ann('a4', 2, 'vendor', 11, at('2025-01-07', 9), 60, 'accepted'),
  ann('a5', 3, 'vendor', 10, at('2025-01-07', 10), 60, 'accepted', true),
  ann('a6', 4, 'in-house', 20, at('2025-01-07', 11), 1800, 'accepted'),
  ann('a7', 5, 'in-house', 20, at('2025-01-08', 9), 600, 'pending'),
  ann('a8', 6, 'team', 30, at('2025-01-10', 9), 100, 'accepted'),
  ann('a9', 7, 'team', 30, at('2025-01-20', 9), 100, 'accepted'),
  ann('a10', 8, 'team', 31, at('2025-01-31', 23), 100, 'accepted'),
  ann('a11', 9, 'crowd', 40, at('2025-01-08', 9), 30, 'pending'),
];
const reviews: ReviewFact[] = [
  { id: 'r1', projectId: 1, annotationId: 'a3', poolKey: 'in-house', reviewerId: 21, reviewedAt: at('2025-01-06', 15), activeSeconds: 360, decision: 'reject' },
  { id: 'r2', projectId: 1, annotationId: 'a4', poolKey: 'in-house', reviewerId: 21, reviewedAt: at('2025-01-07', 15), activeSeconds: 360, decision: 'accept' },
];
const training: TrainingFact[] = [
  { projectId: 1, poolKey: 'vendor', annotatorId: 10, at: at('2025-01-03'), kind: 'qualification', activeSeconds: 1200, tasks: 10 },
  { projectId: 1, poolKey: 'in-house', annotatorId: 20, at: at('2025-01-03'), kind: 'training', activeSeconds: 3600, tasks: 0 },
  { projectId: 1, poolKey: 'team', annotatorId: 30, at: at('2025-01-03'), kind: 'qualification', activeSeconds: 600, tasks: 1 },
];

const sum = (entries: CostEntry[], pick: (e: CostEntry) => boolean): number => entries.filter(pick).reduce((s, e) => s + e.amount, 0);
const close = (actual: number | null, expected: number): void => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('costLedger', () => {
  const ledger = costLedger({ annotations, reviews, training, pools, billedMonths: { team: ['2025-01', '2025-02'] } });

  it('prices per label, per hour and a fixed month spread over that month’s units', () => {
    close(sum(ledger.entries, (e) => e.sourceId === 'a1'), 0.5);
    close(sum(ledger.entries, (e) => e.sourceId === 'a6'), 15); // 30 €/h × 0.5 h
    // January: 3 annotations + 1 qualification task = 4 units of 3000 €.
    close(sum(ledger.entries, (e) => e.sourceId === 'a10'), 750);
    close(sum(ledger.entries, (e) => e.poolKey === 'team' && e.day.startsWith('2025-01')), 3000);
  });

  it('books a billed month without output as idle', () => {
    const idle = ledger.entries.filter((e) => e.category === 'idle');
    assert.equal(idle.length, 1);
    assert.equal(idle[0]?.day, '2025-02-01');
    close(idle[0]?.amount ?? null, 3000);
  });

  it('classifies overlap, rework, gold and pending, and charges reviews to the labels they serve', () => {
    const category = (id: string) => ledger.entries.find((e) => e.sourceId === id)?.category;
    assert.deepEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a7'].map(category), ['labelling', 'overlap', 'rework', 'labelling', 'gold', 'pending']);
    const review = ledger.entries.find((e) => e.sourceId === 'r1');
    assert.equal(review?.poolKey, 'in-house');
    assert.equal(review?.servesPoolKey, 'vendor');
    assert.equal(review?.servesAnnotatorId, 10);
    close(review?.amount ?? null, 3);
  });

  it('counts work of pools without a cost model apart', () => {
    assert.deepEqual(ledger.unpriced, [{ poolKey: 'crowd', units: 1, activeSeconds: 30 }]);
  });

  it('computes the true cost per accepted label per currency, by hand', () => {
    const accepted = acceptedLabelCount(annotations);
    assert.equal(accepted, 6); // items 1, 2, 4, 6, 7, 8
    const [eur, usd] = trueCost(ledger.entries, accepted);
    // USD: labelling 1.0, overlap 0.5, rework 0.5, gold 0.5, training 10 tasks × 0.5 = 5.
    assert.equal(usd?.currency, 'USD');
    close(usd?.total ?? null, 7.5);
    close(usd?.perAcceptedLabel ?? null, 1.25);
    close(usd?.breakdown.rework ?? null, 0.5);
    // EUR: labelling 15 + 3×750, review 6, training 30 + 750, idle 3000; pending 5 left out.
    assert.equal(eur?.currency, 'EUR');
    close(eur?.breakdown.labelling ?? null, 2265);
    close(eur?.breakdown.training ?? null, 780);
    close(eur?.pending ?? null, 5);
    close(eur?.total ?? null, 6051);
    close(eur?.perAcceptedLabel ?? null, 1008.5);
    close(eur?.perLabel?.idle ?? null, 500);
  });

  it('converts to one currency only when rates are given', () => {
    const [one, ...rest] = trueCost(ledger.entries, 6, { base: 'EUR', rates: { USD: 0.9 } });
    assert.equal(rest.length, 0);
    close(one?.total ?? null, 6051 + 7.5 * 0.9);
    assert.throws(() => trueCost(ledger.entries, 6, { base: 'GBP', rates: { USD: 0.8 } }), (e) => isDomainError(e) && /rates\.(EUR|USD)/.test(e.message));
  });

  it('gives the true cost of one pool’s labels, its reviews included', () => {
    const vendor = ledger.entries.filter((e) => e.servesPoolKey === 'vendor');
    const vendorAccepted = acceptedLabelCount(annotations.filter((a) => a.poolKey === 'vendor'));
    assert.equal(vendorAccepted, 2);
    const [eur, usd] = trueCost(vendor, vendorAccepted);
    close(usd?.perAcceptedLabel ?? null, 3.75);
    close(eur?.perAcceptedLabel ?? null, 3); // 2 reviews × 3 €
  });

  it('rejects a billed month that is not a month', () => {
    assert.throws(() => costLedger({ annotations, pools, billedMonths: { team: ['2025-13'] } }), (e) => isDomainError(e) && e.message.startsWith('billedMonths.team'));
  });

  it('spreads a fixed month exactly over any output', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 100_000 }), (days, amount) => {
        const facts = days.map((d, i) => ann(`f${i}`, i, 'team', 1, at(`2025-03-${String(d).padStart(2, '0')}`), 10, 'accepted'));
        const { entries } = costLedger({ annotations: facts, pools: [{ key: 'team', costModel: { type: 'fixed_monthly', amount, currency: 'EUR' } }] });
        return Math.abs(sum(entries, () => true) - amount) < 1e-6 * amount;
      }),
    );
  });
});
