/**
 * COCO object detection JSON: `categories` from the schema, then `images`, then `annotations`,
 * written as they come (one entry a line) so memory stays flat whatever the size.
 *
 * COCO lists all images before all annotations. With a source that can be read twice (a function)
 * the items are read twice; with a one-shot iterable the annotations are spooled to a temporary
 * file while the images are written, then copied after them.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { LabelSchema } from '../core/label-schema.ts';
import { px, polygonArea, polygonBounds } from './numbers.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { classKey, fileNameOf, itemName, schemaClasses, selectedResults, SummaryBuilder, usableResults } from './selection.ts';

/** A function is read once per pass (it must give the same items in the same order each time). */
export type ExportSource = AsyncIterable<ExportItem> | (() => AsyncIterable<ExportItem>);

export interface CocoExportOptions extends ExportOptions {
  /** Where a one-shot source's annotations are spooled. Default: the system's temporary folder. */
  spoolDir?: string;
  description?: string;
}

/** COCO category ids: 1.. over the (control, label) pairs of the box and polygon controls. */
export function cocoCategories(schema: LabelSchema): { id: number; name: string; supercategory: string }[] {
  return schemaClasses(schema, ['bbox', 'polygon']).map((c, i) => ({ id: i + 1, name: c.label, supercategory: c.control }));
}

interface Counters {
  image: number;
  annotation: number;
}

/** The image entry, or null when the item does not go into a COCO file. */
function imageEntry(item: ExportItem, options: ExportOptions, summary: SummaryBuilder | null, imageId: number): string | null {
  if (usableResults(item, 'sized image', 'COCO', options.selection, summary) === null) return null;
  const entry: Record<string, unknown> = { id: imageId, file_name: fileNameOf(item), width: item.width, height: item.height };
  if (item.externalId !== null) entry.external_id = item.externalId;
  return JSON.stringify(entry);
}

function annotationEntries(
  item: ExportItem,
  imageId: number,
  categories: Map<string, number>,
  options: ExportOptions,
  counters: Counters,
  summary: SummaryBuilder | null,
): string[] {
  const lines: string[] = [];
  for (const selected of selectedResults(item, options.selection)) {
    if (summary) summary.annotations++;
    selected.result.regions.forEach((region, r) => {
      if (region.kind === 'span') return;
      const categoryId = categories.get(classKey(region.control, region.label));
      if (categoryId === undefined) {
        summary?.warn(`${itemName(item)}: label "${region.label}" of "${region.control}" is not in the schema, left out`);
        return;
      }
      const entry: Record<string, unknown> = { id: ++counters.annotation, image_id: imageId, category_id: categoryId };
      if (region.kind === 'bbox') {
        const [x, y, w, h] = [px(region.x), px(region.y), px(region.width), px(region.height)];
        Object.assign(entry, { bbox: [x, y, w, h], area: px(w * h), iscrowd: 0, segmentation: [] });
      } else {
        const points = region.points.map(([x, y]) => [px(x), px(y)] as [number, number]);
        const b = polygonBounds(points);
        Object.assign(entry, {
          bbox: [b.x, b.y, px(b.width), px(b.height)],
          area: px(polygonArea(points)),
          iscrowd: 0,
          segmentation: [points.flat()],
        });
      }
      const confidence = selected.confidences?.regions[r];
      if (confidence != null) entry.score = confidence;
      if (summary) summary.entries++;
      lines.push(JSON.stringify(entry));
    });
  }
  return lines;
}

export async function exportCoco(
  schema: LabelSchema,
  source: ExportSource,
  out: Writable,
  options: CocoExportOptions,
): Promise<ExportSummary> {
  const summary = new SummaryBuilder();
  const categories = cocoCategories(schema);
  const categoryIds = new Map(categories.map((c) => [classKey(c.supercategory, c.name), c.id]));
  const writer = new ChunkedWriter(out);
  const info = { description: options.description ?? 'Atelier export' };
  await writer.write(`{"info":${JSON.stringify(info)},"licenses":[],"categories":[\n`);
  await writer.write(categories.map((c) => JSON.stringify(c)).join(',\n'));
  await writer.write('\n],"images":[\n');

  const counters: Counters = { image: 0, annotation: 0 };
  const separator = (n: number): string => (n === 1 ? '' : ',\n');
  let annotationLines = 0;

  if (typeof source === 'function') {
    for await (const item of source()) {
      const image = imageEntry(item, options, summary, counters.image + 1);
      if (image === null) continue;
      summary.items++;
      await writer.write(separator(++counters.image) + image);
    }
    await writer.write('\n],"annotations":[\n');
    let imageId = 0;
    for await (const item of source()) {
      if (imageEntry(item, options, null, imageId + 1) === null) continue;
      for (const line of annotationEntries(item, ++imageId, categoryIds, options, counters, summary)) {
        await writer.write(separator(++annotationLines) + line);
      }
    }
    if (imageId !== counters.image) throw new Error('the export source gave different items on its second pass');
  } else {
    const dir = await mkdtemp(join(options.spoolDir ?? tmpdir(), 'atelier-coco-'));
    try {
      const spoolPath = join(dir, 'annotations.json');
      const spool = new ChunkedWriter(createWriteStream(spoolPath));
      for await (const item of source) {
        const image = imageEntry(item, options, summary, counters.image + 1);
        if (image === null) continue;
        summary.items++;
        await writer.write(separator(++counters.image) + image);
        for (const line of annotationEntries(item, counters.image, categoryIds, options, counters, summary)) {
          await spool.write(separator(++annotationLines) + line);
        }
      }
      await spool.end();
      await writer.write('\n],"annotations":[\n');
      await writer.flush();
      for await (const chunk of createReadStream(spoolPath, { highWaterMark: 1 << 16, encoding: 'utf8' })) {
        await writer.write(chunk as string);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  await writer.write('\n]}\n');
  await writer.end();
  return summary.summary();
}
