import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import type { Project } from '../core/projects.ts';
import { insertItemsWithTasks } from '../store/items.ts';
import { setProjectPools, upsertMember } from '../store/pools.ts';
import { actorOf, makePool, makeProject, makeUser, textItem } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { drawImage, makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { claimNextTask } from './claim-next-task.ts';
import { planExport, writeExport } from './export-project.ts';
import { importAnnotations } from './import-annotations.ts';
import { reviewAnnotation } from './review-annotation.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';

const box = (label: string, x: number) => ({ choices: {}, regions: [{ control: 'objects', kind: 'bbox' as const, label, x, y: 10, width: 50, height: 40 }] });

interface Line {
  item: { externalId: string; fileName: string | null; metadata: Record<string, unknown> };
  annotations: { annotator: { email: string } | null; pool: { key: string } | null; review: { decision: string; reviewer: { id: number; email: string } | null; comment: string | null } | null }[];
}

describeEachEngine('an Atelier JSONL round trip', (ctx) => {
  const cache = createWorkCache();
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
    for (const name of ['img1', 'img2', 'named']) await drawImage(scratch.path('images', `${name}.jpg`), 320, 200);
  });
  after(() => scratch.remove());

  async function exportLines(project: Project, name: string): Promise<Line[]> {
    const plan = await planExport(ctx.store.db, project, { format: 'jsonl', selection: 'all', filters: {} });
    const path = scratch.path(name);
    await writeExport({ db: ctx.store.db, files: scratch.files }, plan, path);
    return (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
  }

  it('keeps reviews (reviewer by e-mail), pools and metadata as they were', async () => {
    const db = ctx.store.db;
    const pool = await makePool(db);
    const source = await makeProject(ctx.store, { kind: 'image' });
    await setProjectPools(db, source.id, [pool.id]);
    const image = (externalId: string, metadata: Record<string, unknown>) =>
      textItem('', { kind: 'image', text: null, externalId, contentUri: `file:${scratch.path('images', `${externalId}.jpg`)}`, mimeType: 'image/jpeg', width: 320, height: 200, metadata });
    // `named` was imported with a file name its external id does not give: that name is kept.
    await insertItemsWithTasks(db, source.id, [image('img1', { camera: 'north' }), image('img2', {}), image('named', { fileName: 'named.jpg', camera: 'south' })], 1);
    // Routed to the pool, as a routing policy would.
    await db.updateTable('tasks').set({ pool_id: pool.id }).where('project_id', '=', source.id).execute();
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    await upsertMember(db, pool.id, annotator.user.id, 'annotator');
    // The rejection last: its task goes back to the queue.
    const decisions = [{ decision: 'accept' as const, comment: 'fine' }, null, { decision: 'reject' as const, comment: 'the car is a person' }];
    for (const decision of decisions) {
      const claimed = (await claimNextTask(db, { actor: annotator, project: source }, cache))!;
      const { annotation } = await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: box('car', 10) }, cache);
      if (decision) await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, ...decision }, cache));
    }

    const first = await exportLines(source, `first-${ctx.engine}.jsonl`);
    const reviews = (lines: Line[]) => lines.map((l) => l.annotations.map((a) => a.review && { decision: a.review.decision, reviewer: a.review.reviewer?.email ?? null, comment: a.review.comment }));
    assert.deepEqual(reviews(first), [
      [{ decision: 'accept', reviewer: reviewer.user.email, comment: 'fine' }],
      [null],
      [{ decision: 'reject', reviewer: reviewer.user.email, comment: 'the car is a person' }],
    ]);
    assert.equal(first[0]!.annotations[0]!.review!.reviewer!.id, reviewer.user.id, 'never an invented 0');

    const target = await makeProject(ctx.store, { kind: 'image' });
    await setProjectPools(db, target.id, [pool.id]);
    const file = scratch.path(`first-${ctx.engine}.jsonl`);
    await importAnnotations(ctx.store, { project: target, format: 'atelier-jsonl', path: file, imagesDir: scratch.path('images'), createdBy: null, files: scratch.files });
    const second = await exportLines(target, `second-${ctx.engine}.jsonl`);

    assert.deepEqual(reviews(second), reviews(first));
    assert.deepEqual(second.map((l) => l.annotations.map((a) => [a.annotator?.email, a.pool?.key])), first.map((l) => l.annotations.map((a) => [a.annotator?.email, a.pool?.key])));
    assert.deepEqual(second.map((l) => [l.item.externalId, l.item.fileName, l.item.metadata]), [
      ['img1', 'img1.jpg', { camera: 'north' }],
      ['img2', 'img2.jpg', {}],
      ['named', 'named.jpg', { fileName: 'named.jpg', camera: 'south' }],
    ]);
    assert.deepEqual(second.map((l) => l.item.metadata), first.map((l) => l.item.metadata));
  });

  it('keeps a reviewer this instance does not know unknown, and reads files that gave only their id', async () => {
    const target = await makeProject(ctx.store, { kind: 'image' });
    const file = scratch.path(`legacy-${ctx.engine}.jsonl`);
    const line = (id: string, review: unknown) => JSON.stringify({
      item: { externalId: id, kind: 'image', fileName: `${id}.jpg` },
      annotations: [{ id: 1, source: 'human', result: box('car', 10), createdAt: '2024-05-01T10:00:00Z', review }],
    });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, [line('img1', { decision: 'accept', reviewerId: 3, comment: null }), line('img2', { decision: 'accept', reviewer: { id: 3, email: 'nobody-here@example.com' }, comment: null })].join('\n'));
    await importAnnotations(ctx.store, { project: target, format: 'atelier-jsonl', path: file, imagesDir: scratch.path('images'), createdBy: null, files: scratch.files });
    const lines = await exportLines(target, `legacy-out-${ctx.engine}.jsonl`);
    assert.deepEqual(lines.map((l) => l.annotations[0]!.review), [{ decision: 'accept', reviewer: null, comment: null }, { decision: 'accept', reviewer: null, comment: null }]);
  });
});
