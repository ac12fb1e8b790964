import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DEFAULT_PRIVACY } from '../../services/privacy/privacy-settings.ts';
import { updatePrivacySettings } from '../../services/privacy/project-privacy.ts';
import { searchAuditEvents } from '../../store/audit-search.ts';
import { chainPendingEvents } from '../../services/audit/chain-events.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { dataFolder, runCommand, withDataFolderStore } from '../../../test/fixtures/privacy/cli.ts';

const erase = 'src/cli/commands/erase.ts';

describe('atelier erase', () => {
  const dataDir = dataFolder();
  let ids: number[] = [];
  let projectName = '';
  let requester = '';
  before(async () => {
    await withDataFolderStore(dataDir, async (store) => {
      const project = await makeProject(store);
      projectName = project.name;
      requester = (await makeUser(store.db, 'admin')).email;
      ids = await insertItemsWithTasks(store.db, project.id, [
        textItem('first note of patient 123', { metadata: { patient: 123 } }),
        textItem('second note of patient 123', { metadata: { patient: '123' } }),
        textItem('note of patient 456', { metadata: { patient: '456' } }),
        textItem('an old note', { metadata: {} }),
      ], 1);
      await sql`UPDATE items SET created_at = now() - interval '40 days' WHERE id = ${ids[3]!}`.execute(store.db);
      await store.transaction((tx) => updatePrivacySettings(tx, null, project.id, { ...DEFAULT_PRIVACY, retentionDays: 30 }));
    });
  });

  it('needs exactly one of --item, --subject, --expired', () => {
    for (const args of [[], ['--item', '1', '--expired'], ['--subject', 'patient']]) {
      const run = runCommand(erase, ['erase', ...args, '--data-dir', dataDir]);
      assert.equal(run.status, 64, args.join(' '));
    }
    const missing = runCommand(erase, ['erase', '--item', `${ids[0]},999999`, '--data-dir', dataDir]);
    assert.equal(missing.status, 66, missing.stderr);
    assert.match(missing.stderr, /item 999999 not found/);
  });

  it('erases a data subject (a number or a string in the metadata), recording who asked', () => {
    const dry = runCommand(erase, ['erase', '--subject', 'patient=123', '--project', projectName, '--dry-run', '--data-dir', dataDir]);
    assert.equal(dry.stdout.trim(), `would erase 2 item(s): ${ids[0]}, ${ids[1]}`);
    const run = runCommand(erase, ['erase', '--subject', 'patient=123', '--by', requester, '--data-dir', dataDir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^erased 2 item\(s\): 2 task\(s\), 0 annotation\(s\)/m);
    assert.match(run.stdout, /database files were rewritten/);
    assert.equal(runCommand(erase, ['erase', '--subject', 'patient=123', '--data-dir', dataDir]).stdout.trim(), 'no item matches: nothing erased');
  });

  it('erases an item by id, and what retention has run out on', async () => {
    assert.match(runCommand(erase, ['erase', '--item', String(ids[2]), '--data-dir', dataDir]).stdout, /^erased 1 item/);
    // A preview of the sweep counts and erases nothing.
    const preview = runCommand(erase, ['erase', '--expired', '--dry-run', '--data-dir', dataDir]);
    assert.equal(preview.status, 0, preview.stderr);
    assert.match(preview.stdout, /^would erase 1 item\(s\) in 1 project\(s\): 1 task\(s\), 0 annotation\(s\), 0 review\(s\)/);
    assert.match(preview.stdout, /^ {2}project \d+ \(kept 30 day\(s\)\): 1 item\(s\)$/m);
    assert.match(preview.stdout, /^would remove \d+ ended session\(s\)$/m);
    await withDataFolderStore(dataDir, async (store) => {
      assert.equal(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM items`.execute(store.db)).rows[0]!.n), 1, 'the old note is still there');
    });
    const expired = runCommand(erase, ['erase', '--expired', '--data-dir', dataDir]);
    assert.match(expired.stdout, /^erased 1 item/m);
    assert.match(expired.stdout, /retention: 1 project\(s\) swept/);
    await withDataFolderStore(dataDir, async (store) => {
      assert.equal(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM items`.execute(store.db)).rows[0]!.n), 0);
      await chainPendingEvents(store, { wait: true });
      const tombstones = await searchAuditEvents(store.db, { action: 'erasure.run', limit: 10 });
      const basis = (e: (typeof tombstones)[number]) => (e.details as { basis: string }).basis;
      assert.deepEqual(tombstones.map(basis), ['retention', 'item', 'subject', 'subject']);
      assert.deepEqual(tombstones.map((e) => e.actorEmail), [null, null, requester, requester]);
    });
  });
});
