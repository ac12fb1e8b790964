import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { costLedger } from '../../core/cost/ledger.ts';
import type { AnnotationFact } from '../../core/cost/work-facts.ts';
import { monthKey } from '../../core/metrics/calendar.ts';
import type { CostModel, Pool } from '../../core/workforce.ts';
import { billedMonths, idleEntries, type Lot, monthsBetween, priceLots } from './price-lots.ts';

function pool(id: number, key: string, costModel: CostModel | null): Pool {
  return { id, key, name: key, kind: 'vendor', vendor: null, costModel, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} };
}
const pools = [
  pool(1, 'label', { type: 'per_label', amount: 0.4, currency: 'EUR' }),
  pool(2, 'hour', { type: 'per_hour', amount: 18, currency: 'USD' }),
  pool(3, 'fixed', { type: 'fixed_monthly', amount: 2500, currency: 'EUR' }),
  pool(4, 'none', null),
];
const byId = new Map(pools.map((p) => [p.id, p]));

describe('priceLots', () => {
  it('prices the sum of a group’s work as the ledger prices each piece', () => {
    const fact = fc.record({
      pool: fc.integer({ min: 1, max: 4 }),
      day: fc.integer({ min: 0, max: 59 }),
      seconds: fc.integer({ min: 0, max: 3600 }),
      outcome: fc.constantFrom('accepted', 'rejected', 'pending') as fc.Arbitrary<AnnotationFact['outcome']>,
    });
    fc.assert(
      fc.property(fc.array(fact, { minLength: 1, maxLength: 60 }), (rows) => {
        const facts: AnnotationFact[] = rows.map((r, i) => ({
          id: i, projectId: 1, itemId: 1000 + i, poolKey: byId.get(r.pool)!.key, annotatorId: 1, submittedAt: new Date(Date.UTC(2025, 0, 1 + r.day, 12)),
          activeSeconds: r.seconds, outcome: r.outcome, goldCorrect: null,
        }));
        const ledger = costLedger({ annotations: facts, pools: pools.map((p) => ({ key: p.key, costModel: p.costModel })) });
        // Lots: the facts summed per pool and month; the month's units per fixed pool.
        const lots = new Map<string, Lot>();
        const monthUnits = new Map<string, number>();
        rows.forEach((r, i) => {
          const month = monthKey(facts[i]!.submittedAt);
          const key = `${r.pool}|${month}`;
          const lot = lots.get(key) ?? { chargePoolId: r.pool, month, day: null, category: 'pending', units: 0, seconds: 0, servesPoolKey: byId.get(r.pool)!.key, servesAnnotatorId: 1 };
          lot.units++;
          lot.seconds += r.seconds;
          lots.set(key, lot);
          monthUnits.set(key, (monthUnits.get(key) ?? 0) + 1);
        });
        const priced = priceLots([...lots.values()], byId, monthUnits, 1, '(no pool)');
        for (const p of pools.filter((x) => x.costModel)) {
          const expected = ledger.entries.filter((e) => e.poolKey === p.key).reduce((s, e) => s + e.amount, 0);
          const actual = priced.entries.filter((e) => e.poolKey === p.key).reduce((s, e) => s + e.amount, 0);
          if (Math.abs(expected - actual) > 1e-9 * Math.max(1, expected)) return false;
        }
        const unpriced = ledger.unpriced.find((u) => u.poolKey === 'none');
        const mine = priced.unpriced.find((u) => u.poolKey === 'none');
        return (unpriced?.units ?? 0) === (mine?.units ?? 0) && (unpriced?.activeSeconds ?? 0) === (mine?.activeSeconds ?? 0);
      }),
    );
  });

  it('charges work outside any pool to nobody and says so', () => {
    const priced = priceLots([{ chargePoolId: null, month: '2025-01', day: null, category: 'labelling', units: 3, seconds: 90, servesPoolKey: '(no pool)', servesAnnotatorId: 5 }], byId, new Map(), 1, '(no pool)');
    assert.deepEqual(priced, { entries: [], unpriced: [{ poolKey: '(no pool)', units: 3, activeSeconds: 90 }] });
  });
});

describe('idle months of a fixed team', () => {
  const team = { pool: pools[2]!, createdAt: new Date('2025-01-15T00:00:00Z'), archivedAt: null, projectIds: [7] };
  it('bills a team working for this project alone from its creation to the window’s end, idle where it made nothing', () => {
    const billed = billedMonths([team, { ...team, pool: pools[0]! }], 7, { from: null, to: new Date('2025-04-10T00:00:00Z') });
    assert.deepEqual([...billed.entries()], [[3, ['2025-01', '2025-02', '2025-03', '2025-04']]]);
    const idle = idleEntries(byId, billed, new Map([['3|2025-01', 4], ['3|2025-03', 1]]));
    assert.deepEqual(idle.map((e) => [e.day, e.amount, e.category]), [['2025-02-01', 2500, 'idle'], ['2025-04-01', 2500, 'idle']]);
  });

  it('bills a shared team’s months to no single project', () => {
    assert.equal(billedMonths([{ ...team, projectIds: [7, 8] }], 7, { from: null, to: new Date('2025-04-10T00:00:00Z') }).size, 0);
    assert.deepEqual(monthsBetween(new Date('2024-12-31T23:00:00Z'), new Date('2025-01-01T00:00:00Z')), ['2024-12', '2025-01']);
  });
});
