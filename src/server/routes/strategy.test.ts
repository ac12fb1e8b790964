import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { adviseFromInput } from '../../core/strategy/advisor.ts';
import { simulateFromInput } from '../../core/strategy/simulator.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { buildScenario, type Scenario } from '../../../test/fixtures/analytics/scenario.ts';

const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../examples/strategy/${name}`, import.meta.url), 'utf8'));
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describeEachEngine('strategy routes', (ctx) => {
  let t: TestApp;
  let s: Scenario;
  let manager: { cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    s = await buildScenario(ctx.store);
    manager = await t.signedIn('manager');
  });
  after(async () => t.close());

  const post = (url: string, payload: unknown, who: { cookie: string } = manager) => t.request({ method: 'POST', url, payload: payload as object, cookie: who.cookie });

  it('advises on a profile exactly as the command line does', async () => {
    const profile = example('profile.json');
    const r = await post('/api/v1/strategy/advise', profile);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), roundTrip(adviseFromInput(profile)));
    assert.equal((await post('/api/v1/strategy/advise', {})).json().assumptions.length > 0, true, 'an empty profile is answered from stated defaults');
  });

  it('refuses a bad profile or plan naming the field, and anyone but managers', async () => {
    const bad = await post('/api/v1/strategy/advise', { stage: 'someday' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /stage/);
    const unknown = await post('/api/v1/strategy/advise', { budjet: 'fixed' });
    assert.equal(unknown.statusCode, 400);
    assert.match(JSON.stringify(unknown.json().error), /budjet/);
    const plan = example('plan.json');
    const pools = plan.pools as { key: string }[];
    const twice = await post('/api/v1/strategy/simulate?runs=10', { ...plan, pools: [...pools, pools[0]] });
    assert.equal(twice.statusCode, 422);
    assert.match(twice.json().error.message, /pools\[3\]\.key: duplicate pool key/);
    assert.equal((await post('/api/v1/strategy/simulate?runs=100000', plan)).statusCode, 400);
    const annotator = await t.signedIn('annotator');
    assert.equal((await post('/api/v1/strategy/advise', {}, annotator)).statusCode, 403);
    assert.equal((await post('/api/v1/strategy/simulate?runs=10', plan, annotator)).statusCode, 403);
  });

  it('simulates a plan as the command line does, the same seed giving the same answer', async () => {
    const plan = example('plan.json');
    const r = await post('/api/v1/strategy/simulate?runs=40&seed=3', plan);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), roundTrip(simulateFromInput(plan, { runs: 40, seed: 3 })));
  });

  it('fills pool figures from a project’s history with ?project, saying where each came from', async () => {
    const plan = {
      start: '2025-04-07',
      volume_per_week: [50, 50],
      pools: [
        { key: 'acme', kind: 'vendor', annotators: 3, labels_per_hour: 40, accuracy: 0.9, cost: { type: 'per_label', amount: 1, currency: 'USD' } },
        { key: 'newcomer', kind: 'crowd', annotators: 10, labels_per_hour: 20, accuracy: 0.8, cost: { type: 'per_hour', amount: 8, currency: 'USD' } },
      ],
    };
    const r = await post(`/api/v1/strategy/simulate?runs=20&project=${s.p.id}`, plan);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as { figures: { key: string; sources: Record<string, string>; history: { labels: number } | null }[]; mixes: { cost: Record<string, unknown> }[] };
    assert.deepEqual(body.figures.map((f) => [f.key, f.sources.cost, f.sources.labels_per_hour, f.history?.labels ?? null]), [['acme', 'pool', 'entered', 7], ['newcomer', 'entered', 'entered', null]]);
    assert.ok(body.mixes.some((m) => 'EUR' in m.cost), 'acme is priced in its pool’s currency');
    assert.equal((await post('/api/v1/strategy/simulate?runs=20&project=999999', plan)).statusCode, 404);
  });
});
