import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { parsePlan } from '../../core/strategy/plan.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { buildScenario, type Scenario, SCENARIO_NOW } from '../../../test/fixtures/analytics/scenario.ts';
import { poolFiguresForSimulation } from './pool-figures.ts';

const entered = (key: string) => ({
  key, kind: 'vendor' as const, annotators: 2, labels_per_hour: 30, accuracy: 0.9, review_rate: 0.2,
  cost: { type: 'per_label' as const, amount: 9, currency: 'USD' },
});

describeEachEngine('pool figures for the simulator from a project’s history', (ctx) => {
  let s: Scenario;
  before(async () => {
    s = await buildScenario(ctx.store);
  });

  it('takes measured figures where history suffices and the pool’s cost model, keeps the rest as entered', async () => {
    const plan = parsePlan({ start: '2025-04-07', volume_per_week: [100], pools: [entered('acme'), entered('crowd'), entered('elsewhere')] });
    const { plan: measured, pools } = await poolFiguresForSimulation(ctx.store.db, s.p.id, plan, { now: SCENARIO_NOW, min: { labels: 5, goldChecks: 2 } });
    const [acme, crowd, elsewhere] = measured.pools;
    // acme: 7 labels in 450 s; gold 1 of 2; 3 of its 5 non-gold labels reviewed.
    assert.equal(acme?.labels_per_hour, 56);
    assert.equal(acme?.accuracy, 0.5);
    assert.equal(acme?.accuracy_samples, 2);
    assert.equal(acme?.review_rate, 0.6);
    assert.deepEqual(acme?.cost, { type: 'per_label', amount: 0.5, currency: 'EUR' });
    assert.deepEqual(pools[0]?.sources, { labels_per_hour: 'measured', accuracy: 'measured', review_rate: 'measured', cost: 'pool' });
    // crowd: two labels only; its cost model still comes from the pool.
    assert.equal(crowd?.labels_per_hour, 30);
    assert.deepEqual(crowd?.cost, { type: 'per_hour', amount: 12, currency: 'USD' });
    assert.deepEqual(pools[1]?.sources, { labels_per_hour: 'entered', accuracy: 'entered', review_rate: 'entered', cost: 'pool' });
    assert.equal(pools[1]?.history?.labels, 2);
    assert.deepEqual(elsewhere, plan.pools[2]);
    assert.equal(pools[2]?.history, null);
  });

  it('keeps everything as entered below the core’s minimum history', async () => {
    const plan = parsePlan({ start: '2025-04-07', volume_per_week: [100], pools: [entered('acme')] });
    const { pools } = await poolFiguresForSimulation(ctx.store.db, s.p.id, plan, { now: SCENARIO_NOW });
    assert.deepEqual(pools[0]?.sources, { labels_per_hour: 'entered', accuracy: 'entered', review_rate: 'entered', cost: 'pool' });
  });
});
