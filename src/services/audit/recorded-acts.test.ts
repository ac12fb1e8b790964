import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AuditEvent } from '../../core/audit/event.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../media/file-store.ts';
import { searchAuditEvents } from '../../store/audit-search.ts';
import { importItems } from '../import-items.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { reviewAnnotation } from '../review-annotation.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { chainPendingEvents } from './chain-events.ts';

describeEachEngine('acts recorded in the audit trail', (ctx) => {
  const cache = createWorkCache();

  async function eventsAbout(subjectType: string, subjectId: number): Promise<AuditEvent[]> {
    await chainPendingEvents(ctx.store, { wait: true });
    return searchAuditEvents(ctx.store.db, { subjectType, subjectId: String(subjectId), limit: 10 });
  }

  it('an annotation, its correction and its review are each one event, with who, where and which item', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 1);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
    const result = { choices: { sentiment: ['positive'] }, regions: [] };
    // The fast path (this server handed the task out) writes the event inside the submit statement.
    const { annotation } = await submitAnnotation(db, { actor: { ...annotator, sourceIp: '203.0.113.9' }, taskId: claimed.task.id, result }, cache);
    const [created] = await eventsAbout('annotation', annotation.id);
    assert.equal(created?.action, 'annotation.create');
    assert.equal(created?.actorId, annotator.user.id);
    assert.equal(created?.actorEmail, annotator.user.email);
    assert.equal(created?.sourceIp, '203.0.113.9');
    assert.equal(Number(created?.projectId), project.id);
    assert.deepEqual(created?.details, { itemId: claimed.item.id });

    const corrected = await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: { choices: { sentiment: ['negative'] }, regions: [] }, supersedes: annotation.id }, cache);
    const [correction] = await eventsAbout('annotation', corrected.annotation.id);
    assert.deepEqual(correction?.details, { itemId: claimed.item.id, supersedes: annotation.id });

    const review = await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: corrected.annotation.id, decision: 'accept' }, cache));
    const [reviewed] = await eventsAbout('review', review.id);
    assert.equal(reviewed?.action, 'review.create');
    assert.equal(reviewed?.actorId, reviewer.user.id);
    assert.deepEqual(reviewed?.details, { annotationId: corrected.annotation.id, itemId: claimed.item.id, decision: 'accept' });
  });

  it('an import is one event with its counts', async () => {
    const project = await makeProject(ctx.store);
    const admin = await makeUser(ctx.store.db, 'admin');
    const dir = mkdtempSync(join(tmpdir(), 'atelier-audit-import-'));
    writeFileSync(join(dir, 'items.jsonl'), '{"text": "one"}\n{"text": "two"}\n');
    const report = await importItems(ctx.store, { project, source: { format: 'jsonl', path: join(dir, 'items.jsonl') }, createdBy: admin.id, files: new FileStore(join(dir, 'files')) });
    const [imported] = await eventsAbout('import', report.importId);
    assert.equal(imported?.action, 'import.create');
    assert.equal(imported?.actorId, admin.id);
    assert.deepEqual(imported?.details, { format: 'jsonl', imported: 2, rejected: 0 });
  });

  it('a submission that loses its task writes no event', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 1);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const other = actorOf(await makeUser(db, 'annotator'));
    const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
    await assert.rejects(submitAnnotation(db, { actor: other, taskId: claimed.task.id, result: { choices: {}, regions: [] } }, cache));
    await chainPendingEvents(ctx.store, { wait: true });
    assert.deepEqual(await searchAuditEvents(db, { actorId: other.user.id, limit: 5 }), []);
  });
});
