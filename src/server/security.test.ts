import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { chainPendingEvents } from '../services/audit/chain-events.ts';
import { addUser, createApiToken } from '../services/manage-users.ts';
import { searchAuditEvents } from '../store/audit-search.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { addTextItems, makeProject } from '../../test/support/fixtures.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/app.ts';
import { csrfRefusal } from './security.ts';

const schema = { controls: [{ name: 'sentiment', kind: 'single_choice', labels: [{ name: 'positive', color: '#00ff00' }] }] };
const newProject = (name: string) => ({ name, itemKind: 'text', schema, guidelines: '' });

describeEachEngine('hardening', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(ctx.store, { loginRatePerMinute: 1000 });
  });
  after(async () => {
    await t.close();
  });

  it('sends security headers, and keeps API answers out of caches', async () => {
    const { cookie } = await t.signedIn('annotator');
    const response = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(String(response.headers['permissions-policy']), /camera=\(\)/);
    assert.match(String(response.headers['set-cookie'] ?? ''), /^$/, 'no cookie is set on a plain read');
  });

  it('refuses cross-site unsafe requests made with the session cookie, not those with a token or from its own pages', async () => {
    const { user, cookie } = await t.signedIn('manager');
    const post = (headers: Record<string, string>, name: string) =>
      t.request({ method: 'POST', url: '/api/v1/projects', cookie, headers: { ...headers, host: 'atelier.test' }, payload: newProject(name) });
    const forged: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }];
    for (const headers of forged) {
      const refused = await post(headers, `csrf ${JSON.stringify(headers)}`);
      assert.equal(refused.statusCode, 403, JSON.stringify(headers));
      assert.match(refused.json().error.message, /cross-site request refused/);
    }
    assert.equal((await post({ 'sec-fetch-site': 'same-origin', origin: 'http://atelier.test' }, 'csrf same origin')).statusCode, 201);
    assert.equal((await post({ origin: 'http://atelier.test' }, 'csrf origin only')).statusCode, 201);
    // Logging in from a foreign page is refused too (login CSRF).
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'sec-fetch-site': 'cross-site' }, payload: { email: user.email, password: TEST_PASSWORD } });
    assert.equal(login.statusCode, 403);
    // Reads are never refused, and a bearer token is not something a browser adds by itself.
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie, headers: { 'sec-fetch-site': 'cross-site' } })).statusCode, 200);
    const { secret } = await createApiToken(ctx.store.db, { userId: user.id, name: 'ci', scopes: [], expiresAt: null });
    const withToken = await t.request({ method: 'POST', url: '/api/v1/projects', headers: { authorization: `Bearer ${secret}`, 'sec-fetch-site': 'cross-site' }, payload: newProject('csrf token') });
    assert.equal(withToken.statusCode, 201);
  });

  it('lets pages of an allowed origin act (a proxy that rewrites Host), configured by origin', async () => {
    const config = loadConfig({ dataDir: t.config.dataDir }, { ATELIER_ALLOWED_ORIGINS: 'https://atelier.example.org/, https://ops.example.org:8443' });
    assert.deepEqual(config.allowedOrigins, ['https://atelier.example.org', 'https://ops.example.org:8443']);
    assert.throws(() => loadConfig({}, { ATELIER_ALLOWED_ORIGINS: 'atelier.example.org' }), /ATELIER_ALLOWED_ORIGINS/);
    const proxied = await startTestApp(ctx.store, { allowedOrigins: config.allowedOrigins });
    try {
      const { cookie } = await proxied.signedIn('manager');
      const post = (origin: string) => proxied.request({ method: 'POST', url: '/api/v1/projects', cookie, headers: { origin, host: 'internal:8080' }, payload: newProject(`proxied ${origin}`) });
      assert.equal((await post('https://atelier.example.org')).statusCode, 201);
      assert.equal((await post('https://other.example.org')).statusCode, 403);
    } finally {
      await proxied.close();
    }
  });

  it('decides forgery from the headers alone', () => {
    const req = (method: string, headers: Record<string, string>) => ({ method, protocol: 'https' as const, headers: { host: 'a.test', ...headers } });
    assert.equal(csrfRefusal(req('GET', { 'sec-fetch-site': 'cross-site' })), null);
    assert.equal(csrfRefusal(req('DELETE', { 'sec-fetch-site': 'none' })), null);
    assert.notEqual(csrfRefusal(req('PATCH', { 'sec-fetch-site': 'same-site' })), null);
    assert.equal(csrfRefusal(req('PUT', { origin: 'http://a.test' })), null, 'TLS ended at a proxy: the host decides');
    assert.equal(csrfRefusal(req('PUT', { origin: 'https://b.test' }), ['https://b.test']), null);
    assert.notEqual(csrfRefusal(req('PUT', { origin: 'https://a.test.evil' })), null);
  });

  it('limits sign-in attempts and records each, refused or not, with its address', async () => {
    const email = `limited-${process.pid}@app.test`;
    await addUser(ctx.store.db, { email, role: 'annotator', password: TEST_PASSWORD });
    const limited = await startTestApp(ctx.store, { loginRatePerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await limited.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: i === 0 ? TEST_PASSWORD : 'wrong password' } });
      statuses.push(response.statusCode);
    }
    assert.equal(statuses[0], 200);
    assert.ok(statuses.slice(1).includes(401));
    assert.equal(statuses.at(-1), 429, `statuses: ${statuses.join(',')}`);
    await limited.close();
    await chainPendingEvents(ctx.store, { wait: true });
    const events = await searchAuditEvents(ctx.store.db, { actorEmail: email, action: 'auth.', limit: 50 });
    const actions = events.map((e) => e.action);
    assert.ok(actions.includes('auth.sign_in'));
    assert.ok(actions.includes('auth.sign_in_failed'));
    assert.ok(events.every((e) => e.sourceIp === '127.0.0.1'), 'the address of the request is recorded');
  });

  it('slows down an address that keeps presenting bad tokens', async () => {
    const app = await startTestApp(ctx.store);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        statuses.push((await app.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer atl_guess${i}` } })).statusCode);
      }
      assert.deepEqual(statuses.slice(0, 30), new Array(30).fill(401));
      assert.deepEqual(statuses.slice(30), [429, 429]);
    } finally {
      await app.close();
    }
  });

  it('limits token creation', async () => {
    const { cookie } = await t.signedIn('annotator');
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await t.request({ method: 'POST', url: '/api/v1/tokens', cookie, payload: { name: `t${i}` } })).statusCode;
    assert.equal(last, 429);
  });

  it('enforces token scopes: a token does what its scopes allow and its role allows, nothing more', async () => {
    const manager = await addUser(ctx.store.db, { email: `scoped-${process.pid}@app.test`, role: 'manager', password: TEST_PASSWORD });
    const annotateOnly = (await createApiToken(ctx.store.db, { userId: manager.id, name: 'a', scopes: ['annotate'], expiresAt: null })).secret;
    const manage = (await createApiToken(ctx.store.db, { userId: manager.id, name: 'm', scopes: ['manage_projects'], expiresAt: null })).secret;
    const create = (secret: string, name: string) => t.request({ method: 'POST', url: '/api/v1/projects', headers: { authorization: `Bearer ${secret}` }, payload: newProject(name) });
    assert.equal((await create(annotateOnly, 'scoped a')).statusCode, 403);
    assert.equal((await create(manage, 'scoped m')).statusCode, 201);
    const annotator = await addUser(ctx.store.db, { email: `scoped-ann-${process.pid}@app.test`, role: 'annotator', password: TEST_PASSWORD });
    const overreaching = (await createApiToken(ctx.store.db, { userId: annotator.id, name: 'x', scopes: ['manage_projects'], expiresAt: null })).secret;
    assert.equal((await create(overreaching, 'scoped x')).statusCode, 403, 'a scope never widens the role');
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${manage}` } })).statusCode, 403);
  });

  it('keeps credentials to their signed-in owner: a token lists and revokes no sessions or other tokens, but may revoke itself', async () => {
    const { user, cookie } = await t.signedIn('admin');
    const unscoped = await createApiToken(ctx.store.db, { userId: user.id, name: 'everything', scopes: [], expiresAt: null });
    const annotateOnly = await createApiToken(ctx.store.db, { userId: user.id, name: 'labeller', scopes: ['annotate'], expiresAt: null });
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
    const me = async (options: { cookie?: string; headers?: Record<string, string> }) => (await t.request({ method: 'GET', url: '/api/v1/auth/me', ...options })).statusCode;
    const sessionId = ((await t.request({ method: 'GET', url: '/api/v1/sessions', cookie })).json().sessions as { id: number }[])[0]!.id;
    for (const secret of [annotateOnly.secret, unscoped.secret]) {
      for (const [method, url] of [
        ['DELETE', `/api/v1/tokens/${secret === unscoped.secret ? annotateOnly.token.id : unscoped.token.id}`],
        ['GET', '/api/v1/tokens'],
        ['GET', '/api/v1/sessions'],
        ['DELETE', `/api/v1/sessions/${sessionId}`],
        ['POST', '/api/v1/auth/logout-everywhere'],
      ] as const) {
        const refused = await t.request({ method, url, headers: bearer(secret) });
        assert.equal(refused.statusCode, 403, `${method} ${url}: ${refused.body}`);
        assert.match(refused.json().error.message, /^an API token cannot .+; sign in to do so$/);
      }
    }
    assert.equal(await me({ cookie }), 200, 'the session survived');
    assert.equal(await me({ headers: bearer(unscoped.secret) }), 200, 'so did the other token');

    // A token may end itself: whoever holds it can only lose their own access.
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/tokens/${annotateOnly.token.id}`, headers: bearer(annotateOnly.secret) })).statusCode, 204);
    assert.equal(await me({ headers: bearer(annotateOnly.secret) }), 401);
    // Signed in, the owner manages them all.
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/tokens/${unscoped.token.id}`, cookie })).statusCode, 204);
    assert.equal(await me({ headers: bearer(unscoped.secret) }), 401);
  });

  it('blames the token, not the role, when only the token\'s scopes leave an action out', async () => {
    const admin = await addUser(ctx.store.db, { email: `scope-admin-${process.pid}@app.test`, role: 'admin', password: TEST_PASSWORD });
    const reviewer = await addUser(ctx.store.db, { email: `scope-reviewer-${process.pid}@app.test`, role: 'reviewer', password: TEST_PASSWORD });
    const annotator = await addUser(ctx.store.db, { email: `scope-annotator-${process.pid}@app.test`, role: 'annotator', password: TEST_PASSWORD });
    const token = async (userId: number, scopes: string[]) => ({ authorization: `Bearer ${(await createApiToken(ctx.store.db, { userId, name: 's', scopes, expiresAt: null })).secret}` });
    const refusal = async (headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await t.request({ method, url, headers, ...(payload && { payload }) });
      assert.equal(response.statusCode, 403, `${method} ${url}: ${response.body}`);
      return response.json().error.message as string;
    };
    const adminAnnotating = await token(admin.id, ['annotate']);
    assert.equal(await refusal(adminAnnotating, 'GET', '/api/v1/users'), "this token's scopes (annotate) do not include manage_projects; use a token that has it, or sign in");
    assert.match(await refusal(adminAnnotating, 'POST', '/api/v1/users', { email: 'x@app.test', role: 'annotator', password: TEST_PASSWORD }), /scopes \(annotate\) do not include manage_users/);
    assert.match(await refusal(adminAnnotating, 'GET', '/api/v1/audit'), /scopes \(annotate\) do not include read_audit/);

    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(ctx.store.db, project, 1);
    const reviewing = await token(reviewer.id, ['review']);
    assert.match(await refusal(reviewing, 'POST', `/api/v1/projects/${project.id}/tasks/next`), /^this token's scopes \(review\) do not include annotate/);
    assert.match(await refusal(reviewing, 'POST', '/api/v1/tasks/1/annotations', { result: { choices: {}, regions: [] } }), /scopes \(review\) do not include annotate/);
    assert.match(await refusal(await token(reviewer.id, ['annotate']), 'POST', '/api/v1/annotations/1/reviews', { decision: 'accept' }), /scopes \(annotate\) do not include review/);
    assert.match(await refusal(await token(reviewer.id, ['annotate']), 'POST', `/api/v1/items/${itemId}/escalate`, { reason: 'edge_case' }), /scopes \(annotate\) do not include review/);

    // Where the role itself falls short, the role is what the message names, token or not.
    assert.equal(await refusal(await token(annotator.id, ['manage_projects']), 'POST', '/api/v1/projects', newProject(`scopes x ${process.pid}`)), 'creating a project needs the manager role');
    assert.equal(await refusal(await token(annotator.id, ['manage_projects']), 'GET', '/api/v1/users'), 'listing users needs the manager role');
  });

  it('lists sessions, revokes one, signs out everywhere; an expired session is refused', async () => {
    const { user, cookie: first } = await t.signedIn('reviewer');
    const again = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, headers: { 'user-agent': 'second browser' } });
    const second = String(again.headers['set-cookie']).split(';')[0]!;
    const third = String((await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })).headers['set-cookie']).split(';')[0]!;
    const listed = (await t.request({ method: 'GET', url: '/api/v1/sessions', cookie: first })).json().sessions as { id: number; current: boolean; userAgent: string | null }[];
    assert.equal(listed.length, 3);
    assert.equal(listed.filter((s) => s.current).length, 1);
    const other = listed.find((s) => s.userAgent === 'second browser')!;
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/sessions/${other.id}`, cookie: first })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: second })).statusCode, 401, 'the revoked session is gone at once');
    const stranger = await t.signedIn('annotator');
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/sessions/${listed[0]!.id}`, cookie: stranger.cookie })).statusCode, 404, "nobody revokes another's session");

    const everywhere = await t.request({ method: 'POST', url: '/api/v1/auth/logout-everywhere', cookie: first });
    assert.equal(everywhere.json().revoked, 2);
    for (const c of [first, third]) assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: c })).statusCode, 401);

    const fresh = await t.signedIn('annotator');
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${fresh.user.id}`.execute(ctx.store.db);
    t.ctx.auth.forgetAll();
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: fresh.cookie })).statusCode, 401);
  });
});
