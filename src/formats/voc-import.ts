/**
 * Pascal VOC detection annotations: `Annotations/*.xml`, in the order of the image set list
 * (`ImageSets/Main/default.txt`, `train.txt` or `trainval.txt`) when there is one. Each file is
 * small and read whole; a fault is reported with the file and the element.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Region } from '../core/label-schema.ts';
import { refuse } from './issues.ts';
import { extent } from './numbers.ts';
import { emptyResult, groundTruth, importedItem, type ImportedItem } from './records.ts';
import { parseXmlElement, xmlChildren, xmlText, type XmlNode } from './xml-stream.ts';

const IMAGE_SETS = ['default.txt', 'train.txt', 'trainval.txt'];

async function readIfExists(path: string): Promise<string | null> {
  try {
    await access(path);
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function stems(dir: string): Promise<string[]> {
  for (const name of IMAGE_SETS) {
    const list = await readIfExists(join(dir, 'ImageSets', 'Main', name));
    // VOC class lists ("a 1") put a flag after the stem.
    if (list !== null) return list.split(/\r?\n/).map((l) => l.trim().split(/\s+/)[0]!).filter((s) => s !== '');
  }
  const files = await readdir(join(dir, 'Annotations')).catch(() => {
    throw refuse('Annotations', 'is missing: a VOC dataset has an Annotations folder');
  });
  return files.filter((f) => f.endsWith('.xml')).sort().map((f) => f.slice(0, -4));
}

function number(node: XmlNode, name: string, at: string): number {
  const text = xmlText(node, name);
  const value = text === undefined || text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw refuse(`${at}/${name}`, text === undefined ? 'is missing' : `"${text}" is not a number`);
  return value;
}

function readObject(object: XmlNode, at: string): Region {
  const label = xmlText(object, 'name');
  if (!label) throw refuse(`${at}/name`, 'is missing');
  const box = xmlChildren(object, 'bndbox')[0];
  if (!box) throw refuse(`${at}/bndbox`, 'is missing (VOC objects are boxes)');
  const bat = `${at}/bndbox`;
  const [xmin, ymin, xmax, ymax] = ['xmin', 'ymin', 'xmax', 'ymax'].map((n) => number(box, n, bat)) as [number, number, number, number];
  if (xmax <= xmin) throw refuse(`${bat}/xmax`, `${xmax} is not right of xmin ${xmin}`);
  if (ymax <= ymin) throw refuse(`${bat}/ymax`, `${ymax} is not below ymin ${ymin}`);
  return { control: '', kind: 'bbox', label, x: xmin, y: ymin, width: extent(xmin, xmax), height: extent(ymin, ymax) };
}

export async function* importVoc(dir: string): AsyncGenerator<ImportedItem> {
  let position = 0;
  for (const stem of await stems(dir)) {
    const file = `Annotations/${stem}.xml`;
    const xml = await readIfExists(join(dir, file));
    if (xml === null) throw refuse(file, 'is missing (the image set lists it)');
    const root = parseXmlElement(xml, file, 1, 'annotation');
    const at = `${file} /annotation`;
    const size = xmlChildren(root, 'size')[0];
    if (!size) throw refuse(`${at}/size`, 'is missing');
    const width = number(size, 'width', `${at}/size`);
    const height = number(size, 'height', `${at}/size`);
    const result = emptyResult();
    xmlChildren(root, 'object').forEach((object, i) => result.regions.push(readObject(object, `${at}/object[${i + 1}]`)));
    yield importedItem(++position, {
      place: file,
      kind: 'image',
      fileName: xmlText(root, 'filename') || `${stem}.jpg`,
      width,
      height,
      annotations: [groundTruth(result)],
    });
  }
}
