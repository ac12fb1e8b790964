import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TrueCost } from '../../core/cost/true-cost.ts';
import type { AnnotationFact, ItemFlowFact, ReviewFact, TrainingFact } from '../../core/cost/work-facts.ts';
import { type WorkMetrics, workMetrics } from '../../core/metrics/work-metrics.ts';
import { velocityAndForecast } from '../../core/metrics/velocity.ts';
import type { Project } from '../../core/projects.ts';
import { analyticsPools, annotationFacts, itemFlowFacts, poolTerms, reviewFacts, trainingFacts } from '../../store/analytics-facts.ts';
import type { Db } from '../../store/database.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makeProject } from '../../../test/support/fixtures.ts';
import { addRandomWork } from '../../../test/fixtures/analytics/random-work.ts';
import { buildScenario, type Scenario, SCENARIO_EFFORT, SCENARIO_NOW } from '../../../test/fixtures/analytics/scenario.ts';
import type { Dimension, MetricsRow } from './grouped-metrics.ts';
import { projectMetrics } from './project-report.ts';
import { projectVelocity } from './velocity.ts';

interface Facts {
  annotations: AnnotationFact[];
  reviews: ReviewFact[];
  training: TrainingFact[];
  flows: ItemFlowFact[];
}

async function factsOf(db: Db, projects: readonly Project[]): Promise<Facts> {
  const all: Facts = { annotations: [], reviews: [], training: [], flows: [] };
  for (const p of projects) {
    const w = { projectId: p.id, from: null, to: new Date(SCENARIO_NOW.getTime() + 1), now: SCENARIO_NOW };
    all.annotations.push(...(await annotationFacts(db, w)));
    all.reviews.push(...(await reviewFacts(db, w, SCENARIO_EFFORT)));
    all.training.push(...(await trainingFacts(db, w, SCENARIO_EFFORT)));
    all.flows.push(...(await itemFlowFacts(db, w)));
  }
  return all;
}

const near = (a: number | null | undefined, b: number | null | undefined, what: string): void => {
  if (a === null || a === undefined || b === null || b === undefined) assert.equal(a ?? null, b ?? null, what);
  else assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);
};

function sameCost(mine: readonly TrueCost[], core: readonly TrueCost[], what: string): void {
  assert.deepEqual(mine.map((c) => c.currency), core.map((c) => c.currency), `${what} currencies`);
  mine.forEach((c, i) => {
    const o = core[i]!;
    assert.equal(c.acceptedLabels, o.acceptedLabels, `${what} accepted`);
    near(c.total, o.total, `${what} ${c.currency} total`);
    near(c.pending, o.pending, `${what} ${c.currency} pending`);
    near(c.perAcceptedLabel, o.perAcceptedLabel, `${what} ${c.currency} per label`);
    for (const [category, amount] of Object.entries(c.breakdown)) near(amount, o.breakdown[category as keyof typeof o.breakdown], `${what} ${category}`);
  });
}

/** The SQL-grouped rows of one set against the core's rows over every project's facts. */
function compare(mine: readonly MetricsRow[], core: readonly WorkMetrics[], projectId: number, set: readonly Dimension[]): void {
  const keyOf = (k: { poolKey?: string | null; annotatorId?: number | null; day?: string | null }) => JSON.stringify([k.poolKey, k.annotatorId, k.day]);
  const theirs = new Map(core.filter((r) => r.key.projectId === projectId).map((r) => [keyOf(r.key), r]));
  assert.deepEqual(mine.map((r) => keyOf(r.key)).sort(), [...theirs.keys()].sort(), `groups of ${set.join('×') || 'totals'}`);
  for (const row of mine) {
    const o = theirs.get(keyOf(row.key))!;
    const what = `${set.join('×') || 'totals'} ${keyOf(row.key)}`;
    for (const field of ['labels', 'goldLabels', 'items', 'activeDays', 'acceptedLabels'] as const) assert.equal(row[field], o[field], `${what} ${field}`);
    for (const field of ['activeHours', 'labelsPerHour', 'itemsPerDay'] as const) near(row[field], o[field], `${what} ${field}`);
    assert.equal(row.turnaroundHours?.count, o.turnaroundHours?.count, `${what} turnaround count`);
    near(row.turnaroundHours?.p50, o.turnaroundHours?.p50, `${what} p50`);
    near(row.turnaroundHours?.p90, o.turnaroundHours?.p90, `${what} p90`);
    assert.deepEqual(row.revision, o.revision, `${what} revision`);
    assert.deepEqual(row.goldAccuracy, o.goldAccuracy, `${what} gold`);
    assert.deepEqual(row.agreement, o.agreement, `${what} agreement`);
    assert.deepEqual(row.sla, o.sla, `${what} sla`);
    sameCost(row.cost, o.cost, what);
  }
}

const SETS: Dimension[][] = [[], ['pool'], ['annotator'], ['day'], ['pool', 'annotator'], ['pool', 'day'], ['pool', 'annotator', 'day']];

describeEachEngine('grouped SQL figures equal the core’s over the same facts', (ctx) => {
  let s: Scenario;
  let random: Project;
  let facts: Facts;
  before(async () => {
    s = await buildScenario(ctx.store);
    random = await makeProject(ctx.store);
    await addRandomWork(ctx.store, random, s, 7);
    facts = await factsOf(ctx.store.db, [s.p, s.q, random]);
  });

  for (const which of ['scenario', 'random'] as const) {
    it(`agrees on every grouping of the ${which} project`, async () => {
      const project = which === 'scenario' ? s.p : random;
      const pools = poolTerms(await analyticsPools(ctx.store.db));
      const { rows } = await projectMetrics(ctx.store.db, project.id, SETS, { now: SCENARIO_NOW, effort: SCENARIO_EFFORT });
      SETS.forEach((set, i) => {
        const core = workMetrics({ ...facts, pools }, { by: ['project', ...set] });
        compare(rows[i]!, core, project.id, set);
      });
    });
  }

  it('holds enough random work to mean something', () => {
    const mine = facts.annotations.filter((a) => a.projectId === random.id);
    const outcomes = new Set(mine.map((a) => a.outcome));
    assert.ok(mine.length > 60 && outcomes.has('accepted') && outcomes.has('rejected') && outcomes.has('pending'), `outcomes ${[...outcomes]}`);
    assert.ok(facts.reviews.some((r) => r.decision === 'correct') && mine.some((a) => a.goldCorrect === false));
  });

  it('gives the velocity the core gives over the acceptance times', async () => {
    // Every accepted item of the scenario has a human label, so the flows hold every acceptance.
    const known = new Set<number | string>([s.items.g1, s.items.g2]);
    const flows = facts.flows.filter((f) => f.projectId === s.p.id && !known.has(f.itemId));
    const mine = await projectVelocity(ctx.store.db, s.p.id, { now: SCENARIO_NOW });
    const core = velocityAndForecast(flows.map((f) => f.acceptedAt as Date), mine.remaining, SCENARIO_NOW);
    assert.deepEqual(mine.weeks.map(({ labels: _, ...w }) => w), core.weeks);
    assert.deepEqual(mine.forecast, core.forecast);
  });
});
