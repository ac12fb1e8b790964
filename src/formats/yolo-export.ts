/**
 * Ultralytics YOLO detection/segmentation dataset, laid out as CVAT exports it:
 * `data.yaml`, `train.txt` (the image list), `labels/train/<stem>.txt` with one object a line —
 * `class cx cy w h` for a box, `class x1 y1 x2 y2 …` for a polygon — coordinates relative to the
 * image size, six decimals. Images are copied by `writeImage` when given.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { LabelSchema } from '../core/label-schema.ts';
import { rel6 } from './numbers.ts';
import type { ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { classKey, fileNameOf, fileStem, itemName, schemaClasses, selectedResults, SummaryBuilder, usableResults } from './selection.ts';
import { ChunkedWriter, writeUnique } from './output.ts';
import { createWriteStream } from 'node:fs';
import { writeYoloConfig } from './yolo-yaml.ts';

export interface YoloExportOptions extends ExportOptions {
  /** Puts the item's image at `path` (e.g. copies it from the data folder or object storage). */
  writeImage?: (item: ExportItem, path: string) => Promise<void>;
}

export const YOLO_SUBSET = 'train';

export function yoloLabelLines(item: ExportItem, width: number, height: number, classes: Map<string, number>, options: ExportOptions, summary: SummaryBuilder): string[] {
  const lines: string[] = [];
  for (const selected of selectedResults(item, options.selection)) {
    summary.annotations++;
    for (const region of selected.result.regions) {
      if (region.kind === 'span') continue;
      const index = classes.get(classKey(region.control, region.label));
      if (index === undefined) {
        summary.warn(`${itemName(item)}: label "${region.label}" of "${region.control}" is not in the schema, left out`);
        continue;
      }
      summary.entries++;
      if (region.kind === 'bbox') {
        const cx = (region.x + region.width / 2) / width;
        const cy = (region.y + region.height / 2) / height;
        lines.push(`${index} ${rel6(cx)} ${rel6(cy)} ${rel6(region.width / width)} ${rel6(region.height / height)}`);
      } else {
        lines.push(`${index} ${region.points.map(([x, y]) => `${rel6(x / width)} ${rel6(y / height)}`).join(' ')}`);
      }
    }
  }
  return lines;
}

export async function exportYolo(
  schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  dir: string,
  options: YoloExportOptions,
): Promise<ExportSummary> {
  const summary = new SummaryBuilder();
  const classes = schemaClasses(schema, ['bbox', 'polygon']);
  const classIndex = new Map(classes.map((c, i) => [classKey(c.control, c.label), i]));
  const labelsDir = join(dir, 'labels', YOLO_SUBSET);
  const imagesDir = join(dir, 'images', YOLO_SUBSET);
  await mkdir(labelsDir, { recursive: true });
  await mkdir(imagesDir, { recursive: true });
  await writeFile(join(dir, 'data.yaml'), writeYoloConfig(classes.map((c) => c.label), 'train.txt'));
  const list = new ChunkedWriter(createWriteStream(join(dir, 'train.txt')));
  try {
    for await (const item of items) {
      if (usableResults(item, 'sized image', 'YOLO', options.selection, summary) === null) continue;
      const lines = yoloLabelLines(item, item.width!, item.height!, classIndex, options, summary);
      const content = lines.length > 0 ? `${lines.join('\n')}\n` : '';
      const name = fileNameOf(item);
      const stem = await writeUnique(labelsDir, fileStem(name), item.id, '.txt', () => content, (taken, used) =>
        summary.warn(`${itemName(item)}: another image is named ${taken}, written as ${used}`),
      );
      const imageFile = `${stem}${extname(name) || '.jpg'}`;
      if (options.writeImage) await options.writeImage(item, join(imagesDir, imageFile));
      await list.write(`images/${YOLO_SUBSET}/${imageFile}\n`);
      summary.items++;
    }
  } finally {
    await list.end();
  }
  return summary.summary();
}
