/**
 * Pascal VOC detection: one `Annotations/<stem>.xml` per image with its size and an `<object>`
 * (name, pose, truncated, difficult, bndbox) per box, and `ImageSets/Main/default.txt` listing the
 * stems. Coordinates are pixels from the top-left corner, to the hundredth, as CVAT writes them.
 * VOC holds boxes only: polygons and choices are left out with a warning.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { LabelSchema } from '../core/label-schema.ts';
import { px } from './numbers.ts';
import { ChunkedWriter, writeUnique } from './output.ts';
import type { ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { fileNameOf, fileStem, itemName, selectedResults, SummaryBuilder, usableResults } from './selection.ts';

export interface VocExportOptions extends ExportOptions {
  /** Puts the item's image at `path` (`JPEGImages/<stem>.<ext>`). */
  writeImage?: (item: ExportItem, path: string) => Promise<void>;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/** The `<object>` elements of an item's boxes. */
export function vocObjects(item: ExportItem, options: ExportOptions, summary: SummaryBuilder): string[] {
  const objects: string[] = [];
  for (const selected of selectedResults(item, options.selection)) {
    summary.annotations++;
    for (const region of selected.result.regions) {
      if (region.kind !== 'bbox') {
        summary.warn(`${itemName(item)}: a ${region.kind} of "${region.control}" has no place in VOC, left out`);
        continue;
      }
      summary.entries++;
      objects.push(
        [
          '\t<object>',
          `\t\t<name>${escapeXml(region.label)}</name>`,
          '\t\t<pose>Unspecified</pose>',
          '\t\t<truncated>0</truncated>',
          '\t\t<difficult>0</difficult>',
          '\t\t<bndbox>',
          `\t\t\t<xmin>${px(region.x)}</xmin>`,
          `\t\t\t<ymin>${px(region.y)}</ymin>`,
          `\t\t\t<xmax>${px(region.x + region.width)}</xmax>`,
          `\t\t\t<ymax>${px(region.y + region.height)}</ymax>`,
          '\t\t</bndbox>',
          '\t</object>',
        ].join('\n'),
      );
    }
  }
  return objects;
}

export function vocDocument(item: ExportItem, fileName: string, objects: string[]): string {
  return [
    '<annotation>',
    '\t<folder>JPEGImages</folder>',
    `\t<filename>${escapeXml(fileName)}</filename>`,
    '\t<size>',
    `\t\t<width>${item.width}</width>`,
    `\t\t<height>${item.height}</height>`,
    '\t\t<depth>3</depth>',
    '\t</size>',
    '\t<segmented>0</segmented>',
    ...objects,
    '</annotation>',
    '',
  ].join('\n');
}

export async function exportVoc(
  _schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  dir: string,
  options: VocExportOptions,
): Promise<ExportSummary> {
  const summary = new SummaryBuilder();
  const annotationsDir = join(dir, 'Annotations');
  await mkdir(annotationsDir, { recursive: true });
  await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true });
  await mkdir(join(dir, 'JPEGImages'), { recursive: true });
  const list = new ChunkedWriter(createWriteStream(join(dir, 'ImageSets', 'Main', 'default.txt')));
  try {
    for await (const item of items) {
      if (usableResults(item, 'sized image', 'VOC', options.selection, summary) === null) continue;
      const original = fileNameOf(item);
      const objects = vocObjects(item, options, summary);
      const stem = await writeUnique(annotationsDir, fileStem(original), item.id, '.xml', (s) => vocDocument(item, `${s}${extname(original) || '.jpg'}`, objects), (taken, used) =>
        summary.warn(`${itemName(item)}: another image is named ${taken}, written as ${used}`),
      );
      if (options.writeImage) await options.writeImage(item, join(dir, 'JPEGImages', `${stem}${extname(original) || '.jpg'}`));
      await list.write(`${stem}\n`);
      summary.items++;
    }
  } finally {
    await list.end();
  }
  return summary.summary();
}
