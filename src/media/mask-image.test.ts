import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import sharp from 'sharp';
import { isDomainError } from '../core/errors.ts';
import { maskImage, type MaskRegion, regionsOffImage } from './mask-image.ts';

type Pt = readonly [number, number];

/** Noise that never contains pure black, so a black pixel can only come from the mask. */
function noise(width: number, height: number, channels: 3 | 4, seed: number): Buffer {
  const data = Buffer.alloc(width * height * channels);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = 20 + ((s >>> 16) % 236);
  }
  return data;
}

async function png(width: number, height: number, channels: 3 | 4, seed: number): Promise<{ file: Buffer; pixels: Buffer }> {
  const pixels = noise(width, height, channels, seed);
  return { file: await sharp(pixels, { raw: { width, height, channels } }).png().toBuffer(), pixels };
}

async function decode(file: Buffer): Promise<{ data: Buffer; channels: number; width: number }> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return { data, channels: info.channels, width: info.width };
}

// An oracle written independently of the rasteriser: winding number of a point, distance to a segment.
function winding(p: Pt, poly: readonly Pt[]): number {
  let w = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const side = (b[0] - a[0]) * (p[1] - a[1]) - (p[0] - a[0]) * (b[1] - a[1]);
    if (a[1] <= p[1] && b[1] > p[1] && side > 0) w++;
    else if (a[1] > p[1] && b[1] <= p[1] && side < 0) w--;
  }
  return w;
}

function distanceToSegment(p: Pt, a: Pt, b: Pt): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function outline(r: MaskRegion): Pt[] {
  return r.kind === 'polygon' ? [...r.points] : [[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x, r.y + r.height]];
}

/** Some point of the pixel strictly inside a region: then the pixel must be black. */
function surelyCovered(px: number, py: number, polys: Pt[][]): boolean {
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    const p: Pt = [px + (i + 0.5) / 4, py + (j + 0.5) / 4];
    if (polys.some((poly) => winding(p, poly) !== 0 && poly.every((a, k) => distanceToSegment(p, a, poly[(k + 1) % poly.length]!) > 1e-6))) return true;
  }
  return false;
}

/** Centre outside every region and no outline within reach of the pixel square: must be unchanged. */
function surelyClear(px: number, py: number, polys: Pt[][]): boolean {
  const c: Pt = [px + 0.5, py + 0.5];
  return polys.every((poly) => winding(c, poly) === 0 && poly.every((a, k) => distanceToSegment(c, a, poly[(k + 1) % poly.length]!) > 0.75));
}

// Sixteenths of a pixel: grid-aligned and fractional coordinates alike (fc.double clusters near 0).
const coord = (max: number) => fc.integer({ min: -5 * 16, max: (max + 5) * 16 }).map((v) => v / 16);
const size = (max: number) => fc.integer({ min: 1, max: max * 16 }).map((v) => v / 16);
const region = (w: number, h: number): fc.Arbitrary<MaskRegion> =>
  fc.oneof(
    fc.record({ kind: fc.constant('bbox' as const), x: coord(w), y: coord(h), width: size(w), height: size(h) }),
    fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coord(w), coord(h)), { minLength: 3, maxLength: 7 }) }),
  );

test('PNG: every pixel inside a region is opaque black, every pixel clear of all regions is unchanged', async () => {
  const [w, h] = [37, 29];
  await fc.assert(
    fc.asyncProperty(fc.array(region(w, h), { minLength: 1, maxLength: 3 }), fc.constantFrom(3 as const, 4 as const), fc.nat(), async (regions, channels, seed) => {
      const { file, pixels } = await png(w, h, channels, seed);
      const out = await decode(await maskImage(file, regions));
      assert.equal(out.channels, channels);
      const polys = regions.map(outline);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const o = (y * w + x) * channels;
        const got = [...out.data.subarray(o, o + channels)];
        if (surelyCovered(x, y, polys)) assert.deepEqual(got, channels === 4 ? [0, 0, 0, 255] : [0, 0, 0], `pixel ${x},${y} not masked`);
        else if (surelyClear(x, y, polys)) assert.deepEqual(got, [...pixels.subarray(o, o + channels)], `pixel ${x},${y} changed`);
      }
    }),
    { numRuns: 40 },
  );
});

test('a rectangle on pixel edges masks exactly its pixels', async () => {
  const { file, pixels } = await png(20, 10, 3, 7);
  const out = await decode(await maskImage(file, [{ kind: 'bbox', x: 4, y: 2, width: 5, height: 3 }]));
  for (let y = 0; y < 10; y++) for (let x = 0; x < 20; x++) {
    const o = (y * 20 + x) * 3;
    const inside = x >= 4 && x < 9 && y >= 2 && y < 5;
    assert.deepEqual([...out.data.subarray(o, o + 3)], inside ? [0, 0, 0] : [...pixels.subarray(o, o + 3)], `${x},${y}`);
  }
});

test('JPEG stays JPEG, the masked block holds no trace of the content, and metadata is dropped', async () => {
  const [w, h] = [64, 48];
  const bright = Buffer.alloc(w * h * 3, 255);
  const jpeg = await sharp(bright, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: noise(16, 16, 3, 3), raw: { width: 16, height: 16, channels: 3 }, left: 16, top: 16 }])
    .jpeg({ quality: 95 })
    .withExif({ IFD0: { ImageDescription: 'secret' } })
    .toBuffer();
  const masked = await maskImage(jpeg, [{ kind: 'bbox', x: 16, y: 16, width: 16, height: 16 }]);
  const meta = await sharp(masked).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined);
  const out = await decode(masked);
  // Away from the edge, where re-encoding can blur in the white around it, the block is black.
  for (let y = 20; y < 28; y++) for (let x = 20; x < 28; x++) {
    const o = (y * w + x) * 3;
    assert.ok(Math.max(out.data[o]!, out.data[o + 1]!, out.data[o + 2]!) <= 12, `pixel ${x},${y} = ${[...out.data.subarray(o, o + 3)]}`);
  }
});

test('regions are read on the image as shown: EXIF orientation is applied first', async () => {
  // Stored 30 wide × 20 high with orientation 6 (rotate 90° clockwise): shown 20 wide × 30 high.
  const stored = await sharp(noise(30, 20, 3, 11), { raw: { width: 30, height: 20, channels: 3 } }).png().withMetadata({ orientation: 6 }).toBuffer();
  const out = await decode(await maskImage(stored, [{ kind: 'bbox', x: 0, y: 0, width: 20, height: 10 }]));
  assert.equal(out.width, 20);
  for (let x = 0; x < 20; x++) {
    assert.deepEqual([...out.data.subarray(x * 3, x * 3 + 3)], [0, 0, 0], 'top row of the shown image');
    const o = (15 * 20 + x) * 3;
    assert.notDeepEqual([...out.data.subarray(o, o + 3)], [0, 0, 0], 'middle row untouched');
  }
});

test('bad regions and unsupported images are refused', async () => {
  const { file } = await png(8, 8, 3, 1);
  await assert.rejects(
    maskImage(file, [{ kind: 'bbox', x: 0, y: 0, width: 2, height: 2 }, { kind: 'polygon', points: [[0, 0], [1, Number.NaN], [2, 2]] }]),
    (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && /regions\[1\]\.points\[1\]/.test(e.message),
  );
  await assert.rejects(maskImage(file, [{ kind: 'bbox', x: 0, y: 0, width: 0, height: 2 }]), (e: unknown) => isDomainError(e) && e.code === 'validation_failed');
  const gif = await sharp(noise(8, 8, 3, 2), { raw: { width: 8, height: 8, channels: 3 } }).gif().toBuffer();
  await assert.rejects(maskImage(gif, []), (e: unknown) => isDomainError(e) && e.code === 'invalid_input');
  await assert.rejects(maskImage(Buffer.from('not an image'), []), (e: unknown) => isDomainError(e) && e.code === 'invalid_input');
});

test('regions off the image: names a box or polygon that misses the image, edges touching included, and keeps those partly inside', () => {
  const regions: MaskRegion[] = [
    { kind: 'bbox', x: -5, y: -5, width: 6, height: 6 },
    { kind: 'bbox', x: 20, y: 2, width: 4, height: 4 },
    { kind: 'polygon', points: [[-3, 0], [-1, 0], [-2, 9]] },
    { kind: 'polygon', points: [[18, 8], [30, 8], [25, 20]] },
    { kind: 'bbox', x: 0, y: 10, width: 5, height: 5 },
  ];
  assert.deepEqual(regionsOffImage(regions, 20, 10).map((i) => i.path), ['regions[1]', 'regions[2]', 'regions[4]']);
});
