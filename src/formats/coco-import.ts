/**
 * COCO object detection JSON (Atelier's own, CVAT's "COCO 1.0", Detectron's...), in two streamed
 * passes over the file: the first reads categories and images and notes in which order the
 * annotations name their images; the second reads the annotations. When each image's annotations
 * are together and in image order (as COCO writers produce them), items are yielded as their
 * annotations end; otherwise the annotations are grouped in memory first.
 */
import type { Region } from '../core/label-schema.ts';
import { asArray, asObject, optionalConfidence, optionalString, positiveNumber, requiredInteger, requiredNumber, requiredString } from './json-fields.ts';
import { jsonPath, refuse } from './issues.ts';
import { streamJson } from './json-stream.ts';
import { isFiniteNumber } from './numbers.ts';
import { emptyResult, groundTruth, importedItem, type ImportedItem, type ModelRef } from './records.ts';
import type { ImportSource } from './sources.ts';

export interface CocoImportOptions {
  /** Leave out what Atelier cannot hold (RLE masks) instead of refusing the file. */
  skipUnsupported?: boolean;
  /** The model credited with annotations that carry a `score`. */
  model?: ModelRef;
}

interface CocoImage {
  id: number;
  position: number;
  fileName: string;
  width: number;
  height: number;
  externalId: string | null;
  uri: string | null;
}

interface ScoredRegion {
  region: Region;
  score: number | null;
  /** Its place in the file: faults found later (a box outside the image) are reported there. */
  place: string;
}

const DEFAULT_MODEL: ModelRef = { name: 'coco-import', version: 'unknown' };

function readCategory(value: unknown, path: string): { id: number; control: string; label: string } {
  const obj = asObject(value, path);
  return {
    id: requiredInteger(obj, 'id', path),
    label: requiredString(obj, 'name', path),
    control: optionalString(obj, 'supercategory', path) ?? '',
  };
}

function readImage(value: unknown, path: string, position: number): { id: number; image: CocoImage } {
  const obj = asObject(value, path);
  const externalId = obj.external_id;
  return {
    id: requiredInteger(obj, 'id', path),
    image: {
      id: requiredInteger(obj, 'id', path),
      position,
      fileName: requiredString(obj, 'file_name', path),
      width: positiveNumber(obj, 'width', path),
      height: positiveNumber(obj, 'height', path),
      externalId: typeof externalId === 'string' || typeof externalId === 'number' ? String(externalId) : null,
      uri: optionalString(obj, 'coco_url', path),
    },
  };
}

function readRegions(
  obj: Record<string, unknown>,
  path: string,
  category: { control: string; label: string },
  options: CocoImportOptions,
): ScoredRegion[] {
  const score = optionalConfidence(obj, 'score', path);
  const { control, label } = category;
  const segmentation = obj.segmentation;
  if (segmentation !== undefined && segmentation !== null && !Array.isArray(segmentation)) {
    if (options.skipUnsupported) return [];
    throw refuse(jsonPath(path, 'segmentation'), 'RLE masks are not supported (polygons and boxes are)');
  }
  if (Array.isArray(segmentation) && segmentation.length > 0) {
    return segmentation.map((polygon, p) => {
      const at = `${jsonPath(path, 'segmentation')}[${p}]`;
      const flat = asArray(polygon, at);
      if (flat.length < 6 || flat.length % 2 !== 0 || !flat.every(isFiniteNumber)) {
        throw refuse(at, 'a polygon is a flat list of at least three x, y pairs');
      }
      const points: [number, number][] = [];
      for (let i = 0; i < flat.length; i += 2) points.push([flat[i] as number, flat[i + 1] as number]);
      return { region: { control, kind: 'polygon', label, points }, score, place: at };
    });
  }
  const bboxPath = jsonPath(path, 'bbox');
  const bbox = asArray(obj.bbox, bboxPath);
  if (bbox.length !== 4 || !bbox.every(isFiniteNumber)) throw refuse(bboxPath, 'must be [x, y, width, height]');
  const [x, y, width, height] = bbox as number[];
  if (width! <= 0 || height! <= 0) throw refuse(bboxPath, 'width and height must be positive');
  return [{ region: { control, kind: 'bbox', label, x: x!, y: y!, width: width!, height: height! }, score, place: bboxPath }];
}

function toItem(image: CocoImage, regions: ScoredRegion[], model: ModelRef): ImportedItem {
  const human = emptyResult();
  const predicted = emptyResult();
  const confidences: (number | null)[] = [];
  const humanPlaces: string[] = [];
  const predictedPlaces: string[] = [];
  for (const { region, score, place } of regions) {
    if (score === null) {
      human.regions.push(region);
      humanPlaces.push(place);
    } else {
      predicted.regions.push(region);
      predictedPlaces.push(place);
      confidences.push(score);
    }
  }
  const annotations = [];
  if (human.regions.length > 0 || predicted.regions.length === 0) annotations.push(groundTruth(human, { regionPlaces: humanPlaces }));
  if (predicted.regions.length > 0) {
    annotations.push({ ...groundTruth(predicted, { regionPlaces: predictedPlaces }), kind: 'prediction' as const, model, confidences: { regions: confidences, choices: {} } });
  }
  return importedItem(image.position, {
    place: `images[${image.position - 1}]`,
    externalId: image.externalId,
    sourceId: String(image.id),
    kind: 'image',
    fileName: image.fileName,
    uri: image.uri,
    width: image.width,
    height: image.height,
    annotations,
  });
}

export async function* importCoco(source: ImportSource, options: CocoImportOptions = {}): AsyncGenerator<ImportedItem> {
  const categories = new Map<number, { control: string; label: string }>();
  const images = new Map<number, CocoImage>();
  const order: number[] = [];
  /** Each run of consecutive annotations on one image: its image id and first annotation. */
  const runs: { imageId: number; first: number }[] = [];
  const seenKeys = new Set<string>();

  for await (const element of streamJson(source, { top: 'object', select: (k) => k !== 'licenses' && k !== 'info' })) {
    if (element.key !== null) seenKeys.add(element.key);
    if (element.index < 0) continue;
    if (element.key === 'categories') {
      const c = readCategory(element.value, element.path);
      if (categories.has(c.id)) throw refuse(`${element.path}.id`, `category id ${c.id} is used twice`);
      categories.set(c.id, { control: c.control, label: c.label });
    } else if (element.key === 'images') {
      const { id, image } = readImage(element.value, element.path, order.length + 1);
      if (images.has(id)) throw refuse(`${element.path}.id`, `image id ${id} is used twice`);
      images.set(id, image);
      order.push(id);
    } else if (element.key === 'annotations') {
      const imageId = requiredInteger(asObject(element.value, element.path), 'image_id', element.path);
      if (runs.length === 0 || runs[runs.length - 1]!.imageId !== imageId) runs.push({ imageId, first: element.index });
    }
  }
  for (const key of ['images', 'categories']) if (!seenKeys.has(key)) throw refuse(key, 'is missing');

  let streamable = true;
  let lastPosition = 0;
  for (const run of runs) {
    const image = images.get(run.imageId);
    if (!image) throw refuse(`annotations[${run.first}].image_id`, `no image has id ${run.imageId}`);
    if (image.position <= lastPosition) streamable = false;
    lastPosition = image.position;
  }
  runs.length = 0;

  const model = options.model ?? DEFAULT_MODEL;
  const grouped = new Map<number, ScoredRegion[]>();
  let current: { imageId: number; regions: ScoredRegion[] } | null = null;
  let nextPosition = 1;
  const upTo = function* (position: number): Generator<ImportedItem> {
    for (; nextPosition < position; nextPosition++) yield toItem(images.get(order[nextPosition - 1]!)!, [], model);
  };

  for await (const element of streamJson(source, { top: 'object', select: (k) => k === 'annotations' })) {
    if (element.key !== 'annotations' || element.index < 0) continue;
    const obj = asObject(element.value, element.path);
    const imageId = requiredInteger(obj, 'image_id', element.path);
    const categoryId = requiredNumber(obj, 'category_id', element.path);
    const category = categories.get(categoryId);
    if (!category) throw refuse(`${element.path}.category_id`, `no category has id ${categoryId}`);
    const regions = readRegions(obj, element.path, category, options);
    if (!streamable) {
      const list = grouped.get(imageId);
      if (list) list.push(...regions);
      else grouped.set(imageId, regions);
      continue;
    }
    if (current === null || current.imageId !== imageId) {
      if (current !== null) {
        const image = images.get(current.imageId)!;
        yield* upTo(image.position);
        yield toItem(image, current.regions, model);
        nextPosition = image.position + 1;
      }
      current = { imageId, regions: [] };
    }
    current.regions.push(...regions);
  }
  if (current !== null) {
    const image = images.get(current.imageId)!;
    yield* upTo(image.position);
    yield toItem(image, current.regions, model);
    nextPosition = image.position + 1;
  }
  if (streamable) {
    yield* upTo(order.length + 1);
    return;
  }
  for (const id of order) yield toItem(images.get(id)!, grouped.get(id) ?? [], model);
}
