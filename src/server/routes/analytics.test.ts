import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { buildScenario, type Scenario } from '../../../test/fixtures/analytics/scenario.ts';

interface Row {
  key: { poolKey?: string; day?: string | null };
  labels: number;
  cost: { currency: string; total: number; perAcceptedLabel: number | null }[];
}

describeEachEngine('analytics routes', (ctx) => {
  let t: TestApp;
  let s: Scenario;
  let manager: { cookie: string };
  let vendorManager: { cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    s = await buildScenario(ctx.store);
    manager = await t.signedIn('manager');
    // A vendor's team lead: an annotator account that manages the acme pool.
    const lead = await t.signedIn('annotator');
    await ctx.store.db.insertInto('pool_members').values({ pool_id: s.pools.acme, user_id: lead.user.id, role: 'manager' }).execute();
    vendorManager = lead;
  });
  after(async () => t.close());

  const get = (url: string, who: { cookie: string }) => t.request({ method: 'GET', url, cookie: who.cookie });
  const eur = (row: Row) => row.cost.find((c) => c.currency === 'EUR');

  it('gives managers every pool’s figures and the true cost per accepted label', async () => {
    const r = await get(`/api/v1/projects/${s.p.id}/analytics?to=2025-04-01`, manager);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as { groupBy: string[]; rows: Row[]; totals: Row; scope: null; pools: { key: string }[]; assumptions: unknown[] };
    assert.deepEqual(body.groupBy, ['pool']);
    assert.deepEqual(body.rows.map((row) => row.key.poolKey), ['acme', 'crowd', 'studio']);
    assert.equal(body.scope, null);
    assert.ok(Math.abs((eur(body.totals)?.perAcceptedLabel ?? 0) - 301.2) < 0.005);
    assert.deepEqual(body.pools.map((p) => p.key), ['acme', 'studio', 'crowd']);
    assert.ok(body.assumptions.length > 0);
    const byDay = (await get(`/api/v1/projects/${s.p.id}/analytics?groupBy=pool,day&from=2025-03-05&to=2025-03-06`, manager)).json() as { rows: Row[] };
    assert.deepEqual(byDay.rows.map((row) => `${row.key.poolKey} ${row.key.day}`), ['acme 2025-03-05', 'crowd 2025-03-05', 'studio 2025-03-05']);
    const totals = (await get(`/api/v1/projects/${s.p.id}/analytics?groupBy=none&currency=EUR&rates=USD=0.9`, manager)).json() as { rows: Row[]; totals: Row };
    assert.equal(totals.rows.length, 1);
    assert.deepEqual(totals.totals.cost.map((c) => c.currency), ['EUR']);
  });

  it('answers several groupings in one request with the figures each gives apart', async () => {
    type Body = { groupBy: string[]; rows: Row[]; totals: Row; groupings: { groupBy: string[]; rows: Row[] }[]; annotators: { id: number }[] };
    const apart = async (groupBy: string) => (await get(`/api/v1/projects/${s.p.id}/analytics?to=2025-04-01&groupBy=${groupBy}`, manager)).json() as Body;
    const r = await get(`/api/v1/projects/${s.p.id}/analytics?to=2025-04-01&groupBy=pool,day&groupBy=none&groupBy=annotator,pool`, manager);
    assert.equal(r.statusCode, 200, r.body);
    const together = r.json() as Body;
    assert.deepEqual(together.groupings.map((g) => g.groupBy), [['pool', 'day'], [], ['pool', 'annotator']]);
    const [byDay, none, byAnnotator] = [await apart('pool,day'), await apart('none'), await apart('pool,annotator')];
    assert.ok(byDay.rows.length > 3 && byAnnotator.rows.length > 3, 'groupings with several rows');
    assert.deepEqual(together.groupings.map((g) => g.rows), [byDay.rows, none.rows, byAnnotator.rows]);
    assert.deepEqual(together.totals, none.totals);
    assert.deepEqual([together.groupBy, together.rows], [['pool', 'day'], byDay.rows], 'the first grouping, for clients of one');
    assert.deepEqual(together.annotators, byAnnotator.annotators, 'names of the annotators of every grouping');
    const tooMany = await get(`/api/v1/projects/${s.p.id}/analytics?${Array.from({ length: 6 }, () => 'groupBy=pool').join('&')}`, manager);
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    const bad = await get(`/api/v1/projects/${s.p.id}/analytics?groupBy=pool&groupBy=team`, manager);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().error.message, /^groupBy/);
  });

  it('shows a vendor manager their own pool only, costs charged to other pools left out', async () => {
    const body = (await get(`/api/v1/projects/${s.p.id}/analytics?groupBy=pool,annotator`, vendorManager)).json() as { rows: Row[]; totals: Row; scope: string[] };
    assert.deepEqual(body.scope, ['acme']);
    assert.deepEqual([...new Set(body.rows.map((row) => row.key.poolKey))], ['acme']);
    assert.equal(body.rows.length, 2, 'its two annotators');
    assert.equal(body.totals.labels, 7);
    assert.deepEqual(body.totals.cost.map((c) => [c.currency, Math.round(c.total * 100) / 100]), [['EUR', 6]]);
    const velocity = (await get(`/api/v1/projects/${s.p.id}/velocity`, vendorManager)).json() as { remaining: number; weeks: { count: number }[] };
    assert.equal(velocity.remaining, 1);
    assert.equal(velocity.weeks[0]?.count, 4);
  });

  it('refuses annotators and reviewers, and hides the project from a manager of a pool not on it', async () => {
    const annotator = await t.signedIn('annotator');
    await ctx.store.db.insertInto('pool_members').values({ pool_id: s.pools.acme, user_id: annotator.user.id, role: 'annotator' }).execute();
    for (const who of [annotator, await t.signedIn('reviewer')]) {
      const r = await get(`/api/v1/projects/${s.p.id}/analytics`, who);
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(r.json().error.code, 'forbidden');
      assert.equal((await get(`/api/v1/projects/${s.p.id}/velocity`, who)).statusCode, 403);
      assert.equal((await get(`/api/v1/projects/${s.p.id}/report`, who)).statusCode, 403);
    }
    const other = (await ctx.store.db.insertInto('pools').values({ key: 'elsewhere', name: 'elsewhere', kind: 'vendor' }).returning('id').executeTakeFirstOrThrow()).id;
    const stranger = await t.signedIn('annotator');
    await ctx.store.db.insertInto('pool_members').values({ pool_id: other, user_id: stranger.user.id, role: 'manager' }).execute();
    assert.equal((await get(`/api/v1/projects/${s.p.id}/analytics`, stranger)).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/projects/${s.p.id}/analytics` })).statusCode, 401);
  });

  it('answers bad parameters with 400 naming them', async () => {
    for (const [query, field] of [['groupBy=pool,team', 'groupBy'], ['from=yesterday', 'from'], ['currency=EUR&rates=USD', 'rates'], ['rates=USD=1', 'rates']]) {
      const r = await get(`/api/v1/projects/${s.p.id}/analytics?${query}`, manager);
      assert.equal(r.statusCode, 400, `${query}: ${r.body}`);
      assert.match(r.json().error.message, new RegExp(`^${field}`));
    }
    assert.equal((await get(`/api/v1/projects/${s.p.id}/velocity?confidence=2`, manager)).statusCode, 400);
    assert.equal((await get(`/api/v1/projects/${s.p.id}/analytics?from=2025-04-01&to=2025-03-01`, manager)).statusCode, 422);
  });

  it('serves the velocity with its forecast, and the report as JSON, Markdown and HTML', async () => {
    const velocity = (await get(`/api/v1/projects/${s.p.id}/velocity?from=2025-03-03`, manager)).json() as { weeks: { weekStart: string; count: number }[]; remaining: number; forecast: { remaining: number } };
    assert.deepEqual(velocity.weeks[0], { weekStart: '2025-03-03', count: 5, labels: 11, complete: true });
    assert.equal(velocity.remaining, 2);
    assert.equal(velocity.forecast.remaining, 2);
    const json = await get(`/api/v1/projects/${s.p.id}/report?to=2025-04-01`, manager);
    assert.match(String(json.headers['content-type']), /application\/json/);
    assert.deepEqual((json.json() as { byPool: Row[] }).byPool.map((r) => r.key.poolKey), ['acme', 'crowd', 'studio']);
    const md = await get(`/api/v1/projects/${s.p.id}/report?format=md`, manager);
    assert.match(String(md.headers['content-type']), /text\/markdown/);
    assert.match(md.body, /^# Cost, speed and quality/);
    const html = await get(`/api/v1/projects/${s.p.id}/report?format=html`, vendorManager);
    assert.match(String(html.headers['content-type']), /text\/html/);
    assert.match(html.body, /^<!doctype html>[\s\S]*<svg /);
    assert.doesNotMatch(html.body, /studio|crowd/, 'a vendor manager’s report names no other pool');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/projects/{id}/analytics', '/api/v1/projects/{id}/velocity', '/api/v1/projects/{id}/report', '/api/v1/strategy/advise', '/api/v1/strategy/simulate']) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
  });
});
