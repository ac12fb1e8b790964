import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { qaPolicyOf } from '../../core/quality/qa-policy.ts';
import { saveQaPolicy } from '../../store/workflow.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { addTextItems, makeProject } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

describeEachEngine('task routes', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(ctx.store);
  });
  after(async () => t.close());

  it('gives work a reviewer sent back with their comment and the answer sent back; fresh work and others’ rejected work without', async () => {
    const project = await makeProject(ctx.store);
    await addTextItems(ctx.store.db, project, 2);
    const ana = await t.signedIn('annotator');
    const riley = await t.signedIn('reviewer');
    const claim = (who: { cookie: string }, holding: number[] = []) =>
      t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks/next`, cookie: who.cookie, payload: { holding } });

    const first = await claim(ana);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().sentBack, null, 'a fresh task');
    const { task, item } = first.json();
    const result = { choices: { sentiment: ['positive'] }, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12, text: 'Ada Lovelace' }] };
    const submitted = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: ana.cookie, payload: { result } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const rejected = await t.request({
      method: 'POST',
      url: `/api/v1/annotations/${submitted.json().id}/reviews`,
      cookie: riley.cookie,
      payload: { decision: 'reject', comment: 'Charles Babbage is a person too' },
    });
    assert.equal(rejected.statusCode, 201, rejected.body);

    // Back to Ana first (priority +100), with why and what she answered.
    const back = await claim(ana);
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().task.id, task.id);
    assert.equal(back.json().item.id, item.id);
    const sentBack = back.json().sentBack;
    assert.deepEqual(
      { ...sentBack, reviewedAt: typeof sentBack.reviewedAt },
      { annotationId: submitted.json().id, result, comment: 'Charles Babbage is a person too', reviewerName: riley.user.name, reviewedAt: 'string' },
    );
    // The task taken ahead beside it is a fresh one.
    const ahead = await claim(ana, [task.id]);
    assert.equal(ahead.statusCode, 200, ahead.body);
    assert.notEqual(ahead.json().task.id, task.id);
    assert.equal(ahead.json().sentBack, null);

    // Redone and submitted, the task is done: nothing more is said of it.
    const redone = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: ana.cookie, payload: { result: { ...result, regions: [] } } });
    assert.equal(redone.statusCode, 201, redone.body);
    await t.request({ method: 'POST', url: `/api/v1/tasks/${ahead.json().task.id}/release`, cookie: ana.cookie });
  });

  it('gives rejected work that the QA policy sends to another annotator as fresh work, without the rejected answer', async () => {
    const project = await makeProject(ctx.store);
    await saveQaPolicy(ctx.store.db, project.id, qaPolicyOf({ onReject: 'rework', reworkTo: 'other' }));
    await addTextItems(ctx.store.db, project, 1);
    const ana = await t.signedIn('annotator');
    const other = await t.signedIn('annotator');
    const riley = await t.signedIn('reviewer');
    const { task } = (await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks/next`, cookie: ana.cookie, payload: {} })).json();
    const submitted = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: ana.cookie, payload: { result: { choices: { sentiment: ['negative'] }, regions: [] } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const rejected = await t.request({ method: 'POST', url: `/api/v1/annotations/${submitted.json().id}/reviews`, cookie: riley.cookie, payload: { decision: 'reject', comment: 'not negative' } });
    assert.equal(rejected.statusCode, 201, rejected.body);
    const theirs = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks/next`, cookie: other.cookie, payload: {} });
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.equal(theirs.json().task.id, task.id, 'the task went back to the queue for someone else');
    assert.equal(theirs.json().sentBack, null, 'another annotator starts afresh, without Ana’s answer or the comment on it');
  });
});
