/** A running server chains the audit outbox by itself: an act is in the hash-chained trail within moments. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server/runtime.ts';
import { addUser } from '../../src/services/manage-users.ts';
import { searchAuditEvents } from '../../src/store/audit-search.ts';
import { outboxLength } from '../../src/store/audit-chain.ts';

describe('the server keeps the audit trail chained', () => {
  let server: RunningServer;
  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-runtime-'));
    server = await startServer(loadConfig({ dataDir, port: 0, logLevel: 'silent' }, {}), { webRoot: join(dataDir, 'no-web') });
  });
  after(async () => server?.stop());

  it('chains a sign-in without anyone asking', async () => {
    const user = await addUser(server.store.db, { email: 'chained@runtime.test', role: 'annotator', password: 'correct horse battery' });
    const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: 'correct horse battery' }) });
    assert.equal(response.status, 200);
    const deadline = Date.now() + 5000;
    let chained = await searchAuditEvents(server.store.db, { actorId: user.id, limit: 5 });
    while (chained.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      chained = await searchAuditEvents(server.store.db, { actorId: user.id, limit: 5 });
    }
    assert.deepEqual(chained.map((e) => e.action), ['auth.sign_in']);
    assert.equal(chained[0]?.sourceIp, '127.0.0.1');
    assert.equal(await outboxLength(server.store.db), 0);
  });
});
