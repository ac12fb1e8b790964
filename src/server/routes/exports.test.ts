import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import type { Project } from '../../core/projects.ts';
import { chainPendingEvents } from '../../services/audit/chain-events.ts';
import { verifyTrail } from '../../services/audit/verify-trail.ts';
import { startJobWorker, type JobWorker } from '../../services/jobs/job-worker.ts';
import { searchAuditEvents } from '../../store/audit-search.ts';
import { boxSchema, makeProject } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { drawImage, makeScratch, type Scratch } from '../../../test/fixtures/data-io/scratch.ts';
import { startReceiver } from '../../../test/fixtures/data-io/receiver.ts';

const CONLL = '-DOCSTART- -X- -X- O\n\nAda NNP B-NP B-PER\nLovelace NNP I-NP I-PER\nvisited VBD B-VP O\nLondon NNP B-NP B-LOC\n. . O O\n\n';

describeEachEngine('the exports, jobs and webhooks API', (ctx) => {
  let t: TestApp;
  let worker: JobWorker;
  let scratch: Scratch;
  let manager: { cookie: string; user: { id: number; email: string } };
  let project: Project;

  before(async () => {
    scratch = await makeScratch();
    t = await startTestApp(ctx.store);
    worker = await startJobWorker({ store: ctx.store, files: t.ctx.files, exportsDir: t.config.exportsDir }, { pollingSeconds: 0.5, pumpEveryMs: 200, settleSeconds: 0, delivery: { retryBaseSeconds: 1, maxAttempts: 2, timeoutMs: 2000 } });
    manager = await t.signedIn('manager');
    project = await makeProject(ctx.store, { kind: 'text' });
  });
  after(async () => {
    await worker.stop({ graceful: false });
    await t.close();
    await scratch.remove();
  });

  async function finished(jobId: number, cookie = manager.cookie): Promise<Record<string, unknown>> {
    for (let i = 0; i < 300; i++) {
      const response = await t.request({ method: 'GET', url: `/api/v1/jobs/${jobId}`, cookie });
      assert.equal(response.statusCode, 200, response.body);
      const job = response.json();
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  it('imports an uploaded CoNLL file as a job, then exports it and downloads the same file', async () => {
    const upload = multipart({ format: 'conll' }, [{ name: 'train.conll', content: CONLL }]);
    const started = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/import-jobs`, cookie: manager.cookie, ...upload });
    assert.equal(started.statusCode, 202, started.body);
    const imported = await finished(started.json().job.id);
    assert.equal(imported.status, 'done', JSON.stringify(imported.error));
    assert.deepEqual([(imported.result as { itemsCreated: number }).itemsCreated, imported.format], [1, 'conll']);

    const requested = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'conll' } });
    assert.equal(requested.statusCode, 202, requested.body);
    const { job, export: record } = requested.json();
    assert.equal(record.status, 'pending');
    assert.equal((await finished(job.id)).status, 'done');
    const ready = (await t.request({ method: 'GET', url: `/api/v1/exports/${record.id}`, cookie: manager.cookie })).json();
    assert.equal(ready.downloadUrl, `/api/v1/exports/${record.id}/download`);
    const download = await t.request({ method: 'GET', url: ready.downloadUrl, cookie: manager.cookie });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="\d+-project-.*-conll\.conll"$/);
    assert.equal(download.body, '-DOCSTART- -X- -X- O\n\nAda -X- -X- B-PER\nLovelace -X- -X- I-PER\nvisited -X- -X- O\nLondon -X- -X- B-LOC\n. -X- -X- O\n\n');

    // The import, the export and its download each leave an event: the manager, the project, what moved.
    await chainPendingEvents(ctx.store, { wait: true });
    const events = async (subjectType: string, subjectId: number) => searchAuditEvents(ctx.store.db, { subjectType, subjectId: String(subjectId), limit: 10 });
    const [importEvent] = await events('import', (imported.result as { importId: number }).importId);
    assert.deepEqual([importEvent?.action, importEvent?.actorId, importEvent?.actorEmail, Number(importEvent?.projectId)], ['import.create', manager.user.id, manager.user.email, project.id]);
    assert.equal((importEvent?.details as { format: string; imported: number }).imported, 1);
    assert.ok(importEvent?.sourceIp, 'the address the upload came from');
    const exportEvents = await events('export', record.id);
    assert.deepEqual(exportEvents.map((e) => e.action).sort(), ['export.create', 'export.download']);
    for (const e of exportEvents) {
      assert.deepEqual([e.actorId, Number(e.projectId), (e.details as { format: string }).format, (e.details as { selection: string }).selection], [manager.user.id, project.id, 'conll', 'consensus']);
    }
    assert.equal((exportEvents.find((e) => e.action === 'export.create')?.details as { items: number }).items, 1);
    assert.equal((await verifyTrail(ctx.store)).ok, true);

    const list = (await t.request({ method: 'GET', url: `/api/v1/jobs?projectId=${project.id}`, cookie: manager.cookie })).json();
    assert.deepEqual(list.jobs.map((j: { kind: string }) => j.kind), ['export', 'import']);
  });

  it('refuses what is not the caller\'s: exports for annotators, a bad format, an unknown filter', async () => {
    const annotator = await t.signedIn('annotator');
    assert.equal((await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: annotator.cookie, payload: { format: 'conll' } })).statusCode, 403);
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/jobs', cookie: annotator.cookie })).statusCode, 403);
    const badFormat = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'coco' } });
    assert.deepEqual([badFormat.statusCode, badFormat.json().error.code], [400, 'invalid_input']);
    const badFilter = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'csv', filters: { colour: 'red' } } });
    assert.equal(badFilter.statusCode, 400);
    const misspelt = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'csv', filter: { labels: ['unicorn'] } } });
    assert.deepEqual([misspelt.statusCode, misspelt.json().error.code], [400, 'invalid_input'], 'not an export of everything');
    assert.match(misspelt.json().error.message, /^body filter: unknown field/);
    const unknownLabel = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'csv', filters: { labels: ['ORG'] } } });
    assert.deepEqual([unknownLabel.statusCode, unknownLabel.json().error.code], [422, 'validation_failed'], 'not an empty export');
    assert.match(unknownLabel.json().error.message, /no label "ORG" \(its labels: PER, LOC, positive, negative\)/);
    const failed = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/import-jobs`, cookie: manager.cookie, ...multipart({ format: 'conll' }, [{ name: 'bad.conll', content: 'Ada X-PER\n' }]) });
    const job = await finished(failed.json().job.id);
    assert.equal(job.status, 'failed');
    assert.match((job.error as { message: string }).message, /^line 1/);
  });

  it('exports a folder format as one tar with the images', async () => {
    const images = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    await drawImage(scratch.path('cam.png'), 64, 48);
    const { readFile } = await import('node:fs/promises');
    const cocoFile = JSON.stringify({
      images: [{ id: 1, file_name: 'cam.png', width: 64, height: 48 }],
      categories: [{ id: 1, name: 'car' }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [4, 4, 20, 10] }],
    });
    const upload = multipart({ format: 'coco' }, [{ name: 'instances.json', content: cocoFile }, { name: 'cam.png', content: await readFile(scratch.path('cam.png')) }]);
    const started = await t.request({ method: 'POST', url: `/api/v1/projects/${images.id}/import-jobs`, cookie: manager.cookie, ...upload });
    assert.equal((await finished(started.json().job.id)).status, 'done');
    const requested = (await t.request({ method: 'POST', url: `/api/v1/projects/${images.id}/exports`, cookie: manager.cookie, payload: { format: 'yolo' } })).json();
    await finished(requested.job.id);
    const download = await t.request({ method: 'GET', url: `/api/v1/exports/${requested.export.id}/download`, cookie: manager.cookie });
    assert.equal(download.headers['content-type'], 'application/x-tar');
    await writeFile(scratch.path('yolo.tar'), download.rawPayload);
    const listing = execFileSync('tar', ['-tf', scratch.path('yolo.tar')], { encoding: 'utf8' });
    assert.match(listing, /-yolo\/images\/train\/cam\.png\n/);
    assert.match(listing, /-yolo\/labels\/train\/cam\.txt\n/);
  });

  it('refuses a jobs filter it does not know rather than listing every project’s jobs', async () => {
    const refused = await t.request({ method: 'GET', url: `/api/v1/jobs?project=${project.id}`, cookie: manager.cookie });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().error.message, /project/);
    const listed = await t.request({ method: 'GET', url: `/api/v1/jobs?projectId=${project.id}`, cookie: manager.cookie });
    assert.equal(listed.statusCode, 200, listed.body);
  });

  it('tells an uploader to upload a missing image, not to use a CLI flag', async () => {
    const images = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const cocoFile = JSON.stringify({
      images: [{ id: 1, file_name: 'gone.png', width: 64, height: 48 }],
      categories: [{ id: 1, name: 'car' }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [4, 4, 20, 10] }],
    });
    const started = await t.request({ method: 'POST', url: `/api/v1/projects/${images.id}/import-jobs`, cookie: manager.cookie, ...multipart({ format: 'coco' }, [{ name: 'instances.json', content: cocoFile }]) });
    const job = await finished(started.json().job.id);
    assert.equal(job.status, 'failed');
    const said = JSON.stringify(job.error);
    assert.match(said, /gone\.png was not uploaded: upload it with the annotation file/);
    assert.doesNotMatch(said, /--images|--skip-invalid/);
    assert.doesNotMatch(said, /uploads/, 'not the server\'s temporary folder');
  });

  it('refuses an import whose "as" field is neither ground_truth nor predictions, in words, and starts no job', async () => {
    const images = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const cocoFile = JSON.stringify({ images: [], categories: [{ id: 1, name: 'car' }], annotations: [] });
    const refused = await t.request({ method: 'POST', url: `/api/v1/projects/${images.id}/import-jobs`, cookie: manager.cookie, ...multipart({ format: 'coco', as: 'truth' }, [{ name: 'instances.json', content: cocoFile }]) });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().error.message, /"as" is ground_truth or predictions, not "truth"/);
    const listed = (await t.request({ method: 'GET', url: `/api/v1/jobs?projectId=${images.id}`, cookie: manager.cookie })).json();
    assert.equal(listed.jobs.length, 0);
  });

  it('manages webhooks: the secret shown once, a signed ping in the delivery log, disabled hooks get nothing', async () => {
    const receiver = await startReceiver([200]);
    try {
      const created = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/webhooks`, cookie: manager.cookie, payload: { url: receiver.url, events: ['export.ready'] } });
      assert.equal(created.statusCode, 201, created.body);
      const { webhook, secret } = created.json();
      assert.match(secret, /^whsec_/);
      const listed = (await t.request({ method: 'GET', url: `/api/v1/projects/${project.id}/webhooks`, cookie: manager.cookie })).body;
      assert.ok(!listed.includes(secret), 'the secret is never listed');
      const badEvent = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/webhooks`, cookie: manager.cookie, payload: { url: receiver.url, events: ['item.deleted'] } });
      assert.equal(badEvent.statusCode, 400);
      assert.equal((await t.request({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/ping`, cookie: manager.cookie })).statusCode, 202);
      const [ping] = await receiver.waitFor(1);
      assert.equal(JSON.parse(ping!.body).event, 'ping');
      let log: { status: string; attempts: number; responseCode: number }[] = [];
      for (let i = 0; i < 100 && log[0]?.status !== 'delivered'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        log = (await t.request({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries`, cookie: manager.cookie })).json().deliveries;
      }
      assert.deepEqual([log[0]!.status, log[0]!.attempts, log[0]!.responseCode], ['delivered', 1, 200]);
      const off = await t.request({ method: 'PATCH', url: `/api/v1/webhooks/${webhook.id}`, cookie: manager.cookie, payload: { active: false } });
      assert.equal(off.json().active, false);
      const job = (await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/exports`, cookie: manager.cookie, payload: { format: 'csv' } })).json().job;
      await finished(job.id);
      await worker.pump();
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(receiver.received.length, 1, 'nothing for a disabled webhook');
      assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/webhooks/${webhook.id}`, cookie: manager.cookie })).statusCode, 204);
    } finally {
      await receiver.close();
    }
  });
});
