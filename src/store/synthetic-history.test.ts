import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../test/support/databases.ts';
import { BENCH_SCHEMA } from '../bench/populate.ts';
import { createProject } from '../services/create-project.ts';
import { projectReport } from '../services/analytics/project-report.ts';
import { listReviewQueue } from './reviews.ts';
import { insertSyntheticHistory } from './synthetic-history.ts';
import { itemsInStage } from './stage-counts.ts';

describeEachEngine('a synthetic history (the analytics benchmark)', (ctx) => {
  it('is a finished project the report reads: three labels per item from three pools, reviews, gold and accepted items', async () => {
    const project = await ctx.store.transaction((tx) => createProject(tx, { name: 'history', itemKind: 'text', overlap: 3, schema: BENCH_SCHEMA, createdBy: null }));
    const end = new Date('2026-11-01T00:00:00Z');
    const history = await insertSyntheticHistory(ctx.store.db, { projectId: project.id, schemaVersion: project.schemaVersion, annotations: 600, end, days: 30 });
    assert.deepEqual([history.items, history.annotations], [200, 600]);
    assert.ok(history.reviews > 0 && history.goldResults > 0);
    // Stored as Atelier stores an answer, so that the API serves them (its schema wants both keys).
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM annotations WHERE project_id = ${project.id} AND NOT (result ? 'choices' AND result ? 'regions')`.execute(ctx.store.db);
    assert.equal(rows[0]!.n, 0, 'every answer has choices and regions');
    const states = await sql<{ n: number }>`SELECT count(*)::int AS n FROM item_states WHERE project_id = ${project.id} AND NOT (consensus ? 'choices' AND consensus ? 'regions')`.execute(ctx.store.db);
    assert.equal(states.rows[0]!.n, 0, 'every consensus has choices and regions');

    const report = await projectReport(ctx.store.db, { id: project.id, name: project.name }, { now: end });
    assert.equal(report.totals.labels, 600);
    assert.equal(report.totals.goldLabels, history.goldResults);
    assert.equal(report.totals.revision?.reviewed, history.reviews);
    assert.ok((report.totals.revision?.revised ?? 0) > 0, 'some reviews reject');
    assert.deepEqual(report.byPool.map((r) => r.key.poolKey).sort(), [`bench-crowd-${project.id}`, `bench-staff-${project.id}`, `bench-vendor-${project.id}`]);
    assert.ok(report.byPool.every((r) => r.cost.length === 1 && r.cost[0]!.total > 0), 'every pool is priced');
    assert.ok(report.byDay.length >= 20, `work spread over the days (${report.byDay.length})`);
  });

  it('can leave items waiting for review and for the experts (the queues benchmark), in the order they got there', async () => {
    const project = await ctx.store.transaction((tx) => createProject(tx, { name: 'queues', itemKind: 'text', overlap: 3, schema: BENCH_SCHEMA, createdBy: null }));
    await insertSyntheticHistory(ctx.store.db, { projectId: project.id, schemaVersion: project.schemaVersion, annotations: 600, end: new Date(), days: 30, reviewEvery: 10, adjudicationEvery: 20 });
    const review = await listReviewQueue(ctx.store.db, project.id, 100);
    assert.ok(review.length >= 15, `about one item in ten waits for review (${review.length})`);
    assert.ok(review.every((e) => e.itemId % 10 === 1 && e.annotations.length > 0));
    // Whatever the ids: an item left waiting for review has none of its work reviewed yet (decided
    // by annotation id, every answer of some items in review was, and the queues bench measured an empty queue).
    const reviewed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM reviews r JOIN item_states s ON s.project_id = r.project_id AND s.item_id = r.item_id
      WHERE r.project_id = ${project.id} AND s.stage = 'review'`.execute(ctx.store.db);
    assert.equal(reviewed.rows[0]!.n, 0);
    const experts = await itemsInStage(ctx.store.db, project.id, 'adjudication', 100);
    assert.ok(experts.length >= 5 && experts.every((s) => s.itemId % 20 === 2), `${experts.length}`);
    const entered = experts.map((s) => s.updatedAt.getTime());
    assert.deepEqual(entered, [...entered].sort((a, b) => a - b), 'oldest first');
  });
});
