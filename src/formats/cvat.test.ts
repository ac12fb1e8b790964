import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { importCvat } from './cvat-import.ts';
import { fileSource, textSource } from './sources.ts';
import { collect } from './test-support.ts';

test('a CVAT for images 1.1 export imports: boxes, polygon, tag, auto shapes as predictions', async () => {
  const items = await collect(importCvat(fileSource('test/fixtures/formats/cvat-for-images-1.1.xml')));
  assert.deepEqual(items.map((i) => [i.sourceId, i.fileName, i.width, i.height, i.place]), [
    ['0', 'street/frame_000000.jpg', 1280, 720, '/annotations/image[1]'],
    ['1', 'street/frame_000001.jpg', 1280, 720, '/annotations/image[2]'],
    ['2', 'street/frame_000002.jpg', 1280, 720, '/annotations/image[3]'],
  ]);
  const [human, auto] = items[0]!.annotations;
  assert.equal(human!.kind, 'ground_truth');
  assert.deepEqual(human!.result.choices, { '': ['night'] });
  assert.deepEqual(human!.result.regions, [
    { control: '', kind: 'bbox', label: 'car', x: 412.3, y: 301, width: 154, height: 78 },
    { control: '', kind: 'polygon', label: 'road', points: [[0, 720], [540.2, 410], [760.8, 410], [1280, 720]] },
  ]);
  assert.equal(auto!.kind, 'prediction');
  assert.equal(auto!.model?.name, 'cvat-auto');
  assert.equal(auto!.result.regions.length, 1);
  assert.equal(items[1]!.annotations[0]!.result.regions.length, 0);
  const rotated = items[2]!.annotations[0]!.result.regions[0]!;
  const side = 60 * Math.SQRT2;
  assert.ok(rotated.kind === 'bbox' && Math.abs(rotated.width - side) < 1e-9 && Math.abs(rotated.x - (130 - side / 2)) < 1e-9);
});

const doc = (image: string) =>
  `<?xml version="1.0"?><annotations><version>1.1</version><meta><task><labels><label><name>car</name></label></labels></task></meta>
<image id="0" name="a.jpg" width="10" height="10"></image>
${image}</annotations>`;

for (const [name, xml, message] of [
  ['unknown label', doc('<image id="1" name="b.jpg" width="10" height="10"><box label="bus" xtl="1" ytl="1" xbr="2" ybr="2"/></image>'), /^\/annotations\/image\[2\]\/box\[1\]\/@label: "bus" is not a label/],
  ['bad coordinate', doc('<image id="1" name="b.jpg" width="10" height="10"><box label="car" xtl="1" ytl="1" xbr="2" ybr="2"/><box label="car" xtl="a" ytl="1" xbr="2" ybr="2"/></image>'), /^\/annotations\/image\[2\]\/box\[2\]\/@xtl: "a" is not a number/],
  ['short polygon', doc('<image id="1" name="b.jpg" width="10" height="10"><polygon label="car" points="1,1;2,2"/></image>'), /^\/annotations\/image\[2\]\/polygon\[1\]\/@points/],
  ['polyline', doc('<image id="1" name="b.jpg" width="10" height="10"><polyline label="car" points="1,1;2,2"/></image>'), /^\/annotations\/image\[2\]\/polyline\[1\]: <polyline> shapes are not supported/],
  ['video track', doc('<track id="0" label="car"><box frame="0" xtl="1" ytl="1" xbr="2" ybr="2"/></track>'), /^\/annotations\/track\[1\]: video tracks are not supported/],
  ['broken element', doc('<image id="1" name="b.jpg" width="10" height="10"><box label="car" xtl="1"></image>'), /^\/annotations\/image\/box: <\/image> closes <box> \(line 3\)/],
  ['version 2', '<annotations><version>2.0</version></annotations>', /^\/annotations\/version\[1\]: CVAT XML version 2\.0/],
] as const) {
  test(`a malformed CVAT file is refused with the element at fault: ${name}`, async () => {
    await assert.rejects(collect(importCvat(textSource(xml, 20))), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}

test('the envelope of a rotated box at the edge stays inside the image', async () => {
  const [, item] = await collect(importCvat(textSource(doc('<image id="1" name="b.jpg" width="100" height="100"><box label="car" xtl="0" ytl="0" xbr="20" ybr="20" rotation="30"/></image>'))));
  const box = item!.annotations[0]!.result.regions[0]!;
  assert.ok(box.kind === 'bbox' && box.x === 0 && box.y === 0 && box.width < 24 && box.width > 20);
});

test('unsupported shapes can be skipped on request', async () => {
  const items = await collect(importCvat(textSource(doc('<image id="1" name="b.jpg" width="10" height="10"><points label="car" points="1,1"/></image>')), { skipUnsupported: true }));
  assert.equal(items.length, 2);
});
