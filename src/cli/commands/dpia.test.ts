import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { insertItemsWithTasks } from '../../store/items.ts';
import { makeProject, textItem } from '../../../test/support/fixtures.ts';
import { inCi } from '../../../test/support/databases.ts';
import { dataFolder, runCommand, withDataFolderStore } from '../../../test/fixtures/privacy/cli.ts';
import { findChromium } from '../../services/privacy/dpia-pdf.ts';

const dpia = 'src/cli/commands/dpia.ts';

describe('atelier dpia', () => {
  const dataDir = dataFolder();
  let project = '';
  before(async () => {
    await withDataFolderStore(dataDir, async (store) => {
      const created = await makeProject(store);
      project = created.name;
      await insertItemsWithTasks(store.db, created.id, [textItem('Write to jane.doe@example.org.', { sensitivity: 'restricted' }), textItem('Nothing here.')], 1);
    });
  });

  it('writes the Markdown report of a project named by name, and says how many risks it found', () => {
    const run = runCommand(dpia, ['dpia', '--project', project, '--output', join(dataDir, 'report.md'), '--data-dir', dataDir]);
    assert.equal(run.status, 0, run.stderr);
    const md = readFileSync(join(dataDir, 'report.md'), 'utf8');
    assert.match(md, /^# Data-protection report: /);
    assert.match(md, /\| restricted \| 1 \|/);
    assert.match(md, /1 of 2 sampled texts hold PII \(email 1\)/);
    assert.match(run.stderr, /open risk\(s\)/);
    assert.equal(runCommand(dpia, ['dpia', '--project', 'no such project', '--data-dir', dataDir]).status, 66);
  });

  it('prints it to PDF through Chromium', { skip: findChromium() || inCi ? false : 'Chromium is not installed (apt-get install -y chromium)' }, () => {
    const pdf = join(dataDir, 'report.pdf');
    const run = runCommand(dpia, ['dpia', '--project', project, '--output', join(dataDir, 'r.md'), '--pdf', pdf, '--data-dir', dataDir]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(pdf));
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  });
});
