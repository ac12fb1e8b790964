import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AuditEvent } from '../../core/audit/event.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../media/file-store.ts';
import { searchAuditEvents } from '../../store/audit-search.ts';
import { importItems } from '../import-items.ts';
import { importAnnotations } from '../import-annotations.ts';
import { createExportJob } from '../jobs/enqueue.ts';
import { runJob } from '../jobs/run-job.ts';
import { changeQaPolicy } from '../qa-policy.ts';
import { auditOnboardingChange } from './record.ts';
import { verifyTrail } from './verify-trail.ts';
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

  it('an export written by its job is one event: who, from where, format, selection, filters and counts', async () => {
    const project = await makeProject(ctx.store);
    await addTextItems(ctx.store.db, project, 3);
    const manager = await makeUser(ctx.store.db, 'manager');
    const dir = mkdtempSync(join(tmpdir(), 'atelier-audit-export-'));
    const params = { format: 'jsonl', selection: 'all' as const, filters: { status: 'annotated' as const, labels: ['PER'] }, sourceIp: '198.51.100.4' };
    const { job, export: record } = await ctx.store.transaction((tx) => createExportJob(tx, { project, params, createdBy: manager.id }));
    const run = await runJob({ store: ctx.store, files: new FileStore(join(dir, 'files')), exportsDir: join(dir, 'exports') }, job.id);
    assert.equal(run.outcome, 'done');
    const [exported] = await eventsAbout('export', record.id);
    assert.equal(exported?.action, 'export.create');
    assert.deepEqual([exported?.actorId, exported?.actorEmail, exported?.sourceIp, Number(exported?.projectId)], [manager.id, manager.email, '198.51.100.4', project.id]);
    const bytes = (exported?.details as { bytes: number }).bytes;
    assert.ok(bytes >= 0);
    assert.deepEqual(exported?.details, { format: 'jsonl', selection: 'all', filters: { status: 'annotated', labels: ['PER'] }, items: 0, annotations: 0, bytes });

    // The command line asks with no user: the event says the system did it.
    const cli = await ctx.store.transaction((tx) => createExportJob(tx, { project, params: { format: 'jsonl', selection: 'all', filters: {} }, createdBy: null }));
    await runJob({ store: ctx.store, files: new FileStore(join(dir, 'files')), exportsDir: join(dir, 'exports') }, cli.job.id);
    const [byCli] = await eventsAbout('export', cli.export.id);
    const cliBytes = (byCli?.details as { bytes: number }).bytes;
    assert.ok(cliBytes > 0);
    assert.deepEqual([byCli?.actorId, byCli?.details], [null, { format: 'jsonl', selection: 'all', items: 3, annotations: 0, bytes: cliBytes, via: 'system' }]);
  });

  it('an annotation import is one event with who and what it brought; the trail still verifies', async () => {
    const project = await makeProject(ctx.store);
    const admin = await makeUser(ctx.store.db, 'admin');
    const dir = mkdtempSync(join(tmpdir(), 'atelier-audit-annotations-'));
    const line = (id: string, text: string, sentiment: string) =>
      JSON.stringify({ item: { externalId: id, kind: 'text', text }, annotations: [], consensus: { result: { choices: { sentiment: [sentiment] }, regions: [] }, method: 'review', confidence: null, agreement: null } });
    writeFileSync(join(dir, 'history.jsonl'), `${line('a', 'Ada.', 'positive')}\n${line('b', 'Bob.', 'negative')}\n`);
    const report = await importAnnotations(ctx.store, {
      project, format: 'atelier-jsonl', path: join(dir, 'history.jsonl'), createdBy: admin.id, sourceIp: '192.0.2.7', files: new FileStore(join(dir, 'files')),
    });
    const [imported] = await eventsAbout('import', report.importId);
    assert.equal(imported?.action, 'import.create');
    assert.deepEqual([imported?.actorId, imported?.actorEmail, imported?.sourceIp, Number(imported?.projectId)], [admin.id, admin.email, '192.0.2.7', project.id]);
    assert.deepEqual(imported?.details, { format: 'jsonl', imported: 2, rejected: 0, itemsCreated: 2, itemsMatched: 0, annotations: 2, predictions: 0, reviews: 0 });
    const verification = await verifyTrail(ctx.store);
    assert.equal(verification.ok, true, JSON.stringify(verification));
  });

  it('saving the QA policy and the onboarding settings are policy changes naming what changed', async () => {
    const project = await makeProject(ctx.store);
    const manager = actorOf(await makeUser(ctx.store.db, 'manager'));
    const policy = await ctx.store.transaction((tx) => changeQaPolicy(tx, manager, project, { goldRate: 0.2, agreementThreshold: project.qaPolicy.agreementThreshold }));
    assert.equal(policy.goldRate, 0.2);
    await ctx.store.transaction((tx) => auditOnboardingChange(tx, manager, project.id, { requireGuidelinesAck: true, qualification: { itemIds: [4, 5, 6], passMark: 0.8, appliesTo: ['vendor'] } }));
    await chainPendingEvents(ctx.store, { wait: true });
    const events = await searchAuditEvents(ctx.store.db, { actorId: manager.user.id, limit: 10 });
    assert.deepEqual(events.map((e) => [e.action, e.subjectType, Number(e.subjectId), e.details]).sort(), [
      ['policy.change', 'project', project.id, { onboarding: { requireGuidelinesAck: true, qualification: { items: 3, passMark: 0.8, appliesTo: ['vendor'] } } }],
      ['policy.change', 'project', project.id, { qaPolicy: ['goldRate'] }],
    ]);
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
