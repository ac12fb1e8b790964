import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import type { SubmittedWork } from '../store/annotations.ts';
import { completeTasksTogether } from '../store/annotations-together.ts';
import { claimAlone } from './claim-together.ts';
import { createSubmitBatches } from './submit-together.ts';

describeEachEngine('submissions that go together', (ctx) => {
  it('store each annotation whose task is still its annotator’s, with its audit event, and refuse the others', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 3);
    const [a, b] = await Promise.all([makeUser(db), makeUser(db)]);
    const claim = (userId: number) =>
      claimAlone(db, { projectId: project.id, userId, stage: 'label', leaseSeconds: 900, holding: [], contexts: [{ poolId: null, memberRole: null, limits: null }] });
    const ta = (await claim(a.id))!;
    const tb = (await claim(b.id))!;
    const work = (taskId: number, userId: number, email: string): SubmittedWork => ({
      projectId: project.id,
      taskId,
      userId,
      schemaVersion: 1,
      guidelinesVersion: null,
      result: { spans: [{ start: 0, end: 3, label: 'PERSON' }] } as never,
      timeSpentMs: 1200,
      clientToken: `token-${userId}`,
      audit: { actorEmail: email, sourceIp: '10.0.0.2' },
    });
    // b's second entry is for a's task: not theirs to finish.
    const out = await completeTasksTogether(db, [work(ta.task.id, a.id, a.email), work(tb.task.id, b.id, b.email), work(ta.task.id, b.id, b.email)]);
    assert.equal(out[0]?.annotatorId, a.id);
    assert.equal(out[0]?.timeSpentMs, 1200);
    assert.equal(out[0]?.clientToken, `token-${a.id}`);
    assert.equal(out[1]?.taskId, tb.task.id);
    assert.equal(out[2], null);
    const tasks = await db.selectFrom('tasks').select(['id', 'status']).where('id', 'in', [ta.task.id, tb.task.id]).execute();
    assert.deepEqual(tasks.map((t) => t.status), ['done', 'done']);
    const events = await db.selectFrom('audit_outbox').select(['actor_email', 'subject_id']).where('action', '=', 'annotation.create').where('actor_id', 'in', [a.id, b.id]).execute();
    assert.deepEqual(events.map((e) => e.actor_email).sort(), [a.email, b.email].sort());
  });

  it('go one by one when a batch fails as a whole, so that one bad submission costs no other', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 2);
    const user = await makeUser(db);
    const claimed = (await claimAlone(db, { projectId: project.id, userId: user.id, stage: 'label', leaseSeconds: 900, holding: [], contexts: [{ poolId: null, memberRole: null, limits: null }] }))!;
    const batches = createSubmitBatches(db);
    const good: SubmittedWork = { projectId: project.id, taskId: claimed.task.id, userId: user.id, schemaVersion: 1, guidelinesVersion: null, result: { spans: [] } as never, timeSpentMs: 5, clientToken: null };
    // A schema version past the int range makes the whole statement fail.
    const bad: SubmittedWork = { ...good, taskId: claimed.task.id + 1_000_000, schemaVersion: 2 ** 40 };
    const [stored, refused] = await Promise.allSettled([batches.run(good), batches.run(bad)]);
    assert.equal(batches.batches, 1, 'the two went together first');
    assert.equal(stored.status === 'fulfilled' && stored.value?.taskId, claimed.task.id);
    assert.equal(refused.status, 'rejected');
  });
});
