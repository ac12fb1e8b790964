import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '../core/errors.ts';
import { exportYolo } from './yolo-export.ts';
import { importYolo, labelPathFor } from './yolo-import.ts';
import { readYoloConfig, writeYoloConfig } from './yolo-yaml.ts';
import { collect, IMAGE_SCHEMA, imageItem, iterate, sampleImageItems, toExportItem } from './test-support.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'atelier-yolo-test-'));
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
    }
  }
  return files;
}

const size = async () => ({ width: 640, height: 480 });

test('YOLO export follows the format: data.yaml classes, relative coordinates in [0, 1]', async () => {
  const dir = await scratch();
  try {
    const summary = await exportYolo(IMAGE_SCHEMA, iterate(sampleImageItems()), dir, { selection: 'consensus' });
    assert.equal(summary.items, 3);
    const files = await readTree(dir);
    const config = readYoloConfig(files['data.yaml']!);
    assert.deepEqual(config.names, ['car', 'truck', 'road']);
    assert.equal(config.train, 'train.txt');
    assert.equal(files['train.txt'], 'images/train/photo_1.jpg\nimages/train/photo_2.jpg\nimages/train/photo_4.jpg\n');
    assert.equal(files['labels/train/photo_2.txt'], '', 'a negative example has an empty label file');
    const lines = files['labels/train/photo_1.txt']!.trimEnd().split('\n');
    assert.equal(lines[0], '0 0.094531 0.094401 0.156250 0.104427');
    for (const line of lines) {
      const [cls, ...coords] = line.split(' ');
      assert.ok(Number(cls) < config.names.length);
      assert.ok(coords.length === 4 || (coords.length >= 6 && coords.length % 2 === 0));
      for (const c of coords) assert.ok(Number(c) >= 0 && Number(c) <= 1, c);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('YOLO round trip: export → import → export gives the same files', async () => {
  const [first, second] = [await scratch(), await scratch()];
  try {
    await exportYolo(IMAGE_SCHEMA, iterate(sampleImageItems()), first, { selection: 'consensus' });
    const imported = await collect(importYolo(first, { imageSize: size }));
    assert.equal(imported[0]!.fileName, 'photo_1.jpg');
    const box = imported[0]!.annotations[0]!.result.regions[0]!;
    assert.equal(box.kind, 'bbox');
    if (box.kind === 'bbox') assert.ok(Math.abs(box.x - 10.5) < 0.001 && Math.abs(box.height - 50.125) < 0.001);
    // YOLO has no control names: put them back as the schema mapping does.
    for (const item of imported) {
      for (const r of item.annotations[0]!.result.regions) r.control = r.kind === 'bbox' ? 'vehicle' : 'outline';
    }
    await exportYolo(IMAGE_SCHEMA, iterate(imported.map((item, i) => toExportItem(item, i + 1, 'consensus'))), second, { selection: 'consensus' });
    assert.deepEqual(await readTree(second), await readTree(first));
  } finally {
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  }
});

test('two images with the same file name get two label files', async () => {
  const dir = await scratch();
  try {
    const box = { choices: {}, regions: [{ control: 'vehicle', kind: 'bbox' as const, label: 'car', x: 1, y: 1, width: 2, height: 2 }] };
    const summary = await exportYolo(IMAGE_SCHEMA, iterate([imageItem(1, box, { fileName: 'a.jpg' }), imageItem(2, box, { fileName: 'x/a.jpg' })]), dir, { selection: 'consensus' });
    assert.equal(summary.warningCount, 1);
    assert.deepEqual(Object.keys(await readTree(dir)).filter((f) => f.startsWith('labels')).sort(), ['labels/train/a-2.txt', 'labels/train/a.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a Roboflow-style dataset (inline names, image folder) imports with sizes read from the images', async () => {
  const items = await collect(importYolo('test/fixtures/formats/yolo-roboflow'));
  assert.deepEqual(items.map((i) => [i.fileName, i.width, i.height, i.annotations[0]!.result.regions.length]), [
    ['site_001.png', 200, 100, 2],
    ['site_002.png', 200, 100, 0],
  ]);
  const [person, helmet] = items[0]!.annotations[0]!.result.regions;
  assert.deepEqual(person, { control: '', kind: 'bbox', label: 'person', x: 80, y: 20, width: 40, height: 60 });
  assert.equal(helmet!.label, 'helmet');
});

test('data.yaml names in every written form', () => {
  assert.deepEqual(readYoloConfig('names:\n  - a\n  - "b c"\n').names, ['a', 'b c']);
  assert.deepEqual(readYoloConfig('names: {0: x, 1: \'y\'}').names, ['x', 'y']);
  assert.deepEqual(readYoloConfig(writeYoloConfig(['yes', 'a: b', 'plain name', '#1'], 't.txt')).names, ['yes', 'a: b', 'plain name', '#1']);
  assert.throws(() => readYoloConfig('names:\n  0: a\n  2: c\n'), /class 1 has no name/);
  assert.equal(labelPathFor('data/images/train/x.y.jpg'), 'data/labels/train/x.y.txt');
});

for (const [name, label, message] of [
  ['coordinate outside [0, 1]', '0 0.5 0.5 0.2 0.2\n0 1.5 0.5 0.2 0.2\n', /^labels\/train\/a\.txt line 2: coordinates must be relative/],
  ['unknown class', '7 0.5 0.5 0.2 0.2\n', /^labels\/train\/a\.txt line 1: class 7 is not one of the 1 classes/],
  ['wrong field count', '0 0.5 0.5 0.2\n', /^labels\/train\/a\.txt line 1: a line is/],
] as const) {
  test(`a malformed label file is refused with its file and line: ${name}`, async () => {
    const dir = await scratch();
    try {
      await writeFile(join(dir, 'data.yaml'), 'train: train.txt\nnames:\n  0: car\n');
      await writeFile(join(dir, 'train.txt'), 'images/train/a.jpg\n');
      await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'labels/train'), { recursive: true }));
      await writeFile(join(dir, 'labels/train/a.txt'), label);
      await assert.rejects(collect(importYolo(dir, { imageSize: size })), (e: unknown) => isDomainError(e) && message.test(e.message));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('without data.yaml, or without the image, the dataset is refused', async () => {
  const dir = await scratch();
  try {
    await assert.rejects(collect(importYolo(dir)), /^DomainError: data\.yaml: is missing/);
    await writeFile(join(dir, 'data.yaml'), 'train: train.txt\nnames: [car]\n');
    await writeFile(join(dir, 'train.txt'), 'images/train/gone.jpg\n');
    await assert.rejects(collect(importYolo(dir)), /images\/train\/gone\.jpg: image size unknown/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
