import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../test/support/databases.ts';
import { addTextItems, makeProject } from '../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';

function expectError(response: { statusCode: number; json(): unknown }, status: number, code: string): { message: string; details?: unknown } {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  const body = response.json() as { error: { code: string; message: string; details?: unknown } };
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0, 'the error says what is wrong in words');
  return body.error;
}

describeEachEngine('the API refuses bad input with a clear 4xx', (ctx) => {
  let t: TestApp;
  let annotator: { cookie: string };
  let projectId: number;
  before(async () => {
    t = await startTestApp(ctx.store, { bodyLimitBytes: 64 * 1024, loginRatePerMinute: 5 });
    annotator = await t.signedIn('annotator');
    const project = await makeProject(ctx.store);
    await addTextItems(ctx.store.db, project, 3);
    projectId = project.id;
  });
  after(async () => t.close());

  it('answers health', async () => {
    const r = await t.request({ method: 'GET', url: '/api/health' });
    assert.deepEqual(r.json(), { status: 'ok' });
  });

  it('refuses anonymous calls and unknown tokens', async () => {
    expectError(await t.request({ method: 'GET', url: '/api/v1/projects' }), 401, 'unauthenticated');
    expectError(await t.request({ method: 'GET', url: '/api/v1/projects', headers: { authorization: 'Bearer atl_nope' } }), 401, 'unauthenticated');
  });

  it('refuses malformed JSON, wrong types and oversized bodies', async () => {
    const url = `/api/v1/projects/${projectId}/tasks/next`;
    expectError(await t.request({ method: 'POST', url, cookie: annotator.cookie, headers: { 'content-type': 'application/json' }, payload: '{"holding": [1,' }), 400, 'invalid_input');
    const wrong = expectError(await t.request({ method: 'POST', url, cookie: annotator.cookie, payload: { holding: 'all' } }), 400, 'invalid_input');
    assert.match(JSON.stringify(wrong.details), /holding/);
    const big = JSON.stringify({ holding: [], pad: 'x'.repeat(100 * 1024) });
    expectError(await t.request({ method: 'POST', url, cookie: annotator.cookie, headers: { 'content-type': 'application/json' }, payload: big }), 413, 'payload_too_large');
  });

  it('answers unknown ids and garbage ids with 404 or 400, never 500', async () => {
    expectError(await t.request({ method: 'GET', url: '/api/v1/projects/999999', cookie: annotator.cookie }), 404, 'not_found');
    expectError(await t.request({ method: 'GET', url: '/api/v1/items/999999', cookie: annotator.cookie }), 404, 'not_found');
    expectError(await t.request({ method: 'GET', url: '/api/v1/projects/abc', cookie: annotator.cookie }), 400, 'invalid_input');
    expectError(await t.request({ method: 'GET', url: '/api/v1/projects/99999999999999999999999', cookie: annotator.cookie }), 400, 'invalid_input');
    expectError(await t.request({ method: 'GET', url: '/api/v1/nothing-here', cookie: annotator.cookie }), 404, 'not_found');
  });

  it('does not let one annotator submit, skip or read another’s task', async () => {
    const other = await t.signedIn('annotator');
    const claimed = await t.request({ method: 'POST', url: `/api/v1/projects/${projectId}/tasks/next`, cookie: annotator.cookie });
    assert.equal(claimed.statusCode, 200);
    const { task, item } = claimed.json() as { task: { id: number }; item: { id: number } };
    const result = { choices: { sentiment: ['positive'] }, regions: [] };
    expectError(await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: other.cookie, payload: { result } }), 409, 'lease_lost');
    expectError(await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/skip`, cookie: other.cookie }), 404, 'not_found');
    expectError(await t.request({ method: 'GET', url: `/api/v1/items/${item.id}/content`, cookie: other.cookie }), 404, 'not_found');
    const own = await t.request({ method: 'GET', url: `/api/v1/items/${item.id}/content`, cookie: annotator.cookie });
    assert.equal(own.statusCode, 200);
    assert.match(String(own.headers['content-type']), /text\/plain/);
  });

  it('refuses an annotation that breaks the schema, naming the field', async () => {
    const claimed = await t.request({ method: 'POST', url: `/api/v1/projects/${projectId}/tasks/next`, cookie: annotator.cookie });
    const { task } = claimed.json() as { task: { id: number } };
    const bad = { result: { choices: { sentiment: ['ecstatic'] }, regions: [] } };
    const error = expectError(await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: annotator.cookie, payload: bad }), 422, 'validation_failed');
    assert.deepEqual((error.details as { issues: { path: string }[] }).issues.map((i) => i.path), ['choices.sentiment[0]']);
  });

  it('keeps managers’ routes from annotators', async () => {
    expectError(await t.request({ method: 'POST', url: '/api/v1/projects', cookie: annotator.cookie, payload: { name: 'x', itemKind: 'text', schema: { controls: [{ name: 'c', kind: 'span', labels: [{ name: 'A', color: '#000000' }] }] } } }), 403, 'forbidden');
    expectError(await t.request({ method: 'GET', url: '/api/v1/users', cookie: annotator.cookie }), 403, 'forbidden');
  });

  it('answers a wrong password with 401, then rate-limits sign-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@app.test', password: 'wrong password' }, remoteAddress: '10.9.9.9' });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) expectError(r, 429, 'rate_limited');
      else expectError(r, 401, 'unauthenticated');
    }
    assert.ok(statuses.includes(401) && statuses.at(-1) === 429, `statuses: ${statuses}`);
  });
});
