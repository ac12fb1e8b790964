import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { LabelSchema } from '../core/label-schema.ts';
import { listItemAnnotations } from '../store/annotations.ts';
import { findItemsByExternalIds } from '../store/jobs-import-writes.ts';
import { listItemReviews } from '../store/reviews.ts';
import { insertPool, setProjectPools, upsertMember } from '../store/pools.ts';
import { findItemState, saveItemState } from '../store/item-states.ts';
import { stageCounts } from '../store/stage-counts.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { setRoutingPolicy } from './routing/set-routing-policy.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { drawImage, makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { importAnnotations } from './import-annotations.ts';

const LABEL_STUDIO = 'test/fixtures/formats/label-studio-export.json';
const CVAT_XML = 'test/fixtures/formats/cvat-for-images-1.1.xml';

const streetSchema: LabelSchema = {
  controls: [
    { name: 'vehicle', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }, { name: 'truck', color: '#00ff00' }] },
    { name: 'outline', kind: 'polygon', labels: [{ name: 'road', color: '#0000ff' }] },
    { name: 'quality', kind: 'single_choice', labels: [{ name: 'good', color: '#111111' }, { name: 'blurry', color: '#222222' }] },
    { name: 'time', kind: 'single_choice', labels: [{ name: 'day', color: '#333333' }, { name: 'night', color: '#444444' }] },
  ],
};

function codeOf(error: unknown): string | null {
  return isDomainError(error) ? error.code : null;
}

describeEachEngine('importing annotations', (ctx) => {
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
    await drawImage(scratch.path('ls', '8f1c2e9a-street_01.jpg'), 1280, 720);
    for (const n of [0, 1, 2]) await drawImage(scratch.path('cvat', 'street', `frame_00000${n}.jpg`), 1280, 720);
  });
  after(() => scratch.remove());

  const countAnnotations = async (projectId: number) =>
    Number((await ctx.store.db.selectFrom('annotations').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);

  it('refuses a Label Studio export with a text task in an image project, naming it, and writes nothing', async () => {
    const project = await makeProject(ctx.store, { kind: 'image', schema: streetSchema });
    await assert.rejects(
      importAnnotations(ctx.store, { project, format: 'label-studio', path: LABEL_STUDIO, imagesDir: scratch.path('ls'), createdBy: null, files: scratch.files }),
      (e: unknown) => codeOf(e) === 'validation_failed' && /nothing was imported.*\[1\]: a text record in a project of image items/.test((e as Error).message),
    );
    assert.equal(await countAnnotations(project.id), 0);
  });

  it('imports a Label Studio export with --skip-invalid: the annotator by e-mail, the model with its confidences', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'image', schema: streetSchema });
    const maria = await makeUser(db, 'annotator');
    await db.updateTable('users').set({ email: `maria+${maria.id}@example.com` }).where('id', '=', maria.id).execute();
    const report = await importAnnotations(ctx.store, {
      project, format: 'label-studio', path: LABEL_STUDIO, imagesDir: scratch.path('ls'), skipInvalid: true, createdBy: null, files: scratch.files,
    });
    assert.deepEqual([report.records, report.imported, report.itemsCreated, report.annotations, report.predictions], [2, 1, 1, 1, 1]);
    assert.equal(report.rejected.length, 1);
    const item = (await findItemsByExternalIds(db, project.id, ['8f1c2e9a-street_01.jpg'])).get('8f1c2e9a-street_01.jpg');
    assert.ok(item, 'the item is known by its file name');
    assert.deepEqual([item.width, item.height], [1280, 720]);
    const [truth, prediction] = await listItemAnnotations(db, project.id, item.id);
    assert.equal(truth!.source, 'import');
    assert.equal(truth!.timeSpentMs, 12500);
    assert.deepEqual(truth!.result.choices, { quality: ['good'] });
    assert.equal(truth!.result.regions.length, 3);
    assert.equal(prediction!.source, 'model');
    assert.deepEqual(prediction!.model, { name: 'label-studio', version: 'yolov8-2024-05' });
    assert.equal(prediction!.confidence, 0.93);
    const row = await db.selectFrom('annotations').select('confidences').where('id', '=', prediction!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row.confidences, { regions: [0.93], choices: {} });
    const tasks = await db.selectFrom('tasks').select('status').where('item_id', '=', item.id).execute();
    assert.deepEqual(tasks.map((t) => t.status), ['done'], 'the labels arrived with the item');
  });

  it('imports a CVAT for images XML export with its images: tags as choices, auto shapes as predictions', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'image', schema: streetSchema });
    const report = await importAnnotations(ctx.store, { project, format: 'cvat-xml', path: CVAT_XML, imagesDir: scratch.path('cvat'), createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsCreated, report.annotations, report.predictions], [3, 3, 1]);
    const items = await findItemsByExternalIds(db, project.id, ['street/frame_000000.jpg', 'street/frame_000001.jpg']);
    const first = await listItemAnnotations(db, project.id, items.get('street/frame_000000.jpg')!.id);
    assert.deepEqual(first.map((a) => a.source), ['import', 'model'], 'the empty human result beside the model shape is not kept');
    assert.deepEqual(first[0]!.result.choices, { time: ['night'] });
    assert.deepEqual(first[0]!.result.regions.map((r) => [r.control, r.label]), [['vehicle', 'car'], ['outline', 'road']]);
    const empty = await listItemAnnotations(db, project.id, items.get('street/frame_000001.jpg')!.id);
    assert.deepEqual(empty.map((a) => a.result), [{ choices: {}, regions: [] }], 'an image without shapes is a negative example');

    const again = await importAnnotations(ctx.store, { project, format: 'cvat', path: CVAT_XML, createdBy: null, files: scratch.files });
    assert.deepEqual([again.itemsCreated, again.itemsMatched], [0, 3], 'a second import finds the items by their file names');
  });

  it('refuses a malformed CVAT file at the element at fault, and a label the schema lacks at its first place', async () => {
    const project = await makeProject(ctx.store, { kind: 'image', schema: streetSchema });
    const broken = scratch.path('broken.xml');
    await writeFile(broken, '<annotations><version>1.1</version><image id="0" name="a.jpg" width="10" height="10"><box label="car" xtl="5" ytl="1" xbr="2" ybr="4"/></image></annotations>');
    await assert.rejects(
      importAnnotations(ctx.store, { project, format: 'cvat', path: broken, createdBy: null, files: scratch.files }),
      (e: unknown) => codeOf(e) === 'validation_failed' && /\/annotations\/image\[1\]\/box\[1\]\/@xbr/.test((e as Error).message),
    );
    const unknownLabel = scratch.path('unknown-label.xml');
    await writeFile(unknownLabel, '<annotations><version>1.1</version><image id="0" name="street/frame_000000.jpg" width="1280" height="720"><box label="bus" xtl="1" ytl="1" xbr="20" ybr="40"/></image></annotations>');
    await assert.rejects(
      importAnnotations(ctx.store, { project, format: 'cvat', path: unknownLabel, imagesDir: scratch.path('cvat'), createdBy: null, files: scratch.files }),
      (e: unknown) => codeOf(e) === 'validation_failed' && /\/annotations\/image\[1\]: bbox label "bus" is not in the schema/.test((e as Error).message),
    );
    assert.equal(await countAnnotations(project.id), 0);
  });

  it('imports model predictions onto existing texts, and refuses a span outside the text', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text' });
    await addTextItems(db, project, 2);
    const good = scratch.path('predictions.jsonl');
    await writeFile(good, [
      JSON.stringify({ item: 't-0', model: { name: 'ner', version: '3.1' }, predictions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12, confidence: 0.9 }, { control: 'sentiment', kind: 'choice', label: 'positive', confidence: 0.5 }] }),
      JSON.stringify({ item: 't-1', model: { name: 'ner', version: '3.1' }, predictions: [] }),
    ].join('\n'));
    const report = await importAnnotations(ctx.store, { project, format: 'predictions', path: good, createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsMatched, report.predictions, report.itemsCreated], [2, 2, 0]);
    const item = (await findItemsByExternalIds(db, project.id, ['t-0'])).get('t-0')!;
    const [prediction] = await listItemAnnotations(db, project.id, item.id);
    assert.ok(Math.abs(prediction!.confidence! - 0.7) < 1e-9, 'the mean of the labels\' confidences');
    const tasks = await db.selectFrom('tasks').select('status').where('item_id', '=', item.id).execute();
    assert.deepEqual(tasks.map((t) => t.status), ['queued'], 'predictions leave the work to annotators');

    const bad = scratch.path('bad-predictions.jsonl');
    await writeFile(bad, [
      JSON.stringify({ item: 't-0', model: { name: 'ner', version: '3.1' }, predictions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 999, confidence: 0.9 }] }),
      JSON.stringify({ item: 'nowhere', model: { name: 'ner', version: '3.1' }, predictions: [] }),
    ].join('\n'));
    await assert.rejects(importAnnotations(ctx.store, { project, format: 'predictions', path: bad, createdBy: null, files: scratch.files }), (e: unknown) => {
      const issues = ((e as { details?: { issues?: { path: string; message: string }[] } }).details?.issues ?? []).map((i) => i.path);
      return codeOf(e) === 'validation_failed' && issues.some((p) => p.startsWith('line 1: annotations[0].regions[0]')) && issues.includes('line 2');
    });
  });

  it('refuses a record holding a NUL character (PostgreSQL cannot store one) at its place, and imports the rest with skipInvalid', async () => {
    const project = await makeProject(ctx.store, { kind: 'text' });
    const path = scratch.path('nul.spacy.json');
    await writeFile(path, JSON.stringify([
      ['Ada met Alan.', { entities: [[0, 3, 'PER']] }],
      ['Bad \u0000 text.', { entities: [] }],
      ['Grace met Ada.', { entities: [[0, 5, 'P\u0000ER']] }],
    ]));
    await assert.rejects(importAnnotations(ctx.store, { project, format: 'spacy', path, createdBy: null, files: scratch.files }), (e: unknown) => {
      assert.equal(codeOf(e), 'validation_failed', String(e));
      const issues = (e as { details: { issues: { path: string; message: string }[] } }).details.issues;
      assert.deepEqual(issues, [
        { path: '[1]', message: 'text: contains a NUL character' },
        { path: '[2]', message: 'annotations[0].result.regions[0].label: contains a NUL character' },
      ]);
      assert.ok(!(e as Error).message.includes('\0'));
      return true;
    });
    assert.equal(await countAnnotations(project.id), 0);
    const report = await importAnnotations(ctx.store, { project, format: 'spacy', path, skipInvalid: true, createdBy: null, files: scratch.files });
    assert.deepEqual([report.records, report.imported, report.itemsCreated, report.rejected.length], [3, 1, 1, 2]);
    assert.ok(report.warnings.every((w) => !w.includes('\0')), report.warnings.join('; '));
  });

  it('routes the items it creates under the project\'s policy, a prediction\'s confidence as the model\'s', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text' });
    const key = `experts-${process.pid % 10000}-${ctx.engine}`;
    await insertPool(db, { key, name: 'Experts', kind: 'in_house', vendor: null, costModel: null, regions: ['*'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const manager = actorOf(await makeUser(db, 'manager'));
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy: { rules: [{ name: 'unsure to experts', when: { confidenceBelow: 0.5 }, to: [{ pool: key, weight: 1 }] }] } }));
    const file = scratch.path(`routed-${ctx.engine}.jsonl`);
    const line = (id: string, confidence: number) => JSON.stringify({
      item: { externalId: id, kind: 'text', text: `Ada Lovelace, ${id}.` },
      annotations: [{ id: 1, source: 'model', model: { name: 'ner', version: '1' }, result: { choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12 }] }, confidences: { regions: [confidence], choices: {} }, createdAt: '2024-05-01T10:00:00Z' }],
    });
    await writeFile(file, `${line('unsure', 0.3)}\n${line('sure', 0.9)}\n`);
    await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    const tasks = await db.selectFrom('tasks as t').innerJoin('items as i', 'i.id', 't.item_id').select(['i.external_id', 't.pool_id', 't.routed_by']).where('t.project_id', '=', project.id).orderBy('i.id').execute();
    assert.deepEqual(tasks.map((t) => [t.external_id, t.routed_by]), [['unsure', 'unsure to experts'], ['sure', null]]);
  });

  it('carries an Atelier JSONL history over: superseded work, reviews, and the correction they point to', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text' });
    const text = 'Ada Lovelace met Charles Babbage in London.';
    const span = (label: string, start: number, end: number) => ({ control: 'entities', kind: 'span', label, start, end });
    const history = scratch.path('history.jsonl');
    await writeFile(history, `${JSON.stringify({
      item: { id: 9, externalId: 'doc-9', kind: 'text', text },
      annotations: [
        { id: 1, source: 'human', result: { choices: {}, regions: [span('LOC', 0, 12)] }, createdAt: '2024-05-01T10:00:00Z', review: { decision: 'correct', reviewerId: 4, comment: 'Ada is a person' } },
        { id: 2, source: 'human', result: { choices: {}, regions: [span('PER', 0, 12)] }, createdAt: '2024-05-01T11:00:00Z', supersedesId: 1 },
      ],
    })}\n`);
    const report = await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: history, createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsCreated, report.annotations, report.reviews], [1, 2, 1]);
    const item = (await findItemsByExternalIds(db, project.id, ['doc-9'])).get('doc-9')!;
    const [first, second] = await listItemAnnotations(db, project.id, item.id);
    assert.equal(second!.supersedesId, first!.id);
    assert.equal(first!.createdAt.toISOString(), '2024-05-01T10:00:00.000Z');
    const [review] = await listItemReviews(db, project.id, item.id);
    assert.deepEqual([review!.decision, review!.annotationId, review!.correctedAnnotationId], ['correct', first!.id, second!.id]);
  });

  it('settles imported items into their stage by the file\'s history, crediting each label to its pool, the same on a retry', async () => {
    const db = ctx.store.db;
    const made = await makeProject(ctx.store, { kind: 'text' });
    // Crowd work is always reviewed; the rest never, so that no draw decides the outcome.
    const project = { ...made, qaPolicy: { ...made.qaPolicy, reviewRates: { crowd: 1, vendor: 0, in_house: 0, staff: 0 } } };
    const suffix = `${process.pid % 10000}-${ctx.engine}`;
    const pool = (key: string, kind: 'crowd' | 'in_house') => insertPool(db, { key, name: key, kind, vendor: null, costModel: null, regions: ['*'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const crowd = await pool(`crowd-${suffix}`, 'crowd');
    const staff = await pool(`staff-${suffix}`, 'in_house');
    await setProjectPools(db, project.id, [crowd.id, staff.id]);
    const ada = await makeUser(db, 'annotator');
    await upsertMember(db, staff.id, ada.id, 'annotator');
    const text = 'Ada Lovelace met Charles Babbage in London.';
    const span = (label: string) => ({ choices: {}, regions: [{ control: 'entities', kind: 'span', label, start: 0, end: 12 }] });
    const line = (id: string, annotations: unknown[]) => JSON.stringify({ item: { externalId: id, kind: 'text', text: `${text} ${id}` }, annotations });
    const file = scratch.path(`stages-${ctx.engine}.jsonl`);
    await writeFile(file, [
      line('accepted', [{ id: 1, source: 'human', result: span('PER'), createdAt: '2024-05-01T10:00:00Z', review: { decision: 'accept', reviewerId: 4, comment: null } }]),
      line('corrected', [
        { id: 1, source: 'human', result: span('LOC'), createdAt: '2024-05-01T10:00:00Z', review: { decision: 'correct', reviewerId: 4, comment: 'a person' } },
        { id: 2, source: 'human', result: span('PER'), createdAt: '2024-05-02T09:00:00Z', supersedesId: 1 },
      ]),
      line('unreviewed', [{ id: 1, source: 'human', annotator: { id: 7, email: ada.email.toUpperCase() }, result: span('PER'), createdAt: '2024-05-03T08:00:00Z' }]),
      line('crowd', [{ id: 1, source: 'human', pool: { id: 99, key: crowd.key, kind: 'crowd' }, result: span('PER'), createdAt: '2024-05-04T08:00:00Z' }]),
      line('rejected', [{ id: 1, source: 'human', result: span('LOC'), createdAt: '2024-05-05T08:00:00Z', review: { decision: 'reject', reviewerId: 4, comment: 'wrong' } }]),
      line('predicted', [{ id: 1, source: 'model', model: { name: 'ner', version: '1' }, result: span('PER'), createdAt: '2024-05-06T08:00:00Z' }]),
      line('elsewhere', [{ id: 1, source: 'human', pool: { id: 3, key: 'gone-elsewhere', kind: 'vendor' }, result: span('PER'), createdAt: '2024-05-07T08:00:00Z' }]),
    ].join('\n'));
    const report = await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    assert.deepEqual(report.warnings, ['the file names pools this Atelier has not (gone-elsewhere): their annotations were credited to their annotator\'s one pool in the project where there is one; 1 belong to no pool']);
    const items = await findItemsByExternalIds(db, project.id, ['accepted', 'corrected', 'unreviewed', 'crowd', 'rejected', 'predicted', 'elsewhere']);
    const stagesNow = async () => {
      const out: Record<string, [string, string | null, string | null] | null> = {};
      for (const [key, item] of items) {
        const state = await findItemState(db, project.id, item.id);
        out[key] = state && [state.stage, state.reason, state.acceptedAt?.toISOString() ?? null];
      }
      return out;
    };
    const expected = {
      accepted: ['accepted', 'accepted in review', '2024-05-01T10:00:00.000Z'],
      corrected: ['accepted', 'corrected in review', '2024-05-02T09:00:00.000Z'],
      unreviewed: ['accepted', 'imported', '2024-05-03T08:00:00.000Z'],
      crowd: ['review', 'sampled', null],
      rejected: ['review', 'review_rejected', null],
      predicted: null,
      elsewhere: ['accepted', 'imported', '2024-05-07T08:00:00.000Z'],
    };
    assert.deepEqual(await stagesNow(), expected);
    const corrected = await findItemState(db, project.id, items.get('corrected')!.id);
    assert.deepEqual(corrected!.consensus, span('PER'), 'the correction is the label');
    const counts = await stageCounts(db, project.id);
    assert.deepEqual([counts.accepted, counts.review, counts.adjudication], [4, 2, 0], 'the quality page counts what was imported');

    const poolOf = async (key: string) => (await db.selectFrom('annotations').select('pool_id').where('item_id', '=', items.get(key)!.id).executeTakeFirstOrThrow()).pool_id;
    assert.equal(await poolOf('crowd'), crowd.id, 'the pool the file names, by key');
    assert.equal(await poolOf('unreviewed'), staff.id, 'the annotator\'s one pool in the project');
    assert.equal(await poolOf('accepted'), null);
    assert.equal(await poolOf('elsewhere'), null);

    // A retried import settles the same way; what work done here decided stands.
    await ctx.store.transaction((tx) => saveItemState(tx, { projectId: project.id, itemId: items.get('rejected')!.id, stage: 'adjudication', consensus: null, method: 'adjudication', confidence: null, agreement: null, reason: 'review_rejected' }));
    await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    assert.deepEqual(await stagesNow(), { ...expected, rejected: ['adjudication', 'review_rejected', null] });
  });
});
