import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makeProject } from '../../../test/support/fixtures.ts';
import { buildScenario, type Scenario, SCENARIO_EFFORT, SCENARIO_NOW } from '../../../test/fixtures/analytics/scenario.ts';
import type { MetricsRow } from './grouped-metrics.ts';
import { type ProjectReport, projectReport } from './project-report.ts';

const cents = (actual: number | null | undefined, expected: number, what = ''): void =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 0.005, `${what} ${actual} ≠ ${expected}`);
const close = (actual: number | null | undefined, expected: number, what = ''): void =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what} ${actual} ≠ ${expected}`);
const costIn = (row: MetricsRow | undefined, currency: string) => row?.cost.find((c) => c.currency === currency);

// Every expected figure is worked out by hand in test/fixtures/analytics/analytics-scenario.md.
describeEachEngine('project report on a hand-computed scenario', (ctx) => {
  let s: Scenario;
  let report: ProjectReport;
  const pool = (key: string) => report.byPool.find((r) => r.key.poolKey === key);
  before(async () => {
    s = await buildScenario(ctx.store);
    report = await projectReport(ctx.store.db, s.p, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT });
  });

  it('prices the project to the cent: per label, per hour, a fixed month spread over two projects, rework, review, gold and training', () => {
    const eur = costIn(report.totals, 'EUR');
    const usd = costIn(report.totals, 'USD');
    assert.equal(report.totals.acceptedLabels, 5);
    cents(eur?.breakdown.labelling, 302, 'labelling');
    cents(eur?.breakdown.rework, 0.5, 'rework');
    cents(eur?.breakdown.gold, 1, 'gold');
    cents(eur?.breakdown.training, 2.5, 'training');
    cents(eur?.breakdown.review, 1200, 'review');
    cents(eur?.pending, 300, 'pending');
    cents(eur?.total, 1506, 'EUR total');
    cents(eur?.perAcceptedLabel, 301.2, 'EUR per accepted label');
    cents(usd?.breakdown.rework, 2, 'USD rework');
    cents(usd?.breakdown.overlap, 1, 'USD overlap');
    cents(usd?.breakdown.training, 2, 'USD training');
    cents(usd?.perAcceptedLabel, 1, 'USD per accepted label');
    assert.deepEqual(report.totals.unpriced, []);
  });

  it('gives each pool the true cost of its labels, reviews of them included', () => {
    const acme = costIn(pool('acme'), 'EUR');
    assert.equal(pool('acme')?.acceptedLabels, 4);
    cents(acme?.total, 906);
    cents(acme?.perAcceptedLabel, 226.5);
    assert.equal(pool('crowd')?.acceptedLabels, 0);
    assert.equal(costIn(pool('crowd'), 'USD')?.perAcceptedLabel, null);
    cents(costIn(pool('crowd'), 'EUR')?.total, 300, 'review of the crowd’s label');
    cents(costIn(pool('studio'), 'EUR')?.perAcceptedLabel, 300);
    cents(costIn(pool('studio'), 'EUR')?.pending, 300);
  });

  it('measures throughput, revision, gold accuracy and agreement per pool', () => {
    const acme = pool('acme');
    assert.equal(acme?.labels, 7);
    assert.equal(acme?.goldLabels, 2);
    assert.equal(acme?.items, 4);
    close(acme?.activeHours, 0.125);
    close(acme?.labelsPerHour, 56);
    close(acme?.itemsPerDay, 4 / 3);
    assert.deepEqual(acme?.revision, { reviewed: 3, revised: 1, rate: 1 / 3 });
    assert.equal(acme?.goldAccuracy?.rate, 0.5);
    assert.equal(acme?.agreement?.rate, 1);
    assert.equal(pool('crowd')?.agreement?.rate, 0);
    close(pool('crowd')?.labelsPerHour, 8);
    assert.deepEqual(pool('crowd')?.revision, { reviewed: 1, revised: 1, rate: 1 });
    close(pool('studio')?.labelsPerHour, 24);
    assert.deepEqual(acme?.itemAgreement, { labels: 1, mean: 0.5 });
  });

  it('takes turnaround p50 and p90 and checks the SLA per pool', () => {
    const acme = pool('acme');
    assert.equal(acme?.turnaroundHours?.count, 4);
    close(acme?.turnaroundHours?.p50, 28);
    close(acme?.turnaroundHours?.p90, 59.4);
    assert.equal(acme?.sla?.turnaround?.within, 3);
    assert.equal(acme?.sla?.turnaround?.met, false);
    assert.equal(acme?.sla?.goldAccuracy?.met, false);
    assert.equal(acme?.sla?.met, false);
    assert.deepEqual(pool('studio')?.turnaroundHours, { count: 1, p50: 55, p90: 55 });
    assert.equal(pool('studio')?.sla?.met, true);
    assert.equal(pool('crowd')?.sla, null);
  });

  it('splits by annotator and by day', () => {
    const v1 = report.byAnnotator.find((r) => r.key.annotatorId === s.users.v1.id);
    assert.equal(v1?.key.poolKey, 'acme');
    assert.equal(v1?.labels, 4);
    cents(costIn(v1, 'EUR')?.perAcceptedLabel, 451);
    const v2 = report.byAnnotator.find((r) => r.key.annotatorId === s.users.v2.id);
    cents(costIn(v2, 'EUR')?.perAcceptedLabel, 2);
    assert.ok(report.annotators.some((a) => a.id === s.users.v1.id && a.name === s.users.v1.name));
    const day3 = report.byDay.find((r) => r.key.day === '2025-03-03');
    assert.equal(day3?.labels, 3);
    // Reviews and training go to the days of the labels' pool; turnaround to the day of acceptance.
    const days = (key: string) => report.byPoolDay.filter((r) => r.key.poolKey === key).map((r) => r.key.day);
    assert.deepEqual(days('acme'), ['2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06']);
    assert.deepEqual(days('studio'), ['2025-03-05']);
  });

  it('follows velocity per week and forecasts completion from it', () => {
    const { weeks, remaining, forecast } = report.velocity;
    assert.deepEqual(weeks.map((w) => [w.weekStart, w.count, w.complete]), [
      ['2025-03-03', 5, true], ['2025-03-10', 0, true], ['2025-03-17', 0, true], ['2025-03-24', 0, true], ['2025-03-31', 0, false],
    ]);
    assert.equal(weeks[0]?.labels, 11);
    assert.equal(remaining, 2);
    close(forecast.expectedWeeks, 1.6);
  });

  it('keeps a pool manager’s view to that pool, costs charged elsewhere left out', async () => {
    const scoped = await projectReport(ctx.store.db, s.p, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT, scope: [s.pools.acme] });
    assert.deepEqual(scoped.byPool.map((r) => r.key.poolKey), ['acme']);
    assert.deepEqual(scoped.scope, ['acme']);
    assert.equal(scoped.totals.labels, 7);
    assert.deepEqual(scoped.totals.cost.map((c) => c.currency), ['EUR']);
    cents(costIn(scoped.totals, 'EUR')?.total, 6);
    assert.equal(scoped.velocity.remaining, 1, 'the one acme task still queued');
    assert.equal(scoped.velocity.weeks[0]?.count, 4);
  });

  it('limits the figures to the window and converts currencies when given rates', async () => {
    const early = await projectReport(ctx.store.db, s.p, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT, from: new Date('2025-03-03T00:00:00Z'), to: new Date('2025-03-04T00:00:00Z') });
    assert.equal(early.totals.labels, 3);
    assert.equal(early.totals.acceptedLabels, 1, 'only i1: a2 was rejected, g1 is gold');
    const one = await projectReport(ctx.store.db, s.p, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT, exchange: { base: 'EUR', rates: { USD: 0.9 } } });
    assert.equal(one.totals.cost.length, 1);
    cents(one.totals.cost[0]?.total, 1506 + 5 * 0.9);
  });

  it('measures turnaround of imported history from its first annotation, never below zero', async () => {
    const project = await makeProject(ctx.store);
    const db = ctx.store.db;
    const item = (await db.insertInto('items').values({ project_id: project.id, kind: 'text', text: 'old', metadata: '{}', created_at: new Date('2025-03-20T00:00:00Z') }).returning('id').executeTakeFirstOrThrow()).id;
    // The task is made when the history is imported, after the work it records.
    const task = (await db.insertInto('tasks').values({ project_id: project.id, item_id: item, status: 'done', assignee_id: s.users.h1.id, created_at: new Date('2025-03-20T00:00:00Z'), completed_at: new Date('2025-03-01T10:00:00Z') }).returning('id').executeTakeFirstOrThrow()).id;
    const annotation = (await db.insertInto('annotations').values({ project_id: project.id, item_id: item, task_id: task, annotator_id: s.users.h1.id, schema_version: 1, result: '{"choices":{},"regions":[]}', time_spent_ms: 1000, created_at: new Date('2025-03-01T10:00:00Z') }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('reviews').values({ project_id: project.id, item_id: item, annotation_id: annotation, annotator_id: s.users.h1.id, reviewer_id: s.users.r.id, decision: 'accept', created_at: new Date('2025-03-02T10:00:00Z') }).execute();
    const r = await projectReport(db, project, { now: SCENARIO_NOW });
    assert.deepEqual(r.totals.turnaroundHours, { count: 1, p50: 24, p90: 24 });
    // Unrouted work is counted, not priced; the review is the reviewer's pool's (studio) work.
    assert.deepEqual(r.totals.unpriced, [{ poolKey: '(no pool)', units: 1, activeSeconds: 1 }]);
    assert.equal(r.totals.cost[0]?.breakdown.review !== undefined && r.totals.cost[0].breakdown.review > 0, true);
  });

  it('keeps its planner settings (more memory, no JIT, a plan per run) to its own transactions', async () => {
    const settings = async () =>
      (await sql<{ v: string }>`SELECT concat_ws(' ', current_setting('work_mem'), current_setting('jit'), current_setting('plan_cache_mode')) AS v`.execute(ctx.store.db)).rows[0]?.v;
    const before = await settings();
    await projectReport(ctx.store.db, s.p, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT });
    assert.equal(await settings(), before);
    assert.ok(!before?.startsWith('64MB') && !before?.endsWith('force_custom_plan'), `the defaults are not the report’s own: ${before}`);
  });
});
