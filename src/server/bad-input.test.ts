import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../test/support/databases.ts';
import { insertItemsWithTasks } from '../store/items.ts';
import { addTextItems, makeProject, textItem } from '../../test/support/fixtures.ts';
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
  let admin: { cookie: string };
  let projectId: number;
  before(async () => {
    t = await startTestApp(ctx.store, { bodyLimitBytes: 64 * 1024, loginRatePerMinute: 5 });
    annotator = await t.signedIn('annotator');
    admin = await t.signedIn('admin');
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

  it('reads an id in a path as decimal digits only: 1e2, 0x10, " 1" and 1.0 are refused, not read as numbers', async () => {
    const [itemId] = await addTextItems(ctx.store.db, (await makeProject(ctx.store)), 1);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/items/${itemId}`, cookie: admin.cookie })).statusCode, 200);
    for (const id of [`${itemId}e0`, `0x${itemId!.toString(16)}`, `%20${itemId}`, `${itemId}.0`, `+${itemId}`, `${itemId}%20`]) {
      const error = expectError(await t.request({ method: 'GET', url: `/api/v1/items/${id}`, cookie: admin.cookie }), 400, 'invalid_input');
      assert.deepEqual((error.details as { issues: { path: string }[] }).issues.map((i) => i.path), ['id'], id);
      assert.match(error.message, /^params id: an id is a whole number written in decimal digits/, id);
    }
    // Leading zeros are still digits.
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/items/00${itemId}`, cookie: admin.cookie })).statusCode, 200);
  });

  it('refuses a NUL character in any text with a 400 naming the field, before anything is stored', async () => {
    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(ctx.store.db, project, 1);
    const nul = (response: Awaited<ReturnType<TestApp['request']>>, path: string, part = 'body') => {
      const error = expectError(response, 400, 'invalid_input');
      assert.deepEqual((error.details as { issues: { path: string; message: string }[] }).issues, [{ path, message: 'contains a NUL character' }]);
      assert.equal(error.message, `${part} ${path}: contains a NUL character`);
    };
    const as = { cookie: admin.cookie };
    nul(await t.request({ method: 'PATCH', url: `/api/v1/projects/${project.id}`, ...as, payload: { description: 'bad \u0000 desc' } }), 'description');
    nul(await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/webhooks`, ...as, payload: { url: 'https://example.com/h', events: ['export.ready'], description: 'a\u0000' } }), 'description');
    nul(await t.request({ method: 'PATCH', url: `/api/v1/items/${itemId}`, ...as, payload: { tags: ['fine', 'b\u0000'] } }), 'tags[1]');
    nul(await t.request({ method: 'POST', url: '/api/v1/tokens', ...as, payload: { name: 'ci\u0000' } }), 'name');
    nul(await t.request({ method: 'POST', url: '/api/v1/erasures', ...as, payload: { subject: 'k=v\u0000' } }), 'subject');
    nul(await t.request({ method: 'GET', url: '/api/v1/projects?name=a%00b', ...as }), 'name', 'querystring');
    // Anonymous sign-in, which had logged a stack trace.
    nul(await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\u0000@app.test', password: 'wrong password' }, remoteAddress: '10.9.9.8' }), 'email');
    // A key is named as a JSON string, so that the message holds no NUL itself.
    const key = expectError(await t.request({ method: 'PATCH', url: `/api/v1/projects/${project.id}`, ...as, headers: { 'content-type': 'application/json' }, payload: '{"a\\u0000b": 1}' }), 400, 'invalid_input');
    assert.deepEqual((key.details as { issues: unknown[] }).issues, [{ path: '["a\\u0000b"]', message: 'the field name contains a NUL character' }]);
    assert.ok(!key.message.includes('\0'));
    const after = await t.request({ method: 'GET', url: `/api/v1/projects/${project.id}`, ...as });
    assert.equal(after.json().description, project.description, 'nothing was changed');
  });

  it('refuses a review comment holding a NUL character', async () => {
    const reviewer = await t.signedIn('reviewer');
    const claimed = await t.request({ method: 'POST', url: `/api/v1/projects/${projectId}/tasks/next`, cookie: annotator.cookie });
    assert.equal(claimed.statusCode, 200, claimed.body);
    const { task } = claimed.json() as { task: { id: number } };
    const submitted = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: annotator.cookie, payload: { result: { choices: { sentiment: ['positive'] }, regions: [] } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const url = `/api/v1/annotations/${submitted.json().id}/reviews`;
    const error = expectError(await t.request({ method: 'POST', url, cookie: reviewer.cookie, payload: { decision: 'reject', comment: 'see \u0000 here' } }), 400, 'invalid_input');
    assert.equal(error.message, 'body comment: contains a NUL character');
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

  it('refuses a span that cuts an emoji (a UTF-16 surrogate pair) in half, naming the region', async () => {
    const project = await makeProject(ctx.store);
    await insertItemsWithTasks(ctx.store.db, project.id, [textItem('Ship it 🚀 today, said Ada.')], 1);
    const claimed = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks/next`, cookie: annotator.cookie });
    assert.equal(claimed.statusCode, 200, claimed.body);
    const { task } = claimed.json() as { task: { id: number } };
    const span = (start: number, end: number) => ({ result: { choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start, end }] } });
    const error = expectError(await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: annotator.cookie, payload: span(9, 10) }), 422, 'validation_failed');
    assert.deepEqual((error.details as { issues: { path: string }[] }).issues.map((i) => i.path), ['regions[0].start']);
    assert.match(error.message, /UTF-16/);
    const whole = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: annotator.cookie, payload: span(8, 10) });
    assert.equal(whole.statusCode, 201, whole.body);
    // The API document says how offsets count.
    const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const kinds = doc.components.schemas.AnnotationResultInput.properties.regions.items.anyOf ?? doc.components.schemas.AnnotationResultInput.properties.regions.items.oneOf;
    const spanShape = kinds.find((k: { properties: { kind: { enum?: string[] } } }) => k.properties.kind.enum?.includes('span'));
    assert.match(spanShape.properties.start.description, /UTF-16 code units/);
    assert.match(spanShape.properties.end.description, /UTF-16 code units.*End exclusive/);
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
