import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { isDomainError } from '../core/errors.ts';
import { exportVoc } from './voc-export.ts';
import { importVoc } from './voc-import.ts';
import { parseXmlElement, xmlChildren, xmlText } from './xml-stream.ts';
import { collect, IMAGE_SCHEMA, iterate, sampleImageItems, toExportItem } from './test-support.ts';

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

async function withDirs(n: number, body: (...dirs: string[]) => Promise<void>): Promise<void> {
  const dirs = await Promise.all(Array.from({ length: n }, () => mkdtemp(join(tmpdir(), 'atelier-voc-test-'))));
  try {
    await body(...dirs);
  } finally {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}

test('VOC export: well-formed XML with the required elements, boxes inside the image', () =>
  withDirs(1, async (dir) => {
    const items = sampleImageItems();
    items[0]!.consensus!.result.regions[0]!.label = 'car & <van>';
    const summary = await exportVoc(IMAGE_SCHEMA, iterate(items), dir, { selection: 'consensus' });
    assert.equal(summary.warningCount, 1, 'the polygon is left out with a warning');
    const files = await readTree(dir);
    assert.equal(files['ImageSets/Main/default.txt'], 'photo_1\nphoto_2\nphoto_4\n');
    for (const [name, xml] of Object.entries(files).filter(([n]) => n.endsWith('.xml'))) {
      assert.equal(XMLValidator.validate(xml), true, name);
      const root = parseXmlElement(xml, name, 1, 'annotation');
      assert.ok(xmlText(root, 'filename'));
      const size = xmlChildren(root, 'size')[0]!;
      const [w, h] = [Number(xmlText(size, 'width')), Number(xmlText(size, 'height'))];
      for (const object of xmlChildren(root, 'object')) {
        for (const field of ['name', 'pose', 'truncated', 'difficult']) assert.ok(xmlText(object, field) !== undefined, field);
        const box = xmlChildren(object, 'bndbox')[0]!;
        const [x0, y0, x1, y1] = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => Number(xmlText(box, k)));
        assert.ok(x0! >= 0 && y0! >= 0 && x1! > x0! && y1! > y0! && x1! <= w && y1! <= h);
      }
    }
    assert.match(files['Annotations/photo_1.xml']!, /<name>car &amp; &lt;van&gt;<\/name>/);
  }));

test('VOC round trip: export → import → export gives the same files', () =>
  withDirs(2, async (first, second) => {
    const items = sampleImageItems();
    for (const item of items) if (item.consensus) item.consensus.result.regions = item.consensus.result.regions.filter((r) => r.kind === 'bbox');
    await exportVoc(IMAGE_SCHEMA, iterate(items), first, { selection: 'consensus' });
    const imported = await collect(importVoc(first));
    assert.deepEqual(imported[0]!.annotations[0]!.result.regions[0], { control: '', kind: 'bbox', label: 'car', x: 10.5, y: 20.25, width: 100, height: 50.13 });
    await exportVoc(IMAGE_SCHEMA, iterate(imported.map((item, i) => toExportItem(item, i + 1, 'consensus'))), second, { selection: 'consensus' });
    assert.deepEqual(await readTree(second), await readTree(first));
  }));

const OBJECT = '<object><name>car</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object>';
for (const [name, body, message] of [
  ['not well-formed', '<annotation><size><width>5</width></annotation>', /^Annotations\/a\.xml: .*closing tag/],
  ['missing size', `<annotation>${OBJECT}</annotation>`, /^Annotations\/a\.xml \/annotation\/size: is missing/],
  ['bad coordinate', `<annotation><size><width>9</width><height>9</height></size>${OBJECT}${OBJECT.replace('<xmin>1', '<xmin>x')}</annotation>`, /^Annotations\/a\.xml \/annotation\/object\[2\]\/bndbox\/xmin: "x" is not a number/],
  ['inverted box', `<annotation><size><width>9</width><height>9</height></size>${OBJECT.replace('<xmax>3', '<xmax>0')}</annotation>`, /object\[1\]\/bndbox\/xmax: 0 is not right of xmin 1/],
] as const) {
  test(`a malformed VOC file is refused with the file and element at fault: ${name}`, () =>
    withDirs(1, async (dir) => {
      await mkdir(join(dir, 'Annotations'));
      await writeFile(join(dir, 'Annotations', 'a.xml'), body);
      await assert.rejects(collect(importVoc(dir)), (e: unknown) => isDomainError(e) && message.test(e.message));
    }));
}

test('a VOC dataset from another tool (1-based class list, extra elements) imports', () =>
  withDirs(1, async (dir) => {
    await mkdir(join(dir, 'Annotations'));
    await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true });
    await writeFile(join(dir, 'ImageSets', 'Main', 'train.txt'), '2008_000008\n');
    await writeFile(
      join(dir, 'Annotations', '2008_000008.xml'),
      `<annotation><folder>VOC2012</folder><filename>2008_000008.jpg</filename><source><database>The VOC2008 Database</database></source>
<size><width>500</width><height>442</height><depth>3</depth></size><segmented>0</segmented>
<object><name>horse</name><pose>Left</pose><truncated>0</truncated><occluded>1</occluded><bndbox><xmin>53</xmin><ymin>87</ymin><xmax>471</xmax><ymax>420</ymax></bndbox><difficult>0</difficult></object>
<object><name>person</name><pose>Unspecified</pose><truncated>1</truncated><occluded>0</occluded><bndbox><xmin>158</xmin><ymin>44</ymin><xmax>289</xmax><ymax>167</ymax></bndbox><difficult>0</difficult></object></annotation>`,
    );
    const [item] = await collect(importVoc(dir));
    assert.equal(item!.fileName, '2008_000008.jpg');
    assert.deepEqual(item!.annotations[0]!.result.regions.map((r) => r.label), ['horse', 'person']);
  }));

