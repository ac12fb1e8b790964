import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { insertAnnotation } from '../store/annotations.ts';
import { insertItemsWithTasks } from '../store/items.ts';
import { insertPool, upsertMember } from '../store/pools.ts';
import { actorOf, addTextItems, boxSchema, makeProject, makeUser, textItem } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { drawImage, makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { claimNextTask } from './claim-next-task.ts';
import { checkExportFilters, type ExportRequest, parseExportFilters, planExport, writeExport } from './export-project.ts';
import { importAnnotations } from './import-annotations.ts';
import { reviewAnnotation } from './review-annotation.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';

const span = (label: string, start: number, end: number) => ({ control: 'entities', kind: 'span' as const, label, start, end });
// "Ada Lovelace met Charles Babbage in London, text N."
const ada = span('PER', 0, 12);
const charles = span('PER', 17, 32);
const london = span('LOC', 36, 42);
const result = (regions: ReturnType<typeof span>[], sentiment = 'positive'): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions });

describeEachEngine('exporting a project', (ctx) => {
  const cache = createWorkCache();
  let scratch: Scratch;
  let project: Project;
  let annotators: Actor[];
  const ids: Record<string, number> = {};

  /** Four texts labelled by two annotators and reviewed: accepted, rejected, corrected, unreviewed. */
  before(async () => {
    scratch = await makeScratch();
    const db = ctx.store.db;
    project = await makeProject(ctx.store, { kind: 'text', overlap: 2 });
    const itemIds = await addTextItems(db, project, 4);
    itemIds.forEach((id, i) => (ids[`t-${i}`] = id));
    annotators = [actorOf(await makeUser(db, 'annotator')), actorOf(await makeUser(db, 'annotator'))];
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const made = new Map<string, number>();
    for (const [a, actor] of annotators.entries()) {
      for (let i = 0; i < 4; i++) {
        if (a === 1 && i >= 2) break;
        const claimed = (await claimNextTask(db, { actor, project }, cache))!;
        const key = `${claimed.item.externalId}/${a}`;
        const regions = a === 0 ? [ada, charles, london] : [ada, charles];
        const { annotation } = await submitAnnotation(db, { actor, taskId: claimed.task.id, result: result(claimed.item.externalId === 't-2' ? [span('LOC', 0, 12)] : regions) }, cache);
        made.set(key, annotation.id);
      }
    }
    const review = (key: string, decision: 'accept' | 'reject' | 'correct', extra: { comment?: string; result?: AnnotationResult } = {}) =>
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: made.get(key)!, decision, ...extra }, cache));
    await review('t-0/0', 'accept');
    await review('t-1/1', 'reject', { comment: 'London is missing' });
    await review('t-2/0', 'correct', { result: result([ada], 'negative') });
  });
  after(() => scratch.remove());

  async function exportTo(name: string, request: Partial<ExportRequest> & { format: string }, p = project): Promise<string> {
    const plan = await planExport(ctx.store.db, p, { selection: 'consensus', filters: {}, ...request });
    const path = scratch.path(`${name}-${ctx.engine}`);
    await writeExport({ db: ctx.store.db, files: scratch.files }, plan, path);
    return path;
  }

  const jsonLines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));

  it('writes Atelier JSONL with every annotation, its review, and the reviewed label as consensus', async () => {
    const lines = await jsonLines(await exportTo('all.jsonl', { format: 'jsonl', selection: 'all' }));
    assert.deepEqual(lines.map((l) => l.item.externalId), ['t-0', 't-1', 't-2', 't-3']);
    const [t0, t1, t2, t3] = lines;
    assert.equal(t0.annotations.length, 2);
    assert.equal(t0.annotations[0].annotator.email, annotators[0]!.user.email);
    assert.deepEqual(t0.annotations.map((a: { review: { decision: string } | null }) => a.review?.decision ?? null), ['accept', null]);
    assert.deepEqual([t0.consensus.method, t0.consensus.result.regions.length], ['review', 3]);
    assert.equal(t1.consensus, null, 'reviewed, nothing accepted');
    assert.equal(t2.annotations[1].supersedesId, t2.annotations[0].id, 'the reviewer\'s correction supersedes');
    assert.deepEqual([t2.consensus.method, t2.consensus.result.choices.sentiment], ['review', ['negative']]);
    assert.deepEqual([t3.consensus.method, t3.consensus.result.regions.length], ['latest', 3]);
  });

  it('selects items by status, label, annotator and date', async () => {
    const pick = async (filters: Parameters<typeof checkExportFilters>[0]) =>
      (await jsonLines(await exportTo(`f-${JSON.stringify(filters).replace(/\W+/g, '')}.jsonl`, { format: 'jsonl', selection: 'all', filters: checkExportFilters(filters) }))).map((l) => l.item.externalId);
    assert.deepEqual(await pick({ status: 'accepted' }), ['t-0', 't-2']);
    assert.deepEqual(await pick({ status: 'complete' }), ['t-0', 't-2'], 't-1 went back to the queue, t-3 has a slot open; t-2 is accepted (its one answer corrected in review)');
    assert.deepEqual(await pick({ labels: ['LOC'] }), ['t-0', 't-1', 't-3'], 't-2\'s LOC was corrected away');
    assert.deepEqual(await pick({ annotators: [annotators[1]!.user.email] }), ['t-0', 't-1']);
    assert.deepEqual(await pick({ to: '2000-01-01' }), []);
    const key = `vendor-${process.pid % 10000}-${ctx.engine}`;
    const pool = await insertPool(ctx.store.db, {
      key, name: 'Vendor', kind: 'vendor', vendor: 'Vendor Ltd', costModel: null, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'],
      capacityHoursPerWeek: null, timeZone: null, sla: {},
    });
    await upsertMember(ctx.store.db, pool.id, annotators[1]!.user.id, 'annotator');
    assert.deepEqual(await pick({ pools: [key] }), ['t-0', 't-1'], 'the items its member annotated');
    await assert.rejects(planExport(ctx.store.db, project, { format: 'jsonl', selection: 'all', filters: { pools: ['no-such-pool'] } }), (e) => isDomainError(e) && e.code === 'validation_failed');
    // A label the project does not have would select nothing: refused, naming it and the labels there are.
    await assert.rejects(planExport(ctx.store.db, project, { format: 'jsonl', selection: 'all', filters: { labels: ['LOC', 'loc'] } }), (e) => {
      assert.ok(isDomainError(e) && e.code === 'validation_failed');
      assert.equal(e.message, 'filters.labels: the project has no label "loc" (its labels: PER, LOC, positive, negative)');
      return true;
    });
    assert.deepEqual(parseExportFilters(['status=accepted', 'label=PER,LOC', 'label=ORG', 'from=2024-01-01']), { status: 'accepted', labels: ['PER', 'LOC', 'ORG'], from: '2024-01-01' });
    assert.throws(() => parseExportFilters(['colour=red']), (e) => isDomainError(e) && e.code === 'invalid_input');
    assert.throws(() => parseExportFilters(['from=2024-05-02', 'to=2024-05-01']), (e) => isDomainError(e) && e.code === 'validation_failed');
  });

  it('round-trips CoNLL and the JSONL history through an import into another project', async () => {
    const conll = await exportTo('consensus.conll', { format: 'conll' });
    const text = await readFile(conll, 'utf8');
    assert.match(text, /Ada -X- -X- B-PER\nLovelace -X- -X- I-PER/);
    const copy = await makeProject(ctx.store, { kind: 'text' });
    const report = await importAnnotations(ctx.store, { project: copy, format: 'conll', path: conll, createdBy: null, files: scratch.files });
    assert.equal(report.itemsCreated, 3, 'the three items with a reviewed label');
    assert.equal(await readFile(await exportTo('again.conll', { format: 'conll' }, copy), 'utf8'), text);

    const history = await exportTo('history.jsonl', { format: 'jsonl', selection: 'all' });
    const moved = await makeProject(ctx.store, { kind: 'text' });
    await importAnnotations(ctx.store, { project: moved, format: 'atelier-jsonl', path: history, createdBy: null, files: scratch.files });
    const shape = (lines: { item: { externalId: string }; annotations: { id: number; supersedesId: number | null; result: unknown; review: { decision: string } | null; annotator: { email: string } | null }[]; consensus: unknown }[]) =>
      lines.map((l) => ({
        item: l.item.externalId,
        consensus: l.consensus,
        annotations: l.annotations.map((a) => ({
          result: a.result,
          review: a.review?.decision ?? null,
          annotator: a.annotator?.email ?? null,
          supersedes: a.supersedesId === null ? null : l.annotations.findIndex((b) => b.id === a.supersedesId),
        })),
      }));
    const again = await exportTo('history-again.jsonl', { format: 'jsonl', selection: 'all' }, moved);
    assert.deepEqual(shape(await jsonLines(again)), shape(await jsonLines(history)));
  });

  it('keeps the pool of imported work through an export, though it has no task to carry it', async () => {
    const key = `crowd-${process.pid % 10000}-${ctx.engine}`;
    await insertPool(ctx.store.db, { key, name: 'Crowd', kind: 'crowd', vendor: null, costModel: null, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const file = scratch.path(`pooled-${ctx.engine}.jsonl`);
    await writeFile(file, `${JSON.stringify({
      item: { externalId: 'pooled', kind: 'text', text: 'Ada Lovelace met Charles Babbage in London.' },
      annotations: [{ id: 1, source: 'human', pool: { id: 41, key, kind: 'crowd' }, result: result([ada]), createdAt: '2024-05-01T10:00:00Z' }],
    })}\n`);
    const target = await makeProject(ctx.store, { kind: 'text' });
    await importAnnotations(ctx.store, { project: target, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    const [line] = await jsonLines(await exportTo('pooled.jsonl', { format: 'jsonl', selection: 'all' }, target));
    assert.deepEqual(line.annotations.map((a: { pool: { key: string; kind: string } | null }) => a.pool && [a.pool.key, a.pool.kind]), [[key, 'crowd']]);
  });

  it('round-trips each item\'s sensitivity, region, language, tags and flags through Atelier JSONL, and keeps an empty answer', async () => {
    const db = ctx.store.db;
    const source = await makeProject(ctx.store, { kind: 'text' });
    const [secret] = await insertItemsWithTasks(db, source.id, [
      textItem('Ada Lovelace met Charles Babbage in London, secretly.', {
        externalId: 's-0', sensitivity: 'restricted', region: 'eu', language: 'fr', tags: ['vip', 'night'], edgeCase: true, modelConfidence: 0.25, metadata: { source: 'wire' },
      }),
      textItem('Ada Lovelace met Charles Babbage in London, openly.', { externalId: 's-1', sensitivity: 'confidential', region: 'in', language: 'en', tags: [] }),
    ], 1);
    // Two answers on the first item, one of them "nothing here": a person's answer, kept on import.
    for (const regions of [[ada], []]) {
      await insertAnnotation(db, {
        projectId: source.id, itemId: secret!, taskId: null, annotatorId: annotators[0]!.user.id, source: 'human', schemaVersion: 1, guidelinesVersion: 1,
        result: { choices: {}, regions }, timeSpentMs: 1000, supersedesId: null,
      });
    }
    const exported = await exportTo('handling.jsonl', { format: 'jsonl', selection: 'all' }, source);
    const [line] = await jsonLines(exported);
    assert.deepEqual(
      [line.item.sensitivity, line.item.region, line.item.language, line.item.tags, line.item.edgeCase, line.item.modelConfidence],
      ['restricted', 'eu', 'fr', ['vip', 'night'], true, 0.25],
    );
    const target = await makeProject(ctx.store, { kind: 'text' });
    const report = await importAnnotations(ctx.store, { project: target, format: 'atelier-jsonl', path: exported, createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsCreated, report.annotations], [2, 2]);
    const back = await db.selectFrom('items').selectAll().where('project_id', '=', target.id).orderBy('external_id').execute();
    assert.deepEqual(
      back.map((i) => [i.external_id, i.sensitivity, i.region, i.language, i.tags, i.edge_case, i.model_confidence, (i.metadata as { source?: string }).source ?? null]),
      [
        ['s-0', 'restricted', 'eu', 'fr', ['vip', 'night'], true, 0.25, 'wire'],
        ['s-1', 'confidential', 'in', 'en', [], false, null, null],
      ],
    );
  });

  it('round-trips YOLO with its images through an import into another project', async () => {
    const db = ctx.store.db;
    const images = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const stored = [];
    for (const [i, colour] of ['#aa3333', '#3333aa'].entries()) {
      await drawImage(scratch.path('src', `cam-${i}.png`), 320, 200, colour);
      stored.push(await scratch.files.saveCopy(scratch.path('src', `cam-${i}.png`)));
    }
    const itemIds = await insertItemsWithTasks(db, images.id, stored.map((s, i) => ({
      ...textItem(''), kind: 'image' as const, text: null, contentUri: `file:${s.path}`, mimeType: 'image/png', width: 320, height: 200, externalId: `cam-${i}`,
    })), 1);
    const box = { control: 'objects', kind: 'bbox' as const, label: 'car', x: 10, y: 20, width: 100.5, height: 60 };
    const road = { control: 'areas', kind: 'polygon' as const, label: 'road', points: [[0, 200], [160, 120], [320, 200]] as [number, number][] };
    for (const [i, itemId] of itemIds.entries()) {
      await insertAnnotation(db, {
        projectId: images.id, itemId, taskId: null, annotatorId: annotators[0]!.user.id, source: 'human', schemaVersion: 1, guidelinesVersion: 1,
        result: { choices: {}, regions: i === 0 ? [box, road] : [] }, timeSpentMs: 1000, supersedesId: null,
      });
    }
    const dir = await exportTo('yolo', { format: 'yolo' }, images);
    assert.deepEqual((await readdir(join(dir, 'images', 'train'))).sort(), ['cam-0.png', 'cam-1.png']);
    const copy = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const report = await importAnnotations(ctx.store, { project: copy, format: 'yolo', path: dir, createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsCreated, report.annotations], [2, 2]);
    const again = await exportTo('yolo-again', { format: 'yolo' }, copy);
    for (const file of ['data.yaml', 'train.txt', 'labels/train/cam-0.txt', 'labels/train/cam-1.txt']) {
      assert.equal(await readFile(join(again, file), 'utf8'), await readFile(join(dir, file), 'utf8'), file);
    }
  });

  it('pages through a project larger than a batch, reporting progress, and never overwrites a file', async () => {
    const db = ctx.store.db;
    const big = await makeProject(ctx.store, { kind: 'text' });
    await insertItemsWithTasks(db, big.id, Array.from({ length: 1234 }, (_, i) => textItem(`Text number ${i}.`, { externalId: `b-${i}` })), 1);
    const seen: number[] = [];
    const plan = await planExport(db, big, { format: 'jsonl', selection: 'all', filters: {} });
    const path = scratch.path(`big-${ctx.engine}.jsonl`);
    await writeExport({ db, files: scratch.files }, plan, path, { onProgress: (p) => seen.push(p.done) });
    const lines = await jsonLines(path);
    assert.equal(lines.length, 1234);
    assert.equal(new Set(lines.map((l) => l.item.id)).size, 1234);
    assert.equal(seen.at(-1), 1234);
    await mkdir(scratch.path('taken'), { recursive: true });
    await writeFile(scratch.path('taken', 'x'), 'x');
    await assert.rejects(writeExport({ db, files: scratch.files }, plan, scratch.path('taken')), (e) => isDomainError(e) && e.code === 'conflict');
    await assert.rejects(planExport(db, big, { format: 'coco', selection: 'all', filters: {} }), (e) => isDomainError(e) && e.code === 'invalid_input');
  });
});
