/**
 * Ultralytics YOLO datasets (as exported by Atelier, CVAT, Roboflow): `data.yaml` names the
 * classes and the images (a list file or a folder); each image's labels are in the parallel
 * `labels/` path. Coordinates are relative, so each image's size is needed: from `imageSize`,
 * else read from the image file itself.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import sharp from 'sharp';
import type { Region } from '../core/label-schema.ts';
import { refuse } from './issues.ts';
import { emptyResult, groundTruth, importedItem, type ImportedItem } from './records.ts';
import { fileSource, readLines } from './sources.ts';
import { readYoloConfig } from './yolo-yaml.ts';

export interface YoloImportOptions {
  /** The pixel size of an image, by its path relative to the dataset folder. */
  imageSize?: (imagePath: string) => Promise<{ width: number; height: number } | null>;
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|bmp|webp|tiff?|gif)$/i;
/** Relative coordinates may overshoot by rounding; more than this is an error. */
const TOLERANCE = 1e-6;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Ultralytics' rule: the label of `…/images/…/a.jpg` is `…/labels/…/a.txt`. */
export function labelPathFor(imagePath: string): string {
  const parts = imagePath.split('/');
  const at = parts.lastIndexOf('images');
  if (at >= 0) parts[at] = 'labels';
  const file = parts.pop()!;
  const dot = file.lastIndexOf('.');
  parts.push(`${dot > 0 ? file.slice(0, dot) : file}.txt`);
  return parts.join('/');
}

async function imageList(root: string, train: string): Promise<string[]> {
  const target = join(root, train);
  if (train.endsWith('.txt')) {
    const paths: string[] = [];
    for await (const line of readLines(fileSource(target))) {
      const path = line.text.trim().replace(/^\.\//, '');
      if (path !== '') paths.push(path);
    }
    return paths;
  }
  const files = await readdir(target);
  return files.filter((f) => IMAGE_EXTENSIONS.test(f)).sort().map((f) => posix.join(train.replace(/^\.\/|\/$/g, ''), f));
}

async function sizeFromFile(root: string, imagePath: string): Promise<{ width: number; height: number } | null> {
  const path = join(root, imagePath);
  if (!(await exists(path))) return null;
  const meta = await sharp(path).metadata();
  return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
}

function readLabelLine(text: string, at: string, names: string[], width: number, height: number): Region {
  const fields = text.trim().split(/\s+/);
  const index = Number(fields[0]);
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw refuse(at, `class ${fields[0]} is not one of the ${names.length} classes of data.yaml`);
  }
  const values = fields.slice(1).map(Number);
  if (values.some((v) => !Number.isFinite(v))) throw refuse(at, 'coordinates must be numbers');
  if (values.some((v) => v < -TOLERANCE || v > 1 + TOLERANCE)) throw refuse(at, 'coordinates must be relative, from 0 to 1');
  const label = names[index]!;
  if (values.length === 4) {
    const [cx, cy, w, h] = values as [number, number, number, number];
    if (w <= 0 || h <= 0) throw refuse(at, 'width and height must be positive');
    return { control: '', kind: 'bbox', label, x: (cx - w / 2) * width, y: (cy - h / 2) * height, width: w * width, height: h * height };
  }
  if (values.length >= 6 && values.length % 2 === 0) {
    const points: [number, number][] = [];
    for (let i = 0; i < values.length; i += 2) points.push([values[i]! * width, values[i + 1]! * height]);
    return { control: '', kind: 'polygon', label, points };
  }
  throw refuse(at, 'a line is "class cx cy w h" (a box) or "class x1 y1 x2 y2 x3 y3 …" (a polygon)');
}

export async function* importYolo(dir: string, options: YoloImportOptions = {}): AsyncGenerator<ImportedItem> {
  const configPath = join(dir, 'data.yaml');
  if (!(await exists(configPath))) throw refuse('data.yaml', 'is missing: a YOLO dataset names its classes in data.yaml');
  const config = readYoloConfig(await readFile(configPath, 'utf8'));
  const root = join(dir, config.path && config.path !== './' && config.path !== '.' && !config.path.startsWith('/') ? config.path : '');
  const train = config.train ?? (await exists(join(root, 'train.txt')) ? 'train.txt' : null);
  if (train === null) throw refuse('data.yaml: train', 'is missing: it names the images (a folder or a list file)');
  if (!(await exists(join(root, train)))) throw refuse('data.yaml: train', `${train} does not exist`);
  let position = 0;
  for (const imagePath of await imageList(root, train)) {
    const labelPath = labelPathFor(imagePath);
    const size = options.imageSize ? await options.imageSize(imagePath) : await sizeFromFile(root, imagePath);
    if (!size) throw refuse(imagePath, 'image size unknown (the image is missing): YOLO coordinates are relative to it');
    const result = emptyResult();
    const places: string[] = [];
    const labelFile = join(root, labelPath);
    // No label file is YOLO's way of saying "no objects".
    if (await exists(labelFile)) {
      for await (const line of readLines(fileSource(labelFile))) {
        if (line.text.trim() === '') continue;
        const place = `${labelPath} line ${line.number}`;
        result.regions.push(readLabelLine(line.text, place, config.names, size.width, size.height));
        places.push(place);
      }
    }
    yield importedItem(++position, {
      place: labelPath,
      kind: 'image',
      fileName: basename(imagePath),
      uri: null,
      width: size.width,
      height: size.height,
      annotations: [groundTruth(result, { regionPlaces: places })],
    });
  }
}
