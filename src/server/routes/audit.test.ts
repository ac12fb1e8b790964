import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { verifyExportFile } from '../../services/audit/export-trail.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeProject } from '../../../test/support/fixtures.ts';

describeEachEngine('audit routes', (ctx) => {
  let t: TestApp;
  let admin: { user: { id: number; email: string }; cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    admin = await t.signedIn('admin');
  });
  after(async () => t.close());

  it('searches newest first by actor, action family and subject, a page at a time', async () => {
    const someone = await t.signedIn('annotator');
    await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: someone.user.email, password: 'wrong password' } });
    await t.request({ method: 'POST', url: '/api/v1/auth/logout', cookie: someone.cookie });
    const search = (query: string) => t.request({ method: 'GET', url: `/api/v1/audit?${query}`, cookie: admin.cookie });

    const mine = (await search(`actor=${someone.user.id}`)).json();
    assert.deepEqual(mine.events.map((e: { action: string }) => e.action), ['auth.sign_out', 'auth.sign_in_failed', 'auth.sign_in']);
    assert.ok(mine.events[0].seq > mine.events[1].seq);
    assert.equal(mine.events[0].sourceIp, '127.0.0.1');

    const byEmail = (await search(`actor=${encodeURIComponent(someone.user.email.toUpperCase())}&action=auth.sign_in`)).json();
    assert.equal(byEmail.events.length, 1);
    const subject = (await search(`subject=user:${someone.user.id}&action=auth.`)).json();
    assert.equal(subject.events.length, 3);

    const first = (await search(`action=auth.&limit=2`)).json();
    assert.equal(first.events.length, 2);
    assert.ok(first.nextCursor);
    const second = (await search(`action=auth.&limit=2&cursor=${first.nextCursor}`)).json();
    assert.ok(second.events.every((e: { seq: number }) => e.seq < first.nextCursor));
    const future = (await search(`from=2999-01-01`)).json();
    assert.deepEqual(future.events, []);
    assert.equal((await search('actor=nobody')).statusCode, 400);
  });

  it('records a change of the QA policy with the fields it changed, and who made it', async () => {
    const manager = await t.signedIn('manager');
    const project = await makeProject(ctx.store);
    const put = await t.request({ method: 'PUT', url: `/api/v1/projects/${project.id}/qa-policy`, cookie: manager.cookie, payload: { goldRate: 0.05, agreementThreshold: 0.42 } });
    assert.equal(put.statusCode, 200);
    const found = (await t.request({ method: 'GET', url: `/api/v1/audit?action=policy.change&subject=project:${project.id}`, cookie: admin.cookie })).json();
    assert.equal(found.events.length, 1);
    assert.equal(String(found.events[0].actorId), String(manager.user.id));
    assert.deepEqual(found.events[0].details, { qaPolicy: ['agreementThreshold', 'goldRate'] });
  });

  it('is for admins and auditors only', async () => {
    const auditor = await t.signedIn('auditor');
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/audit', cookie: auditor.cookie })).statusCode, 200);
    for (const role of ['annotator', 'reviewer', 'manager'] as const) {
      const { cookie } = await t.signedIn(role);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/audit', cookie })).statusCode, 403, role);
      assert.equal((await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie })).statusCode, 403, role);
    }
  });

  it('verifies the chain and names the first broken link', async () => {
    const ok = (await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: admin.cookie })).json();
    assert.equal(ok.ok, true);
    assert.match(ok.head, /^\d+:[0-9a-f]{64}$/);
    await ctx.store.transaction(async (tx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(tx);
      await sql`UPDATE audit_events SET source_ip = '10.0.0.1' WHERE seq = 2`.execute(tx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(tx);
    });
    const broken = (await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: admin.cookie })).json();
    assert.equal(broken.ok, false);
    assert.deepEqual({ seq: broken.brokenAt.seq, reason: broken.brokenAt.reason }, { seq: 2, reason: 'hash_mismatch' });
    await ctx.store.transaction(async (tx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(tx);
      await sql`UPDATE audit_events SET source_ip = '127.0.0.1' WHERE seq = 2`.execute(tx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(tx);
    });
    assert.equal((await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: admin.cookie })).json().ok, true, 'put back, it verifies again');
  });

  it('downloads a period as JSON Lines that verify on their own, and records the download', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/audit/export?from=2000-01-01', cookie: admin.cookie });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /application\/x-ndjson/);
    const lines = response.body.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string });
    assert.equal(lines[0]!.seq, 1);
    assert.ok(lines.some((l) => l.action === 'audit.export'), 'the download itself is in the trail');
    const file = join(t.config.dataDir, 'audit.jsonl');
    writeFileSync(file, response.body);
    const verified = await verifyExportFile(file);
    assert.equal(verified.ok, true);
    assert.equal(verified.count, lines.length);
    const tampered = response.body.replace(`"sourceIp":"127.0.0.1"`, `"sourceIp":"127.0.0.2"`);
    writeFileSync(file, tampered);
    assert.equal((await verifyExportFile(file)).ok, false);
  });
});
