import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import sharp from 'sharp';
import { isDomainError } from '../core/errors.ts';
import { FileStore } from '../media/file-store.ts';
import { listItems } from '../store/items.ts';
import { projectProgress } from '../store/projects.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeProject } from '../../test/support/fixtures.ts';
import { importItems } from './import-items.ts';

function jsonl(lines: (object | string)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-import-'));
  const path = join(dir, 'items.jsonl');
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

describeEachEngine('importing items', (ctx) => {
  const files = new FileStore(mkdtempSync(join(tmpdir(), 'atelier-files-')));

  it('names every bad line and imports nothing', async () => {
    const project = await makeProject(ctx.store, { overlap: 2 });
    const path = jsonl([
      { id: 'a', text: 'fine' },
      '{"id": "b", "text": ',
      { id: 'c', image: 'x.png' },
      { id: 'a', text: 'again' },
      { id: 'd', text: 'fine too', sensitivity: 'secret' },
      { id: 'e', text: 'extra', colour: 'red' },
    ]);
    await assert.rejects(importItems(ctx.store, { project, source: { format: 'jsonl', path }, createdBy: null, files }), (error) => {
      assert.ok(isDomainError(error) && error.code === 'validation_failed');
      const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
      assert.deepEqual(issues.map((i) => i.path), ['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
      assert.match(issues[1]!.message, /image/);
      assert.match(issues[2]!.message, /already used on line 1/);
      assert.match(issues[4]!.message, /unknown field colour/);
      return true;
    });
    assert.equal((await projectProgress(ctx.store.db, project.id)).items, 0);
  });

  it('imports the valid lines with --skip-invalid, with overlap tasks and the project defaults', async () => {
    const project = await makeProject(ctx.store, { overlap: 2 });
    const path = jsonl([{ id: 1, text: 'one', tags: ['x'], language: 'fr' }, 'not json', { external_id: 'two', text: 'two', metadata: { source: 'wire' } }]);
    const report = await importItems(ctx.store, { project, source: { format: 'jsonl', path }, skipInvalid: true, createdBy: null, files });
    assert.equal(report.imported, 2);
    assert.deepEqual(report.rejected.map((r) => r.line), [2]);
    const items = await listItems(ctx.store.db, { projectId: project.id, limit: 10 });
    assert.deepEqual(items.map((i) => [i.externalId, i.text, i.language, i.sensitivity]), [['1', 'one', 'fr', 'internal'], ['two', 'two', null, 'internal']]);
    assert.deepEqual(items[0]!.tags, ['x']);
    assert.deepEqual(items[1]!.metadata, { source: 'wire' });
    assert.equal((await projectProgress(ctx.store.db, project.id)).tasks.queued, 4);
    await assert.rejects(
      importItems(ctx.store, { project, source: { format: 'jsonl', path: jsonl([{ id: 'two', text: 'dup' }]) }, createdBy: null, files }),
      /already in the project/,
    );
  });

  it('refuses a line holding a NUL character (PostgreSQL cannot store one), naming the line and the field; skips it with skipInvalid', async () => {
    const project = await makeProject(ctx.store);
    const path = jsonl([
      { id: 'a', text: 'fine' },
      { id: 'b', text: 'bad \u0000 text' },
      { id: 'c', text: 'fine', tags: ['ok', 'n\u0000'] },
      { id: 'd', text: 'fine', metadata: { 'k\u0000': 1 } },
      // A raw NUL is not JSON, and JSON.parse's message quotes it: the stored message must not.
      '\u0000{"id": "e", "text": "fine"}',
      { id: 'f', text: 'a backslash, then u0000: \\u0000' },
    ]);
    await assert.rejects(importItems(ctx.store, { project, source: { format: 'jsonl', path }, createdBy: null, files }), (error) => {
      assert.ok(isDomainError(error) && error.code === 'validation_failed', String(error));
      const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
      assert.deepEqual(issues.slice(0, 3), [
        { path: 'line 2', message: 'text: contains a NUL character' },
        { path: 'line 3', message: 'tags[1]: contains a NUL character' },
        { path: 'line 4', message: 'metadata["k\\u0000"]: the field name contains a NUL character' },
      ]);
      assert.equal(issues[3]!.path, 'line 5');
      assert.match(issues[3]!.message, /^not valid JSON/);
      assert.equal(issues.length, 4);
      assert.ok(issues.every((i) => !i.message.includes('\0')));
      return true;
    });
    assert.equal((await projectProgress(ctx.store.db, project.id)).items, 0);
    const report = await importItems(ctx.store, { project, source: { format: 'jsonl', path }, skipInvalid: true, createdBy: null, files });
    assert.equal(report.imported, 2);
    assert.deepEqual(report.rejected.map((r) => r.line), [2, 3, 4, 5]);
    const items = await listItems(ctx.store.db, { projectId: project.id, limit: 10 });
    assert.deepEqual(items.map((i) => [i.externalId, i.text]), [['a', 'fine'], ['f', 'a backslash, then u0000: \\u0000']]);
  });

  it('refuses a text file holding a NUL character in a folder import', async () => {
    const project = await makeProject(ctx.store);
    const dir = mkdtempSync(join(tmpdir(), 'atelier-texts-'));
    writeFileSync(join(dir, 'a.txt'), 'fine');
    writeFileSync(join(dir, 'b.txt'), 'binary\u0000junk');
    await assert.rejects(importItems(ctx.store, { project, source: { format: 'folder', path: dir }, createdBy: null, files }), (error) => {
      assert.ok(isDomainError(error) && error.code === 'validation_failed', String(error));
      assert.deepEqual((error.details as { issues: unknown[] }).issues, [{ path: 'file 2', message: 'b.txt contains a NUL character' }]);
      return true;
    });
    const report = await importItems(ctx.store, { project, source: { format: 'folder', path: dir }, skipInvalid: true, createdBy: null, files });
    assert.equal(report.imported, 1);
  });

  it('runs two imports into one empty project one after the other: the second finds the first one’s items', async () => {
    const project = await makeProject(ctx.store);
    // More lines than a batch, with a repeat across the batch boundary.
    const first = jsonl([...Array.from({ length: 2500 }, (_, i) => ({ id: `doc-${i}`, text: `text ${i}` })), { id: 'doc-7', text: 'again' }]);
    const second = jsonl([{ id: 'doc-3', text: 'clash' }, { id: 'new', text: 'new' }]);
    const [a, b] = await Promise.allSettled([
      importItems(ctx.store, { project, source: { format: 'jsonl', path: first }, skipInvalid: true, createdBy: null, files }),
      importItems(ctx.store, { project, source: { format: 'jsonl', path: second }, skipInvalid: true, createdBy: null, files }),
    ]);
    assert.equal(a.status, 'fulfilled', String((a as PromiseRejectedResult).reason));
    assert.equal(b.status, 'fulfilled', String((b as PromiseRejectedResult).reason));
    // Whichever ran first, doc-3 is imported once and the other import is told it is already there.
    assert.equal(a.value.imported + b.value.imported, 2501);
    assert.ok(a.value.rejected.some((r) => /already used on line 8/.test(r.message)));
    const told = [...a.value.rejected, ...b.value.rejected].filter((r) => /"doc-3" is already in the project/.test(r.message));
    assert.equal(told.length, 1);
    assert.equal((await projectProgress(ctx.store.db, project.id)).items, 2501);
  });

  it('imports a folder of images with their sizes, stored by content', async () => {
    const project = await makeProject(ctx.store, { kind: 'image' });
    const dir = mkdtempSync(join(tmpdir(), 'atelier-images-'));
    mkdirSync(join(dir, 'sub'));
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } }).png().toFile(join(dir, 'a.png'));
    await sharp({ create: { width: 20, height: 50, channels: 3, background: '#00ff00' } }).jpeg().toFile(join(dir, 'sub', 'b.jpg'));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    const report = await importItems(ctx.store, { project, source: { format: 'folder', path: dir }, createdBy: null, files });
    assert.equal(report.imported, 2);
    const items = await listItems(ctx.store.db, { projectId: project.id, limit: 10 });
    assert.deepEqual(items.map((i) => [i.externalId, i.width, i.height, i.mimeType]), [['a.png', 40, 30, 'image/png'], [join('sub', 'b.jpg'), 20, 50, 'image/jpeg']]);
  });

  it('names the files it left out when none of them is of the project\'s kind', async () => {
    const project = await makeProject(ctx.store, { kind: 'image' });
    const dir = mkdtempSync(join(tmpdir(), 'atelier-not-images-'));
    writeFileSync(join(dir, 'bad.exe'), 'MZ');
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    await assert.rejects(
      importItems(ctx.store, { project, source: { format: 'folder', path: dir }, createdBy: null, files }),
      (e: Error) => /the folder holds no image \(\.jpg.*\): bad\.exe, notes\.txt are none of these$/.test(e.message),
    );
    await assert.rejects(
      importItems(ctx.store, { project, source: { format: 'folder', path: dir, uploaded: true }, createdBy: null, files }),
      (e: Error) => /^the files sent hold no image \(.*\) and no \.jsonl file of items: bad\.exe, notes\.txt/.test(e.message),
    );
  });
});
