import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { makeScratch } from '../../../test/fixtures/data-io/scratch.ts';
import { packFolder } from './tar.ts';

test('a packed folder is read back by the system tar, long paths and binary content included', async (t) => {
  const scratch = await makeScratch();
  t.after(() => scratch.remove());
  const long = `${'deep/'.repeat(30)}${'n'.repeat(120)}.txt`;
  const binary = Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 37) % 256));
  await mkdir(scratch.path('yolo', 'labels', 'train'), { recursive: true });
  await writeFile(scratch.path('yolo', 'data.yaml'), 'names:\n  0: car\n');
  await writeFile(scratch.path('yolo', 'labels', 'train', 'a.txt'), '0 0.5 0.5 0.1 0.1\n');
  await writeFile(scratch.path('yolo', 'image.bin'), binary);
  await mkdir(scratch.path('yolo', ...long.split('/').slice(0, -1)), { recursive: true });
  await writeFile(scratch.path('yolo', ...long.split('/')), 'far away');
  const size = await packFolder(scratch.path('yolo'), scratch.path('out.tar'), 'export-7');
  assert.equal(size % 512, 0);
  const listing = execFileSync('tar', ['-tf', scratch.path('out.tar')], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(listing.includes('export-7/data.yaml'));
  assert.ok(listing.includes('export-7/labels/train/a.txt'));
  assert.ok(listing.includes(`export-7/${long}`), 'a path past 255 bytes survives (pax)');
  await mkdir(scratch.path('unpacked'));
  execFileSync('tar', ['-xf', scratch.path('out.tar'), '-C', scratch.path('unpacked')]);
  assert.deepEqual(await readFile(scratch.path('unpacked', 'export-7', 'image.bin')), binary);
  assert.equal(await readFile(scratch.path('unpacked', 'export-7', ...long.split('/')), 'utf8'), 'far away');
});
