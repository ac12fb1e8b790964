import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { auditDraft } from '../../services/audit/record.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import { dataFolder, runCommand, withDataFolderStore } from '../../../test/fixtures/privacy/cli.ts';

const audit = 'src/cli/commands/audit.ts';

describe('atelier audit', () => {
  const dataDir = dataFolder();
  before(async () => {
    await withDataFolderStore(dataDir, (store) =>
      recordAuditEvents(
        store.db,
        Array.from({ length: 12 }, (_, i) =>
          auditDraft(null, { action: 'item.read', subjectType: 'item', subjectId: i + 1, projectId: 1 }, new Date(Date.UTC(2024, 2, 1 + i, 12))),
        ),
      ),
    );
  });

  it('verifies, prints the head to keep, and catches a changed row naming it', async () => {
    const ok = runCommand(audit, ['audit', 'verify', '--data-dir', dataDir]);
    assert.match(ok.stdout, /^audit trail verified: 12 events, \d+ checkpoint\(s\)$/m);
    const head = /^head (\d+:[0-9a-f]{64})$/m.exec(ok.stdout)?.[1];
    assert.ok(head);
    assert.match(runCommand(audit, ['audit', 'verify', '--expect', head, '--data-dir', dataDir]).stdout, /verified: 12 events/);

    await withDataFolderStore(dataDir, (store) =>
      store.transaction(async (tx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(tx);
        await sql`UPDATE audit_events SET subject_id = '99' WHERE seq = 5`.execute(tx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(tx);
      }),
    );
    const broken = runCommand(audit, ['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(broken.status, 65);
    assert.equal(broken.stderr.trim(), 'atelier: the audit trail is broken at event 5 (hash_mismatch): event 5 was changed after it was written; 4 event(s) before it verified');
    await withDataFolderStore(dataDir, (store) =>
      store.transaction(async (tx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(tx);
        await sql`UPDATE audit_events SET subject_id = '5' WHERE seq = 5`.execute(tx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(tx);
      }),
    );
    assert.match(runCommand(audit, ['audit', 'verify', '--expect', `5:${'0'.repeat(64)}`, '--data-dir', dataDir]).stderr, /broken at event 5 \(checkpoint_mismatch\)/);
    const garbled = runCommand(audit, ['audit', 'verify', '--expect', 'latest', '--data-dir', dataDir]);
    assert.equal(garbled.status, 64);
    assert.match(garbled.stderr, /SEQ:HASH/);
  });

  it('exports a period as JSON Lines that verify on their own', async () => {
    const file = join(dataDir, 'march.jsonl');
    const run = runCommand(audit, ['audit', 'export', '--from', '2024-03-03', '--to', '2024-03-06', '--output', file, '--data-dir', dataDir]);
    assert.match(run.stderr, /^exported 3 audit events, events 3\.\.5, last 5:[0-9a-f]{64} to /m);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; subjectId: string });
    assert.deepEqual(lines.map((l) => l.seq), [3, 4, 5]);
    assert.match(runCommand(audit, ['audit', 'verify', '--file', file]).stdout, /3 events verified, events 3\.\.5/);
    const bad = runCommand(audit, ['audit', 'export', '--from', 'March', '--data-dir', dataDir]);
    assert.equal(bad.status, 64);
    assert.match(bad.stderr, /--from must be a date/);
  });
});
