import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { startJobWorker, type JobWorker } from '../../services/jobs/job-worker.ts';
import { listItemAnnotations } from '../../store/annotations.ts';
import { listItems } from '../../store/items.ts';
import { boxSchema, makeProject } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { drawImage, makeScratch, type Scratch } from '../../../test/fixtures/data-io/scratch.ts';

describeEachEngine('uploading items', (ctx) => {
  let t: TestApp;
  let worker: JobWorker;
  let scratch: Scratch;
  let manager: { cookie: string };
  let png: Buffer;

  before(async () => {
    scratch = await makeScratch();
    t = await startTestApp(ctx.store);
    worker = await startJobWorker({ store: ctx.store, files: t.ctx.files, exportsDir: t.config.exportsDir }, { pollingSeconds: 0.5, pumpEveryMs: 200, settleSeconds: 0 });
    manager = await t.signedIn('manager');
    await drawImage(scratch.path('shelf.png'), 64, 48);
    png = await readFile(scratch.path('shelf.png'));
  });
  after(async () => {
    await worker.stop({ graceful: false });
    await t.close();
    await scratch.remove();
  });

  async function externalIds(projectId: number): Promise<(string | null)[]> {
    return (await listItems(ctx.store.db, { projectId, limit: 100 })).map((i) => i.externalId);
  }

  it('keeps each file\'s own name as its item\'s id, so that a later COCO file can name it', async () => {
    const project = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const names = ['shelf (1).png', 'Étagère 2.png', '../../outside.png'];
    const upload = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/imports`, cookie: manager.cookie, ...multipart({}, names.map((name) => ({ name, content: png }))) });
    assert.equal(upload.statusCode, 201, upload.body);
    assert.equal(upload.json().imported, 3);
    assert.deepEqual((await externalIds(project.id)).sort(), ['outside.png', 'shelf (1).png', 'Étagère 2.png'], 'no position prefix, no escaped characters, no way out of the upload folder');

    const coco = JSON.stringify({
      images: [{ id: 7, file_name: 'shelf (1).png', width: 64, height: 48 }],
      categories: [{ id: 1, name: 'car' }],
      annotations: [{ id: 1, image_id: 7, category_id: 1, bbox: [4, 4, 20, 10] }],
    });
    const started = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/import-jobs`, cookie: manager.cookie, ...multipart({ format: 'coco' }, [{ name: 'instances.json', content: coco }]) });
    assert.equal(started.statusCode, 202, started.body);
    let job: { status: string; error: unknown } = { status: 'queued', error: null };
    for (let i = 0; i < 300 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.request({ method: 'GET', url: `/api/v1/jobs/${started.json().job.id}`, cookie: manager.cookie })).json();
    }
    assert.equal(job.status, 'done', JSON.stringify(job.error));
    const items = await listItems(ctx.store.db, { projectId: project.id, limit: 100 });
    assert.equal(items.length, 3, 'the COCO image is the uploaded item, not a new one');
    const shelf = items.find((i) => i.externalId === 'shelf (1).png')!;
    const labels = await listItemAnnotations(ctx.store.db, project.id, shelf.id);
    assert.equal(labels.length, 1);
  });

  it('refuses an items line holding a NUL character with 422 naming the line, and skips it with skipInvalid', async () => {
    const project = await makeProject(ctx.store);
    const jsonl = ['{"id": "a", "text": "fine"}', '{"id": "b", "text": "bad \\u0000 text"}'].join('\n');
    const url = `/api/v1/projects/${project.id}/imports`;
    const refused = await t.request({ method: 'POST', url, cookie: manager.cookie, ...multipart({}, [{ name: 'items.jsonl', content: jsonl }]) });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.deepEqual(refused.json().error.details.issues, [{ path: 'line 2', message: 'text: contains a NUL character' }]);
    const skipped = await t.request({ method: 'POST', url, cookie: manager.cookie, ...multipart({ skipInvalid: 'true' }, [{ name: 'items.jsonl', content: jsonl }]) });
    assert.equal(skipped.statusCode, 201, skipped.body);
    assert.deepEqual([skipped.json().imported, skipped.json().rejected], [1, [{ line: 2, message: 'text: contains a NUL character' }]]);
    assert.deepEqual(await externalIds(project.id), ['a']);
  });

  it('refuses a NUL character in an import job\'s form fields, and records a job failure whose message quotes one', async () => {
    const project = await makeProject(ctx.store);
    const url = `/api/v1/projects/${project.id}/import-jobs`;
    const line = JSON.stringify({ item: 't-0', model: { name: 'ner', version: '1' }, predictions: [] });
    const field = await t.request({ method: 'POST', url, cookie: manager.cookie, ...multipart({ format: 'predictions', model: 'ner\u0000@1' }, [{ name: 'p.jsonl', content: line }]) });
    assert.equal(field.statusCode, 400, field.body);
    assert.deepEqual(field.json().error.details.issues, [{ path: 'model', message: 'contains a NUL character' }]);
    // A raw NUL is not JSON: the parser's message quotes it, and the failure is stored all the same.
    const started = await t.request({ method: 'POST', url, cookie: manager.cookie, ...multipart({ format: 'predictions' }, [{ name: 'p.jsonl', content: `\u0000${line}` }]) });
    assert.equal(started.statusCode, 202, started.body);
    let job: { status: string; error: { code: string; message: string } | null } = { status: 'queued', error: null };
    for (let i = 0; i < 300 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.request({ method: 'GET', url: `/api/v1/jobs/${started.json().job.id}`, cookie: manager.cookie })).json();
    }
    assert.equal(job.status, 'failed', JSON.stringify(job));
    assert.equal(job.error?.code, 'validation_failed');
    assert.match(job.error!.message, /line 1: not valid JSON .*\\u0000/);
  });

  it('refuses two files of one name and imports neither, rather than keeping one', async () => {
    const project = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const files = [{ name: 'a.png', content: png }, { name: 'b.png', content: png }, { name: 'a.png', content: png }];
    const upload = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/imports`, cookie: manager.cookie, ...multipart({}, files) });
    assert.equal(upload.statusCode, 400, upload.body);
    assert.match(upload.json().error.message, /two files are named a\.png/);
    assert.deepEqual(await externalIds(project.id), []);
  });
});
