import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../test/support/databases.ts';
import { addTextItems, makePool, makeProject, makeUser, nerSchema } from '../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';

/**
 * Request bodies are strict: a key the API does not know is refused, naming it, rather than dropped
 * silently (a typo would otherwise look like a success). A PATCH naming nothing changes nothing and
 * answers the resource as it is.
 */
describeEachEngine('request bodies and empty changes', (ctx) => {
  let t: TestApp;
  let admin: { cookie: string };
  const patches: Record<string, string> = {};
  before(async () => {
    t = await startTestApp(ctx.store);
    admin = await t.signedIn('admin');
    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(ctx.store.db, project, 1);
    const user = await makeUser(ctx.store.db, 'annotator');
    const hook = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/webhooks`, cookie: admin.cookie, payload: { url: 'https://example.com/hook', events: ['export.ready'] } });
    assert.equal(hook.statusCode, 201, hook.body);
    patches['project'] = `/api/v1/projects/${project.id}`;
    patches['item'] = `/api/v1/items/${itemId}`;
    patches['user'] = `/api/v1/users/${user.id}`;
    patches['webhook'] = `/api/v1/webhooks/${hook.json().webhook.id}`;
  });
  after(async () => t.close());

  const issuePaths = (body: { error: { details?: { issues?: { path: string }[] } } }) => body.error.details?.issues?.map((i) => i.path);

  for (const [what, a] of [['project', 'a'], ['item', 'an'], ['user', 'a'], ['webhook', 'a']] as const) {
    it(`PATCH of ${a} ${what} with an empty body answers it unchanged`, async () => {
      const url = patches[what]!;
      const before = await t.request({ method: 'PATCH', url, cookie: admin.cookie, payload: {} });
      assert.equal(before.statusCode, 200, before.body);
      const again = await t.request({ method: 'PATCH', url, cookie: admin.cookie, payload: {} });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json(), before.json());
    });

    it(`PATCH of ${a} ${what} with an unknown key is refused with a 400 naming it`, async () => {
      const r = await t.request({ method: 'PATCH', url: patches[what]!, cookie: admin.cookie, payload: { nosuch: 1 } });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'invalid_input');
      assert.match(r.json().error.message, /nosuch/);
      assert.deepEqual(issuePaths(r.json()), ['nosuch']);
    });
  }

  it('refuses a new project with a key it does not take, and creates none', async () => {
    const name = `strict ${process.pid} ${ctx.engine}`;
    const body = { name, itemKind: 'text', schema: nerSchema };
    const refused = await t.request({ method: 'POST', url: '/api/v1/projects', cookie: admin.cookie, payload: { ...body, bogus: 1 } });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(issuePaths(refused.json()), ['bogus']);
    const list = await t.request({ method: 'GET', url: '/api/v1/projects', cookie: admin.cookie });
    assert.ok(!list.json().projects.some((p: { name: string }) => p.name === name));
  });

  it('refuses a routing policy with a key it does not take, at its top level too', async () => {
    const project = await makeProject(ctx.store);
    const url = `/api/v1/projects/${project.id}/routing`;
    const refused = await t.request({ method: 'PUT', url, cookie: admin.cookie, payload: { policy: { rules: [], rule: [{ name: 'typo' }] } } });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().error.message, /rule/);
    const current = await t.request({ method: 'GET', url, cookie: admin.cookie });
    assert.equal(current.json().current, null, 'no policy version was recorded');
  });

  it('names the field at fault in a body that may take several shapes (a union), not only "body: Invalid input"', async () => {
    const project = await makeProject(ctx.store);
    const url = `/api/v1/projects/${project.id}/routing`;
    // A preset whose pools are strings, not lists: the preset's shape is the one meant, not the full policy's.
    const preset = await t.request({ method: 'PUT', url, cookie: admin.cookie, payload: { preset: 'vendors_bulk_experts_hard', pools: { inHouse: 'in-house', vendors: ['acme'] } } });
    assert.equal(preset.statusCode, 400, preset.body);
    assert.deepEqual(issuePaths(preset.json()), ['pools.inHouse']);
    assert.match(preset.json().error.message, /^body pools\.inHouse: .*expected array/);
    const dryRun = await t.request({ method: 'POST', url: `${url}/dry-run`, cookie: admin.cookie, payload: { preset: 'no_such_preset', pools: {} } });
    assert.equal(dryRun.statusCode, 400, dryRun.body);
    assert.deepEqual(issuePaths(dryRun.json()), ['preset']);
    const policy = await t.request({ method: 'PUT', url, cookie: admin.cookie, payload: { policy: { rules: 'none' } } });
    assert.equal(policy.statusCode, 400, policy.body);
    assert.deepEqual(issuePaths(policy.json()), ['policy.rules']);
    // The erasure body is a union too: items by id, or a data subject.
    const subject = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { subject: 'k' } });
    assert.equal(subject.statusCode, 400, subject.body);
    assert.deepEqual(issuePaths(subject.json()), ['subject']);
    const ids = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { itemIds: ['1e2'] } });
    assert.equal(ids.statusCode, 400, ids.body);
    assert.deepEqual(issuePaths(ids.json()), ['itemIds[0]']);
  });

  it('refuses a QA policy rate for a pool that does not exist with a 422 naming it, and keeps the policy in force', async () => {
    const project = await makeProject(ctx.store);
    const pool = await makePool(ctx.store.db);
    const url = `/api/v1/projects/${project.id}/qa-policy`;
    const refused = await t.request({ method: 'PUT', url, cookie: admin.cookie, payload: { goldRate: 0.1, poolReviewRates: { [pool.key]: 0.3, nonexistent: 0.5 } } });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.code, 'validation_failed');
    assert.equal(refused.json().error.message, 'poolReviewRates.nonexistent: no pool "nonexistent"');
    assert.deepEqual(issuePaths(refused.json()), ['poolReviewRates.nonexistent']);
    const current = await t.request({ method: 'GET', url, cookie: admin.cookie });
    assert.deepEqual(current.json().poolReviewRates, {});
    assert.equal(current.json().goldRate, 0, 'nothing of the refused change was saved');
    const saved = await t.request({ method: 'PUT', url, cookie: admin.cookie, payload: { poolReviewRates: { [pool.key]: 0.3 } } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().poolReviewRates, { [pool.key]: 0.3 });
  });
});
