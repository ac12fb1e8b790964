import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { findExportOfJob } from '../../store/exports.ts';
import { findJob, type Job } from '../../store/jobs.ts';
import { makeProject, makeUser, actorOf, addTextItems } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makeScratch, type Scratch } from '../../../test/fixtures/data-io/scratch.ts';
import { startReceiver } from '../../../test/fixtures/data-io/receiver.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { reviewAnnotation } from '../review-annotation.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWebhook } from '../webhooks/manage-webhooks.ts';
import { verifyWebhook } from '../webhooks/signature.ts';
import { createWorkCache } from '../work-cache.ts';
import { createExportJob, createImportJob } from './enqueue.ts';
import { type JobWorker, startJobWorker } from './job-worker.ts';
import { liveProgress } from './progress.ts';
import type { JobContext } from './run-job.ts';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeEachEngine('background jobs and webhooks', (ctx) => {
  let scratch: Scratch;
  let jobs: JobContext;
  const workers: JobWorker[] = [];
  const fast = { pollingSeconds: 0.5, pumpEveryMs: 200, jobRetrySeconds: 1, settleSeconds: 0, delivery: { retryBaseSeconds: 1, maxAttempts: 3, timeoutMs: 2000 } };

  before(async () => {
    scratch = await makeScratch();
    jobs = { store: ctx.store, files: scratch.files, exportsDir: scratch.path('exports') };
  });
  after(async () => {
    for (const w of workers) await w.stop({ graceful: false });
    await scratch.remove();
  });

  const jobDone = (id: number) => until(`job ${id}`, async () => {
    const job = await findJob(ctx.store.db, id);
    return job && (job.status === 'done' || job.status === 'failed') ? job : null;
  });

  it('an import interrupted half-way writes nothing, and completes once on a restarted worker', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text' });
    const file = scratch.path(`big-${ctx.engine}.jsonl`);
    const lines = Array.from({ length: 2400 }, (_, i) => JSON.stringify({
      item: { externalId: `doc-${i}`, kind: 'text', text: `Ada Lovelace wrote note ${i}.` },
      annotations: [{ id: i, source: 'human', result: { choices: { sentiment: ['positive'] }, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12 }] }, createdAt: '2024-05-01T10:00:00Z' }],
    }));
    await writeFile(file, `${lines.join('\n')}\n`);
    const job = await ctx.store.transaction((tx) => createImportJob(tx, { project, params: { format: 'atelier-jsonl', path: file }, createdBy: null }));

    let first: JobWorker | null = null;
    let interrupted = false;
    first = await startJobWorker(jobs, {
      ...fast,
      onProgress: (id, p) => {
        // Stop the worker at once when the import is writing its first batches.
        if (id === job.id && p.phase === 'writing' && !interrupted) {
          interrupted = true;
          void first!.stop({ graceful: false });
        }
      },
    });
    await until('the interruption', async () => interrupted);
    await until('the interrupted attempt to end', async () => liveProgress(job.id) === undefined);
    const counts = async () => {
      const items = await db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', project.id).executeTakeFirstOrThrow();
      const annotations = await db.selectFrom('annotations').select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('item_id').distinct().as('items')]).where('project_id', '=', project.id).executeTakeFirstOrThrow();
      return { items: Number(items.n), annotations: Number(annotations.n), annotatedItems: Number(annotations.items) };
    };
    assert.deepEqual(await counts(), { items: 0, annotations: 0, annotatedItems: 0 }, 'the interrupted transaction left nothing');
    assert.equal((await findJob(db, job.id))!.status, 'running');

    workers.push(await startJobWorker(jobs, fast));
    const done = await jobDone(job.id);
    assert.equal(done.status, 'done', JSON.stringify(done.error));
    assert.equal(done.attempts, 2);
    assert.deepEqual(await counts(), { items: 2400, annotations: 2400, annotatedItems: 2400 });
    assert.equal((done.result as { annotations: number }).annotations, 2400);
  });

  it('delivers signed task.completed, item.accepted and export.ready events, retrying a failing receiver with backoff', async () => {
    const db = ctx.store.db;
    const cache = createWorkCache();
    const project = await makeProject(ctx.store, { kind: 'text' });
    await addTextItems(db, project, 2);
    const manager = actorOf(await makeUser(db, 'manager'));
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const good = await startReceiver([200]);
    const flaky = await startReceiver([503, 500, 200]);
    const dead = await startReceiver([500]);
    try {
      const hook = await createWebhook(db, manager, project.id, { url: good.url, events: ['task.completed', 'item.accepted', 'export.ready'] });
      const flakyHook = await createWebhook(db, manager, project.id, { url: flaky.url, events: ['item.accepted'] });
      await createWebhook(db, manager, project.id, { url: dead.url, events: ['item.accepted'] });
      if (workers.length === 0) workers.push(await startJobWorker(jobs, fast));

      const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
      const { annotation } = await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: { choices: { sentiment: ['positive'] }, regions: [] } }, cache);
      await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'accept' }, cache));
      const exportJob = await ctx.store.transaction((tx) => createExportJob(tx, { project, params: { format: 'csv', selection: 'consensus', filters: {} }, createdBy: manager.user.id }));

      const got = await good.waitFor(3);
      const events = got.map((r) => JSON.parse(r.body) as { event: string; data: Record<string, unknown> });
      assert.deepEqual(events.map((e) => e.event).sort(), ['export.ready', 'item.accepted', 'task.completed']);
      for (const r of got) {
        const check = { timestamp: r.headers['x-atelier-timestamp'] as string, signature: r.headers['x-atelier-signature'] as string };
        assert.ok(verifyWebhook(hook.secret, check, r.body, new Date()), 'signed with the webhook\'s secret');
        assert.equal(verifyWebhook(flakyHook.secret, check, r.body, new Date()), false);
      }
      const completed = events.find((e) => e.event === 'task.completed')!;
      assert.deepEqual([completed.data.taskId, completed.data.annotationId, completed.data.itemExternalId], [claimed.task.id, annotation.id, claimed.item.externalId]);
      const ready = events.find((e) => e.event === 'export.ready')!;
      const record = (await findExportOfJob(db, exportJob.job.id))!;
      assert.equal(ready.data.downloadUrl, `/api/v1/exports/${record.id}/download`);
      const csv = await readFile(join(jobs.exportsDir, record.file!), 'utf8');
      assert.match(csv, /^item,control,label,annotator\nt-\d,sentiment,positive,\n$/);

      const attempts = await flaky.waitFor(3);
      assert.equal(attempts[0]!.headers['x-atelier-delivery'], attempts[2]!.headers['x-atelier-delivery'], 'one delivery, three attempts');
      const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
      assert.ok(gaps[0]! >= 900 && gaps[1]! >= 1900, `backoff of 1 s then 2 s, got ${gaps.join(', ')} ms`);
      const log = await until('the flaky delivery to be logged', async () => {
        const row = await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', flakyHook.webhook.id).executeTakeFirst();
        return row?.status === 'delivered' ? row : null;
      });
      assert.deepEqual([log.attempts, log.response_code], [3, 200]);
      const failed = await until('the dead receiver to be given up', async () => {
        const row = await db.selectFrom('webhook_deliveries as d').innerJoin('webhooks as w', 'w.id', 'd.webhook_id').selectAll('d').where('w.url', '=', dead.url).executeTakeFirst();
        return row?.status === 'failed' ? row : null;
      });
      assert.deepEqual([failed.attempts, failed.response_code, failed.last_error], [3, 500, 'answered 500']);
      assert.equal(dead.received.length, 3);
    } finally {
      await Promise.all([good.close(), flaky.close(), dead.close()]);
    }
  });

  it('fails an import of a malformed file at once, with the place at fault, and removes its upload', async () => {
    const project = await makeProject(ctx.store, { kind: 'text' });
    const upload = scratch.path(`upload-${ctx.engine}`);
    await import('node:fs/promises').then((fs) => fs.mkdir(upload, { recursive: true }));
    await writeFile(join(upload, 'bad.jsonl'), '{"item": "t-0", "model": {"name": "m", "version": "1"}, "predictions": [{"kind": "span"}]}\n');
    const job = await ctx.store.transaction((tx) => createImportJob(tx, { project, params: { format: 'predictions', path: join(upload, 'bad.jsonl'), uploadDir: upload }, createdBy: null }));
    if (workers.length === 0) workers.push(await startJobWorker(jobs, fast));
    const done: Job = await jobDone(job.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.attempts, 1, 'a fault in the file is not retried');
    assert.match(done.error!.message, /^line 1: predictions\[0\]/);
    await assert.rejects(readFile(join(upload, 'bad.jsonl')), /ENOENT/);
  });
});
