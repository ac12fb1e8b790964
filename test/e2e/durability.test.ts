/**
 * Real server processes: a kill -9 during submissions loses no acknowledged annotation, on both
 * engines; and a second process on the same data folder stops with a clear message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';
import { makeAnnotators, populateProject, type BenchAnnotator } from '../../src/bench/populate.ts';
import { startServerProcess, type ServerProcess } from '../../src/bench/server-process.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { engineSkipReason, openPostgresTestStore } from '../support/databases.ts';

const BIN = resolve(import.meta.dirname, '../../bin/atelier.js');
const RESULT = { choices: { sentiment: ['positive'] }, regions: [] };

async function submitUntilKilled(server: ServerProcess, projectId: number, annotators: BenchAnnotator[], killAfterMs: number): Promise<number[]> {
  const acknowledged: number[] = [];
  let alive = true;
  const killer = setTimeout(() => {
    alive = false;
    void server.stop('SIGKILL');
  }, killAfterMs);
  await Promise.all(
    annotators.map(async (a) => {
      const headers = { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' };
      while (alive) {
        try {
          const next = await fetch(`${server.url}/api/v1/projects/${projectId}/tasks/next`, { method: 'POST', headers, body: '{}' });
          if (next.status !== 200) return;
          const { task } = (await next.json()) as { task: { id: number } };
          const submit = await fetch(`${server.url}/api/v1/tasks/${task.id}/annotations`, { method: 'POST', headers, body: JSON.stringify({ result: RESULT }) });
          if (submit.status === 201) acknowledged.push(((await submit.json()) as { id: number }).id);
        } catch {
          return; // the server is gone
        }
      }
    }),
  );
  clearTimeout(killer);
  return acknowledged;
}

async function storedAnnotationIds(store: Store, ids: number[]): Promise<Set<number>> {
  const rows = await store.db.selectFrom('annotations').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

it('PGlite: a kill -9 during submissions loses no acknowledged annotation; the stale lock is taken over', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'atelier-kill-')), 'data');
  let store = await openStore({ engine: 'pglite', dataDir });
  await migrate(store);
  const project = await populateProject(store, { name: 'kill', items: 2000, log: () => {} });
  const annotators = await makeAnnotators(store, 8);
  await store.close();

  const server = await startServerProcess({ dataDir, databaseUrl: null });
  const acknowledged = await submitUntilKilled(server, project.id, annotators, 2500);
  assert.ok(acknowledged.length > 20, `only ${acknowledged.length} submissions went through before the kill`);

  // A new server starts on the folder the killed one held: its lock is stale.
  const again = await startServerProcess({ dataDir, databaseUrl: null });
  await again.stop();
  store = await openStore({ engine: 'pglite', dataDir });
  try {
    const stored = await storedAnnotationIds(store, acknowledged);
    const lost = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged annotations were lost`);
  } finally {
    await store.close();
  }
});

it('PostgreSQL: a kill -9 during submissions loses no acknowledged annotation', { skip: engineSkipReason('postgres') }, async () => {
  const store = await openPostgresTestStore();
  try {
    const project = await populateProject(store, { name: 'kill', items: 2000, log: () => {} });
    const annotators = await makeAnnotators(store, 8);
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-kill-pg-'));
    const server = await startServerProcess({ dataDir, databaseUrl: store.url });
    const acknowledged = await submitUntilKilled(server, project.id, annotators, 2000);
    assert.ok(acknowledged.length > 20, `only ${acknowledged.length} submissions went through before the kill`);
    const stored = await storedAnnotationIds(store, acknowledged);
    assert.deepEqual(acknowledged.filter((id) => !stored.has(id)), []);
  } finally {
    await store.close();
  }
});

it('a second process on the same data folder stops with a clear message', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'atelier-lock-')), 'data');
  const server = await startServerProcess({ dataDir, databaseUrl: null });
  try {
    const second = spawnSync(process.execPath, [BIN, 'migrate', '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    assert.equal(second.status, 73);
    assert.match(second.stderr, /^atelier: the data folder .* is in use by another Atelier process \(pid \d+/);
    assert.equal(second.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  } finally {
    await server.stop();
  }
});
