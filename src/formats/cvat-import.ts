/**
 * CVAT for images 1.1 (`annotations.xml`), read one `<image>` at a time. `<meta>` gives the label
 * names (of the task, job or project); each image's `<box>` (a rotated box becomes its
 * axis-aligned envelope), `<polygon>` and `<tag>` (an image-level choice) are read. Shapes with
 * `source="auto"` were made by a model and are imported as its prediction. Other shapes (polyline,
 * points, mask, ellipse, cuboid, skeleton) and video tracks are refused unless `skipUnsupported`.
 * Per-shape attributes have no place in an Atelier result and are not imported.
 */
import type { Region } from '../core/label-schema.ts';
import { refuse } from './issues.ts';
import { clampToImage, extent } from './numbers.ts';
import { emptyResult, groundTruth, importedItem, type ImportedAnnotation, type ImportedItem } from './records.ts';
import type { ImportSource } from './sources.ts';
import { parseXmlElement, streamXmlChildren, xmlAttribute, xmlChildren, xmlText, type XmlNode } from './xml-stream.ts';

export interface CvatImportOptions {
  skipUnsupported?: boolean;
  /** Name credited to `source="auto"` shapes. */
  modelName?: string;
}

const UNSUPPORTED = ['polyline', 'points', 'mask', 'ellipse', 'cuboid', 'skeleton'];

function metaLabels(meta: XmlNode): Set<string> | null {
  for (const holder of ['task', 'job', 'project']) {
    const node = xmlChildren(meta, holder)[0];
    const labels = node && xmlChildren(node, 'labels')[0];
    if (labels) return new Set(xmlChildren(labels, 'label').map((l) => xmlText(l, 'name') ?? ''));
  }
  return null;
}

function numberAttribute(node: XmlNode, name: string, at: string): number {
  const raw = xmlAttribute(node, name);
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw refuse(`${at}/@${name}`, raw === undefined ? 'is missing' : `"${raw}" is not a number`);
  return value;
}

function readBox(node: XmlNode, at: string, size: { width: number; height: number }): Omit<Region & { kind: 'bbox' }, 'control' | 'label'> {
  const [xtl, ytl, xbr, ybr] = ['xtl', 'ytl', 'xbr', 'ybr'].map((n) => numberAttribute(node, n, at)) as [number, number, number, number];
  if (xbr <= xtl) throw refuse(`${at}/@xbr`, `${xbr} is not right of xtl ${xtl}`);
  if (ybr <= ytl) throw refuse(`${at}/@ybr`, `${ybr} is not below ytl ${ytl}`);
  const rotation = xmlAttribute(node, 'rotation') === undefined ? 0 : numberAttribute(node, 'rotation', at);
  if (rotation % 360 === 0) return { kind: 'bbox', x: xtl, y: ytl, width: extent(xtl, xbr), height: extent(ytl, ybr) };
  // CVAT turns a box clockwise about its centre.
  const [cx, cy, hw, hh] = [(xtl + xbr) / 2, (ytl + ybr) / 2, (xbr - xtl) / 2, (ybr - ytl) / 2];
  const t = (rotation * Math.PI) / 180;
  const ex = Math.abs(hw * Math.cos(t)) + Math.abs(hh * Math.sin(t));
  const ey = Math.abs(hw * Math.sin(t)) + Math.abs(hh * Math.cos(t));
  return { kind: 'bbox', ...clampToImage({ x: cx - ex, y: cy - ey, width: 2 * ex, height: 2 * ey }, size.width, size.height) };
}

function readPolygon(node: XmlNode, at: string): Omit<Region & { kind: 'polygon' }, 'control' | 'label'> {
  const raw = xmlAttribute(node, 'points');
  if (raw === undefined) throw refuse(`${at}/@points`, 'is missing');
  const points = raw.split(';').map((pair) => pair.split(',').map(Number));
  if (points.length < 3 || points.some((p) => p.length !== 2 || !p.every(Number.isFinite))) {
    throw refuse(`${at}/@points`, 'must be at least three "x,y" pairs separated by ";"');
  }
  return { kind: 'polygon', points: points as [number, number][] };
}

function readImage(image: XmlNode, at: string, size: { width: number; height: number }, labels: Set<string> | null, options: CvatImportOptions): ImportedAnnotation[] {
  const human = emptyResult();
  const auto = emptyResult();
  const checkLabel = (node: XmlNode, nat: string): string => {
    const label = xmlAttribute(node, 'label');
    if (!label) throw refuse(`${nat}/@label`, 'is missing');
    if (labels && !labels.has(label)) throw refuse(`${nat}/@label`, `"${label}" is not a label of the task (<meta>)`);
    return label;
  };
  const target = (node: XmlNode) => (xmlAttribute(node, 'source') === 'auto' ? auto : human);
  for (const kind of ['box', 'polygon'] as const) {
    xmlChildren(image, kind).forEach((node, i) => {
      const nat = `${at}/${kind}[${i + 1}]`;
      const label = checkLabel(node, nat);
      const shape = kind === 'box' ? readBox(node, nat, size) : readPolygon(node, nat);
      target(node).regions.push({ ...shape, control: '', label } as Region);
    });
  }
  xmlChildren(image, 'tag').forEach((node, i) => {
    const label = checkLabel(node, `${at}/tag[${i + 1}]`);
    const list = (target(node).choices[''] ??= []);
    if (!list.includes(label)) list.push(label);
  });
  for (const kind of UNSUPPORTED) {
    if (xmlChildren(image, kind).length > 0 && !options.skipUnsupported) {
      throw refuse(`${at}/${kind}[1]`, `<${kind}> shapes are not supported (box, polygon and tag are)`);
    }
  }
  const annotations = [groundTruth(human)];
  if (auto.regions.length > 0 || Object.keys(auto.choices).length > 0) {
    annotations.push({ ...groundTruth(auto), kind: 'prediction', model: { name: options.modelName ?? 'cvat-auto', version: 'unknown' } });
  }
  return annotations;
}

export async function* importCvat(source: ImportSource, options: CvatImportOptions = {}): AsyncGenerator<ImportedItem> {
  let labels: Set<string> | null = null;
  for await (const child of streamXmlChildren(source, 'annotations')) {
    if (child.name === 'version') {
      // A leaf element parses to its text.
      const node: unknown = parseXmlElement(child.xml, child.path, child.line);
      const version = typeof node === 'object' && node !== null ? String((node as XmlNode)['#text'] ?? '') : String(node);
      if (!version.startsWith('1.')) throw refuse(child.path, `CVAT XML version ${version} is not supported (1.x is)`);
    } else if (child.name === 'meta') {
      labels = metaLabels(parseXmlElement(child.xml, child.path, child.line));
    } else if (child.name === 'track') {
      if (options.skipUnsupported) continue;
      throw refuse(child.path, 'video tracks are not supported: export the task as "CVAT for images"');
    } else if (child.name === 'image') {
      const image = parseXmlElement(child.xml, child.path, child.line);
      const width = numberAttribute(image, 'width', child.path);
      const height = numberAttribute(image, 'height', child.path);
      const name = xmlAttribute(image, 'name');
      if (!name) throw refuse(`${child.path}/@name`, 'is missing');
      yield importedItem(child.index, {
        place: child.path,
        sourceId: xmlAttribute(image, 'id') ?? null,
        kind: 'image',
        fileName: name,
        width,
        height,
        annotations: readImage(image, child.path, { width, height }, labels, options),
      });
    }
  }
}
