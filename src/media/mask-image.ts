/**
 * Masking image regions before an image leaves for an outside pool. The image is decoded, the
 * regions are painted opaque black in the decoded pixels, and a new file is encoded from those
 * pixels alone: nothing of the original file survives (no JPEG blocks, no EXIF thumbnail, no
 * metadata), so the masked content cannot be recovered from the output.
 */
import sharp from 'sharp';
import { DomainError, validationFailed, type FieldIssue } from '../core/errors.ts';

/** In pixels of the image as shown (EXIF orientation applied), origin top-left, like annotations. */
export type MaskRegion =
  | { kind: 'bbox'; x: number; y: number; width: number; height: number }
  | { kind: 'polygon'; points: readonly (readonly [number, number])[] };

type Point = readonly [number, number];

function regionIssues(regions: readonly MaskRegion[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  regions.forEach((r, i) => {
    const at = `regions[${i}]`;
    if (r?.kind === 'bbox') {
      for (const k of ['x', 'y', 'width', 'height'] as const) if (!finite(r[k])) issues.push({ path: `${at}.${k}`, message: 'must be a finite number' });
      if (finite(r.width) && finite(r.height) && (r.width <= 0 || r.height <= 0)) issues.push({ path: at, message: 'width and height must be positive' });
    } else if (r?.kind === 'polygon') {
      if (!Array.isArray(r.points) || r.points.length < 3) issues.push({ path: `${at}.points`, message: 'a polygon needs at least three points' });
      else r.points.forEach((p, j) => {
        if (!Array.isArray(p) || p.length !== 2 || !finite(p[0]) || !finite(p[1])) issues.push({ path: `${at}.points[${j}]`, message: 'must be [x, y] numbers' });
      });
    } else {
      issues.push({ path: `${at}.kind`, message: "must be 'bbox' or 'polygon'" });
    }
  });
  return issues;
}

/**
 * The regions that miss a width × height image altogether: saved, they would mask nothing while
 * the manager believes something is hidden. (A region partly outside is clipped, as painted.)
 */
export function regionsOffImage(regions: readonly MaskRegion[], width: number, height: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  regions.forEach((r, i) => {
    const xs = r.kind === 'bbox' ? [r.x, r.x + r.width] : r.points.map((p) => p[0]);
    const ys = r.kind === 'bbox' ? [r.y, r.y + r.height] : r.points.map((p) => p[1]);
    const overlaps = Math.min(...xs) < width && Math.max(...xs) > 0 && Math.min(...ys) < height && Math.max(...ys) > 0;
    if (!overlaps) issues.push({ path: `regions[${i}]`, message: `lies outside the ${width} × ${height} image: it would mask nothing` });
  });
  return issues;
}

/** Mark the pixels in columns [from, to] of `row`, clipped to the image. */
function markRow(mask: Uint8Array, width: number, height: number, row: number, from: number, to: number): void {
  if (row < 0 || row >= height) return;
  const a = Math.max(0, from);
  const b = Math.min(width - 1, to);
  if (a <= b) mask.fill(1, row * width + a, row * width + b + 1);
}

function markBox(mask: Uint8Array, width: number, height: number, r: { x: number; y: number; width: number; height: number }): void {
  // Every pixel whose square overlaps the rectangle by any area.
  const x0 = Math.floor(r.x);
  const x1 = Math.ceil(r.x + r.width) - 1;
  for (let row = Math.max(0, Math.floor(r.y)); row <= Math.min(height - 1, Math.ceil(r.y + r.height) - 1); row++) markRow(mask, width, height, row, x0, x1);
}

/**
 * Every pixel whose square overlaps the polygon by any area is masked: the pixels whose centre is
 * inside (non-zero winding, so self-intersecting outlines are filled whole) and the pixels the
 * outline passes through.
 */
function markPolygon(mask: Uint8Array, width: number, height: number, points: readonly Point[]): void {
  const edges = points.map((p, i) => [p, points[(i + 1) % points.length]!] as const);
  const ys = points.map((p) => p[1]);
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  const crossings: { x: number; dir: number }[] = [];
  for (let row = top; row <= bottom; row++) {
    const yc = row + 0.5;
    crossings.length = 0;
    for (const [[x0, y0], [x1, y1]] of edges) {
      if ((y0 <= yc && yc < y1) || (y1 <= yc && yc < y0)) crossings.push({ x: x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0), dir: y1 > y0 ? 1 : -1 });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    let enter = 0;
    for (const c of crossings) {
      const before = winding;
      winding += c.dir;
      if (before === 0) enter = c.x;
      // Centres px + 0.5 in [enter, exit).
      else if (winding === 0) markRow(mask, width, height, row, Math.ceil(enter - 0.5), Math.ceil(c.x - 0.5) - 1);
    }
  }
  for (const [[x0, y0], [x1, y1]] of edges) markSegment(mask, width, height, x0, y0, x1, y1);
}

/** The pixels whose open square the segment passes through. */
function markSegment(mask: Uint8Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number): void {
  if (y0 === y1) {
    if (Number.isInteger(y0)) return; // on a row boundary: inside no pixel
    markRow(mask, width, height, Math.floor(y0), Math.floor(Math.min(x0, x1)), Math.ceil(Math.max(x0, x1)) - 1);
    return;
  }
  const yMin = Math.min(y0, y1);
  const yMax = Math.max(y0, y1);
  const xAt = (y: number): number => x0 + ((y - y0) * (x1 - x0)) / (y1 - y0);
  for (let row = Math.max(0, Math.floor(yMin)); row <= Math.min(height - 1, Math.ceil(yMax) - 1); row++) {
    const xa = xAt(Math.max(yMin, row));
    const xb = xAt(Math.min(yMax, row + 1));
    markRow(mask, width, height, row, Math.floor(Math.min(xa, xb)), Math.ceil(Math.max(xa, xb)) - 1);
  }
}

/** Which pixels of a width × height image the regions cover (1 = masked), row-major. */
export function maskCoverage(regions: readonly MaskRegion[], width: number, height: number): Uint8Array {
  const issues = regionIssues(regions);
  if (issues.length > 0) throw validationFailed(issues);
  const mask = new Uint8Array(width * height);
  for (const r of regions) {
    if (r.kind === 'bbox') markBox(mask, width, height, r);
    else markPolygon(mask, width, height, r.points);
  }
  return mask;
}

const MASKABLE = new Set(['png', 'jpeg', 'webp']);

/** The image with the regions painted opaque black, in the format it came in (PNG, JPEG, WebP). */
export async function maskImage(input: Buffer, regions: readonly MaskRegion[]): Promise<Buffer> {
  const issues = regionIssues(regions);
  if (issues.length > 0) throw validationFailed(issues);
  let format: string | undefined;
  let pages = 1;
  try {
    const meta = await sharp(input).metadata();
    format = meta.format;
    pages = meta.pages ?? 1;
  } catch (error) {
    throw new DomainError('invalid_input', `not a readable image: ${(error as Error).message}`);
  }
  if (!format || !MASKABLE.has(format) || pages > 1) {
    throw new DomainError('invalid_input', `masking takes single-frame PNG, JPEG or WebP images, not ${format ?? 'this file'}`);
  }
  const { data, info } = await sharp(input).rotate().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const mask = maskCoverage(regions, width, height);
  const hasAlpha = channels === 2 || channels === 4;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] === 0) continue;
    const o = p * channels;
    data.fill(0, o, o + channels);
    if (hasAlpha) data[o + channels - 1] = 255;
  }
  const image = sharp(data, { raw: { width, height, channels } });
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: 90 }).toBuffer();
  return image.jpeg({ quality: 90 }).toBuffer();
}
