import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { planExport, writeExport } from '../services/export-project.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { readFile } from 'node:fs/promises';
import { seedDemo } from './seed-demo.ts';
import { drainWorkflow } from '../services/workflow/advance-workflow.ts';
import { createWorkCache } from '../services/work-cache.ts';
import { projectVelocity } from '../services/analytics/velocity.ts';
import { goldByWeek } from '../store/gold-results.ts';

describeEachEngine('the demo\'s finished work', (ctx) => {
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
    await seedDemo(ctx.store, scratch.files, { password: 'demo1234', images: 60, texts: 60 });
  });
  after(() => scratch.remove());

  it('holds reviewed annotations of every kind, by several annotators of several pools', async () => {
    const rows = await sql<{ project: string; kind: string; n: number }>`
      SELECT p.name AS project, r.region ->> 'kind' AS kind, count(*)::int AS n
      FROM annotations a JOIN projects p ON p.id = a.project_id, jsonb_array_elements(a.result -> 'regions') AS r(region)
      WHERE a.source = 'human' GROUP BY 1, 2 ORDER BY 1, 2`.execute(ctx.store.db);
    assert.deepEqual(rows.rows.map((r) => `${r.project}: ${r.kind}`), ['News entities: span', 'Street scenes: bbox', 'Street scenes: polygon']);
    const people = await sql<{ annotators: number; pools: number; tasks: number; annotations: number }>`
      SELECT count(DISTINCT a.annotator_id)::int AS annotators, count(DISTINCT t.pool_id)::int AS pools, count(DISTINCT a.task_id)::int AS tasks, count(*)::int AS annotations
      FROM annotations a JOIN tasks t ON t.id = a.task_id WHERE a.source = 'human'`.execute(ctx.store.db);
    const p = people.rows[0]!;
    assert.ok(p.annotators >= 4, `${p.annotators} annotators`);
    assert.ok(p.pools >= 2, `${p.pools} pools`);
    assert.ok(p.tasks >= 150, `${p.tasks} tasks done (60 images, 60 texts twice)`);
    const decisions = await sql<{ decision: string; n: number }>`SELECT decision, count(*)::int AS n FROM reviews GROUP BY 1 ORDER BY 1`.execute(ctx.store.db);
    assert.deepEqual(decisions.rows.map((d) => d.decision), ['accept', 'correct', 'reject']);
    const late = await sql<{ n: number }>`SELECT count(*)::int AS n FROM annotations WHERE created_at > now() OR created_at < now() - interval '22 days'`.execute(ctx.store.db);
    assert.equal(late.rows[0]!.n, 0, 'three weeks of history, none in the future');
    const open = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM tasks t WHERE t.status = 'done' AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id)`.execute(ctx.store.db);
    assert.equal(open.rows[0]!.n, 0, 'every finished task has its annotation');
  });

  it('exports accepted labels with their pools right away', async () => {
    const project = (await ctx.store.db.selectFrom('projects').select('id').where('name', '=', 'News entities').executeTakeFirstOrThrow()).id;
    const { findProject } = await import('../store/projects.ts');
    const news = (await findProject(ctx.store.db, project))!;
    const plan = await planExport(ctx.store.db, news, { format: 'jsonl', selection: 'all', filters: { status: 'accepted' } });
    const path = scratch.path(`news-${ctx.engine}.jsonl`);
    const outcome = await writeExport({ db: ctx.store.db, files: scratch.files }, plan, path);
    assert.ok(outcome.summary.items >= 20, `${outcome.summary.items} accepted items`);
    const lines = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.every((l) => l.consensus?.method === 'review'));
    assert.ok(lines.some((l) => l.annotations.some((a: { pool: { kind: string } | null }) => a.pool?.kind === 'vendor')));
  });

  it('is accepted in the weeks it was done, once the workflow has settled it', async () => {
    await drainWorkflow(ctx.store, createWorkCache(), { settleSeconds: 0 });
    // (In this small demo the street scenes' last items are its gold items: the experts hold them.)
    const project = (await ctx.store.db.selectFrom('projects').select('id').where('name', '=', 'News entities').executeTakeFirstOrThrow()).id;
    const velocity = await projectVelocity(ctx.store.db, project, { now: new Date() });
    const accepted = velocity.weeks.reduce((n, w) => n + w.count, 0);
    const before = velocity.weeks.filter((w) => w.complete).reduce((n, w) => n + w.count, 0);
    assert.ok(before >= 0.9 * accepted, `items accepted over the three weeks they were done in, not on the day the demo started: ${JSON.stringify(velocity.weeks)}`);
    assert.ok(velocity.weeks.filter((w) => w.complete && w.count > 0).length >= 3);
    assert.ok(velocity.forecast.expectedDate !== null, `a forecast: ${velocity.forecast.reason}`);
    // Each task waited in its queue before it was taken: the turnaround is not nil.
    const waits = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM tasks WHERE status = 'done' AND stage = 'label' AND NOT (created_at < claimed_at AND claimed_at <= completed_at)`.execute(ctx.store.db);
    assert.equal(waits.rows[0]!.n, 0, 'queued, then claimed, then done');
  });

  it('has gold answered over the weeks, mostly right, and nobody paused for it', async () => {
    await drainWorkflow(ctx.store, createWorkCache(), { settleSeconds: 0 });
    const weeks = await goldByWeek(ctx.store.db, (await ctx.store.db.selectFrom('projects').select('id').where('name', '=', 'Street scenes').executeTakeFirstOrThrow()).id);
    assert.ok(new Set(weeks.map((w) => w.week)).size >= 3, `gold answers in three weeks: ${JSON.stringify(weeks)}`);
    const answered = weeks.reduce((n, w) => n + w.answered, 0);
    const passed = weeks.reduce((n, w) => n + w.passed, 0);
    assert.ok(answered >= 5 && passed / answered > 0.7 && passed < answered, `${passed} of ${answered} right`);
    const paused = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pool_members WHERE paused_at IS NOT NULL`.execute(ctx.store.db);
    assert.equal(paused.rows[0]!.n, 0);
  });
});
