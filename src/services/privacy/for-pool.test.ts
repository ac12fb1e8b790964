import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import sharp from 'sharp';
import type { AnnotationResult, SpanRegion } from '../../core/label-schema.ts';
import { generatePiiDocument } from '../../core/pii/synthetic-text.ts';
import { seededRandom } from '../../core/quality/seeded-random.ts';
import type { Item } from '../../core/items.ts';
import { POOL_KINDS, SENSITIVITIES, type Pool } from '../../core/workforce.ts';
import { FileStore } from '../../media/file-store.ts';
import { maskCoverage, type MaskRegion } from '../../media/mask-image.ts';
import { forgetRenditions, imageBytesForPool } from './content-for-pool.ts';
import { metadataForPool, shapeItemForPool } from './item-for-pool.ts';
import { DEFAULT_PRIVACY, masksFor, type PrivacySettings, redactsFor } from './privacy-settings.ts';
import { mapSubmittedResult, resultForPool, textForPool } from './text-for-pool.ts';

const vendor: Pool = { id: 2, key: 'acme', name: 'Acme', kind: 'vendor', vendor: 'Acme', costModel: null, regions: ['eu'], clearance: 'confidential', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} };
const inHouse: Pool = { ...vendor, id: 1, key: 'staff', kind: 'in_house', vendor: null, clearance: 'restricted' };

const poolArb = fc.record({
  id: fc.integer({ min: 1, max: 50 }),
  kind: fc.constantFrom(...POOL_KINDS),
  clearance: fc.constantFrom(...SENSITIVITIES),
  regions: fc.subarray(['eu', 'us', 'apac', '*'], { minLength: 1 }),
});
const settingsArb: fc.Arbitrary<PrivacySettings> = fc.record({
  redactPoolKinds: fc.subarray([...POOL_KINDS]),
  redactBelowClearance: fc.constantFrom(null, ...SENSITIVITIES),
  redactRegions: fc.subarray(['eu', 'us']),
  redactTypes: fc.constant([...DEFAULT_PRIVACY.redactTypes]),
  maskPoolKinds: fc.subarray([...POOL_KINDS]),
  retentionDays: fc.constant(null),
});

function textItem(id: number, text: string, metadata: Record<string, unknown> = {}): Item {
  return { id, projectId: 1, externalId: `patient-${id}.txt`, kind: 'text', text, mimeType: 'text/plain', width: null, height: null, metadata, sensitivity: 'confidential', region: 'eu', language: 'en', tags: [], edgeCase: false, modelConfidence: null, createdAt: new Date(0) };
}

test('a pool that gets redacted texts never sees a planted PII string; the others see the original', () => {
  let item = 0;
  fc.assert(
    fc.property(fc.integer(), poolArb, settingsArb, (seed, pool, settings) => {
      const { text, planted } = generatePiiDocument(seededRandom(seed), 500);
      const seen = textForPool({ id: ++item, text }, pool, settings);
      if (redactsFor(settings, pool)) {
        for (const p of planted) assert.ok(!seen.text.includes(p.text), `${p.type} "${p.text}" reached a ${pool.kind} pool`);
        assert.ok(seen.map);
      } else {
        assert.equal(seen.text, text);
        assert.equal(seen.map, null);
      }
    }),
    { numRuns: 300 },
  );
});

test('two texts of one length under one item id (two databases served in turn) each get their own redaction', () => {
  // Item 900001 of one database, then of another: same length, different people.
  const first = 'Call Marie Dupont on +33 6 12 34 56 78 about it.';
  const second = 'Call Jean Martin on +33 6 98 76 54 32 about it!!';
  assert.equal(first.length, second.length);
  const a = textForPool({ id: 900001, text: first }, vendor, DEFAULT_PRIVACY);
  const b = textForPool({ id: 900001, text: second }, vendor, DEFAULT_PRIVACY);
  assert.ok(b.text.endsWith('about it!!'), b.text);
  // A span on the second text's phone placeholder lands on the second text's number.
  const start = b.text.indexOf('[');
  const phone = b.text.indexOf('[', start + 1);
  const mapped = mapSubmittedResult({ choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PHONE', start: phone, end: b.text.indexOf(']', phone) + 1, text: '' }] }, b, second);
  assert.equal((mapped.regions[0] as SpanRegion).text, '+33 6 98 76 54 32');
  assert.notEqual(a.text, b.text);
});

test('the decision follows the settings: kinds, clearance below a level, regions (a "*" pool works everywhere)', () => {
  const base = { ...DEFAULT_PRIVACY, redactPoolKinds: [] };
  assert.equal(redactsFor(DEFAULT_PRIVACY, vendor), true);
  assert.equal(redactsFor(DEFAULT_PRIVACY, inHouse), false);
  assert.equal(redactsFor(DEFAULT_PRIVACY, null), false, 'staff outside pools see originals');
  assert.equal(redactsFor({ ...base, redactBelowClearance: 'restricted' }, vendor), true);
  assert.equal(redactsFor({ ...base, redactBelowClearance: 'confidential' }, vendor), false);
  assert.equal(redactsFor({ ...base, redactRegions: ['us'] }, vendor), false);
  assert.equal(redactsFor({ ...base, redactRegions: ['us'] }, { ...inHouse, regions: ['*'] }), true);
  assert.equal(redactsFor({ ...DEFAULT_PRIVACY, redactTypes: [] }, vendor), false);
  assert.equal(masksFor(DEFAULT_PRIVACY, vendor), true);
  assert.equal(masksFor(DEFAULT_PRIVACY, inHouse), false);
});

test('spans made on the redacted text land on the original exactly, and stored spans are shown on the redacted text', () => {
  const original = 'Write to jane.doe@example.org, then call Marie Dupont on +33 6 12 34 56 78 about the invoice.';
  const seen = textForPool({ id: 900_001, text: original }, vendor, DEFAULT_PRIVACY);
  assert.equal(seen.text, 'Write to [EMAIL], then call [NAME] on [PHONE] about the invoice.');
  const span = (word: string, label = 'X'): SpanRegion => {
    const start = seen.text.indexOf(word);
    return { control: 'entities', kind: 'span', label, start, end: start + word.length, text: word };
  };
  const submitted: AnnotationResult = { choices: {}, regions: [span('[NAME]', 'PER'), span('invoice', 'DOC'), span('call [NAME] on', 'CTX')] };
  const stored = mapSubmittedResult(submitted, seen, original);
  const texts = stored.regions.map((r) => (r as SpanRegion).text);
  assert.deepEqual(texts, ['Marie Dupont', 'invoice', 'call Marie Dupont on']);
  for (const r of stored.regions as SpanRegion[]) assert.equal(original.slice(r.start, r.end), r.text);
  const shown = resultForPool(stored, seen);
  assert.deepEqual(shown.regions.map((r) => (r as SpanRegion).text), ['[NAME]', 'invoice', 'call [NAME] on']);
  assert.deepEqual(shown, submitted, 'the round trip gives the vendor back what they made');
  assert.throws(() => mapSubmittedResult({ choices: {}, regions: [{ ...span('invoice'), end: 500 }] }, seen, original), /result\.regions\[0\]/);
});

test('span round trips hold for any spans on generated documents', () => {
  fc.assert(
    fc.property(fc.integer(), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), (seed, raw) => {
      const { text } = generatePiiDocument(seededRandom(seed), 400);
      const seen = textForPool({ id: 800_000 + (seed >>> 12), text }, vendor, DEFAULT_PRIVACY);
      const regions: SpanRegion[] = raw.map(([a, b]) => {
        const start = a % (seen.text.length + 1);
        const end = start + (b % (seen.text.length - start + 1));
        return { control: 'entities', kind: 'span', label: 'X', start, end, text: seen.text.slice(start, end) };
      });
      const stored = mapSubmittedResult({ choices: {}, regions }, seen, text);
      for (const r of stored.regions as SpanRegion[]) {
        assert.equal(text.slice(r.start, r.end), r.text);
        const back = resultForPool({ choices: {}, regions: [r] }, seen).regions[0] as SpanRegion;
        // Mapping back covers at least what the vendor marked (whole placeholders at the edges).
        const marked = regions[stored.regions.indexOf(r)]!;
        assert.ok(back.start <= marked.start && back.end >= marked.end);
        assert.equal(back.text, seen.text.slice(back.start, back.end));
      }
    }),
    { numRuns: 200 },
  );
});

test('metadata: only the keys a pool is allowed; outside pools without a rule see none, in-house all', () => {
  const metadata = { patient: 'P-123', ward: 'cardiology', scanner: 'GE' };
  assert.deepEqual(metadataForPool(metadata, null, vendor), {});
  assert.deepEqual(metadataForPool(metadata, null, inHouse), metadata);
  assert.deepEqual(metadataForPool(metadata, null, null), metadata);
  assert.deepEqual(metadataForPool(metadata, ['scanner', 'missing'], vendor), { scanner: 'GE' });
  assert.deepEqual(metadataForPool(metadata, [], inHouse), {}, 'a rule narrows in-house pools too');
  const item = textItem(5, 'Call Marie Dupont.', metadata);
  const shaped = shapeItemForPool(item, vendor, DEFAULT_PRIVACY, ['ward']);
  assert.deepEqual(shaped.item.metadata, { ward: 'cardiology' });
  assert.equal(shaped.item.externalId, null, 'the external id is a metadata field too');
  assert.equal(shaped.item.text, 'Call [NAME].');
  assert.equal(shaped.minimised, true);
  assert.equal(shapeItemForPool(item, vendor, DEFAULT_PRIVACY, ['external_id']).item.externalId, 'patient-5.txt');
  const staff = shapeItemForPool(item, inHouse, DEFAULT_PRIVACY, null);
  assert.deepEqual(staff.item, item);
  assert.equal(staff.minimised, false);
});

/** Noise without pure black: a black pixel in the output can only come from a mask. */
function noise(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  const random = seededRandom(seed);
  for (let i = 0; i < data.length; i++) data[i] = 30 + Math.floor(random() * 220);
  return data;
}

const regionArb = (w: number, h: number): fc.Arbitrary<MaskRegion> =>
  fc.oneof(
    fc.record({ kind: fc.constant('bbox' as const), x: fc.integer({ min: -5, max: w }), y: fc.integer({ min: -5, max: h }), width: fc.integer({ min: 1, max: w }), height: fc.integer({ min: 1, max: h }) }),
    fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(fc.double({ min: 0, max: w, noNaN: true }), fc.double({ min: 0, max: h, noNaN: true })), { minLength: 3, maxLength: 6 }) }),
  );

async function encode(pixels: Buffer, w: number, h: number, format: 'png' | 'webp' | 'jpeg' | 'tiff'): Promise<Buffer> {
  const raw = sharp(pixels, { raw: { width: w, height: h, channels: 3 } }).withMetadata({ exif: { IFD0: { Copyright: 'secret-location' } } });
  if (format === 'png') return raw.png().toBuffer();
  if (format === 'webp') return raw.webp({ lossless: true }).toBuffer();
  if (format === 'jpeg') return raw.jpeg({ quality: 95 }).toBuffer();
  return raw.tiff({ compression: 'lzw' }).toBuffer();
}

/** The pixel and its eight neighbours are all under a mask. */
function inside(coverage: ArrayLike<number | boolean>, p: number, w: number, h: number): boolean {
  const x = p % w;
  const y = Math.floor(p / w);
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
    const nx = x + dx;
    const ny = y + dy;
    if (nx < 0 || ny < 0 || nx >= w || ny >= h || !coverage[ny * w + nx]) return false;
  }
  return true;
}

test('an outside pool only ever receives masked pixels, re-encoded; in-house pools get the stored file', async () => {
  const files = new FileStore(mkdtempSync(join(tmpdir(), 'atelier-mask-')));
  const w = 48;
  const h = 32;
  let id = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer(), fc.array(regionArb(w, h), { minLength: 1, maxLength: 4 }), fc.constantFrom('png', 'webp', 'jpeg', 'tiff'), async (seed, regions, format) => {
      const pixels = noise(w, h, seed);
      const coverage = maskCoverage(regions, w, h);
      // The same picture with other content under the masks: what the pool gets must not differ.
      const other = Buffer.from(pixels);
      const random = seededRandom(seed ^ 0x5bd1e995);
      for (let p = 0; p < w * h; p++) if (coverage[p]) for (let c = 0; c < 3; c++) other[p * 3 + c] = 30 + Math.floor(random() * 220);
      const mimeType = `image/${format}`;
      const render = async (bytes: Buffer) => {
        const item = { id: ++id, mimeType };
        return imageBytesForPool(files, item, async () => ({ bytes, mimeType }), { regions, version: 1 }, vendor, DEFAULT_PRIVACY);
      };
      const stored = await encode(pixels, w, h, format);
      const staff = await imageBytesForPool(files, { id: ++id, mimeType }, async () => ({ bytes: stored, mimeType }), { regions, version: 1 }, inHouse, DEFAULT_PRIVACY);
      assert.equal(staff.bytes, stored);

      const out = await render(stored);
      assert.equal(out.masked, true);
      assert.equal(out.mimeType, format === 'tiff' ? 'image/png' : mimeType);
      assert.ok(!out.bytes.includes(Buffer.from('secret-location')), 'metadata does not travel');
      const alternative = await render(await encode(other, w, h, format));
      // A JPEG source already blends each 8×8 block, so only lossless sources can show this exactly.
      if (format !== 'jpeg') assert.ok(out.bytes.equals(alternative.bytes), 'nothing under the masks reaches the pool');
      const { data, info } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
      const lossless = out.mimeType === 'image/png';
      for (let p = 0; p < w * h; p++) {
        const px = [...data.subarray(p * info.channels, p * info.channels + 3)];
        if (coverage[p]) {
          if (lossless) assert.deepEqual(px, [0, 0, 0], `pixel ${p % w},${Math.floor(p / w)} is masked`);
          // A lossy codec smears a lone pixel into its neighbours: darkness holds inside a mask, and
          // what lies under it never reaches the pool (the comparison above).
          else if (inside(coverage, p, w, h)) assert.ok(Math.max(...px) <= 64, 'a masked pixel stays dark through lossy re-encoding');
        } else if (lossless) assert.deepEqual(px, [...pixels.subarray(p * 3, p * 3 + 3)], 'PNG keeps the other pixels');
      }
      const again = await imageBytesForPool(files, { id: id - 1, mimeType }, async () => assert.fail('a cached rendition is reused'), { regions, version: 1 }, vendor, DEFAULT_PRIVACY);
      assert.ok(again.bytes.equals(out.bytes));
      assert.equal(await forgetRenditions(files, id - 1), 1);
    }),
    { numRuns: 25 },
  );
});
