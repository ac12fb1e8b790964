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

  it('catches reordered and deleted events, and a deleted tail through the checkpoints', async () => {
    const tamper = (statement: string) =>
      withDataFolderStore(dataDir, (store) =>
        store.transaction(async (tx) => {
          await sql.raw('ALTER TABLE audit_events DISABLE TRIGGER USER').execute(tx);
          await sql.raw(statement).execute(tx);
          await sql.raw('ALTER TABLE audit_events ENABLE TRIGGER USER').execute(tx);
        }),
      );
    const verify = () => runCommand(audit, ['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(verify().status, 0);

    await tamper('UPDATE audit_events SET seq = 1000 WHERE seq = 7; UPDATE audit_events SET seq = 7 WHERE seq = 8; UPDATE audit_events SET seq = 8 WHERE seq = 1000');
    let run = verify();
    assert.equal(run.status, 65);
    assert.match(run.stderr, /broken at event 7 \(prev_hash_mismatch\)/);
    await tamper('UPDATE audit_events SET seq = 1000 WHERE seq = 7; UPDATE audit_events SET seq = 7 WHERE seq = 8; UPDATE audit_events SET seq = 8 WHERE seq = 1000');

    await tamper('CREATE TABLE kept AS SELECT * FROM audit_events WHERE seq = 3; DELETE FROM audit_events WHERE seq = 3');
    run = verify();
    assert.match(run.stderr, /broken at event 4 \(sequence_gap\): event 4 follows event 2: 1 event\(s\) missing/);
    await tamper('INSERT INTO audit_events SELECT * FROM kept; DROP TABLE kept');
    assert.equal(verify().status, 0, 'put back, the trail verifies again');

    await tamper('DELETE FROM audit_events WHERE seq > 10');
    run = verify();
    assert.equal(run.status, 65);
    assert.match(run.stderr, /broken at event 11 \(truncated\)/);
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
