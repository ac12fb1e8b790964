import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { setKnownAnswer } from '../../store/onboarding.ts';
import { findProject } from '../../store/projects.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { addTextItems, makeProject } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

describeEachEngine('onboarding routes', (ctx) => {
  let t: TestApp;
  let manager: { cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    manager = await t.signedIn('manager');
  });
  after(async () => t.close());

  const put = (projectId: number, itemIds: number[]) =>
    t.request({ method: 'PUT', url: `/api/v1/projects/${projectId}/onboarding`, cookie: manager.cookie, payload: { qualification: { itemIds, passMark: 0.8, appliesTo: ['crowd'] } } });

  it('refuses a qualification with items that do not exist or belong to another project, naming them, and saves nothing', async () => {
    const project = await makeProject(ctx.store);
    const other = await makeProject(ctx.store);
    const [ours] = await addTextItems(ctx.store.db, project, 1);
    const [theirs] = await addTextItems(ctx.store.db, other, 1);
    await setKnownAnswer(ctx.store.db, project.id, ours!, { choices: { sentiment: ['positive'] }, regions: [] }, 'manual', null);
    for (const ids of [[99999999], [theirs!], [ours!, theirs!, 99999999]]) {
      const refused = await put(project.id, ids);
      assert.equal(refused.statusCode, 422, refused.body);
      const error = refused.json().error;
      assert.equal(error.code, 'validation_failed');
      for (const id of ids.filter((id) => id !== ours)) assert.match(error.message, new RegExp(`\\b${id}\\b`), `${id} is named: ${error.message}`);
      assert.equal(error.details.issues[0].path, 'qualification.itemIds');
    }
    assert.equal((await findProject(ctx.store.db, project.id))!.qualification, null, 'nothing saved');
  });

  it('refuses items without a known answer (the qualification is scored against them), and saves items that have one', async () => {
    const project = await makeProject(ctx.store);
    const [a, b] = await addTextItems(ctx.store.db, project, 2);
    await setKnownAnswer(ctx.store.db, project.id, a!, { choices: { sentiment: ['positive'] }, regions: [] }, 'manual', null);
    const refused = await put(project.id, [a!, b!]);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().error.message, new RegExp(`item ${b} has no known answer`));
    const saved = await put(project.id, [a!, a!]);
    assert.equal(saved.statusCode, 204, saved.body);
    assert.deepEqual((await findProject(ctx.store.db, project.id))!.qualification, { itemIds: [a!], passMark: 0.8, appliesTo: ['crowd'] });
    const off = await t.request({ method: 'PUT', url: `/api/v1/projects/${project.id}/onboarding`, cookie: manager.cookie, payload: { requireGuidelinesAck: true, qualification: null } });
    assert.equal(off.statusCode, 204, off.body);
    assert.equal((await findProject(ctx.store.db, project.id))!.qualification, null);
    // Both changes are on their way to the audit trail (its outbox, written with them), the
    // qualification by its size, not its items' answers.
    const trail = await sql<{ details: unknown }>`
      SELECT details FROM audit_outbox WHERE action = 'policy.change' AND project_id = ${project.id} ORDER BY id`.execute(ctx.store.db);
    assert.deepEqual(trail.rows.map((r) => r.details), [
      { onboarding: { qualification: { items: 1, passMark: 0.8, appliesTo: ['crowd'] } } },
      { onboarding: { requireGuidelinesAck: true, qualification: null } },
    ]);
  });
});
