/**
 * Label Studio's JSON export: a list of tasks, each with its `data`, `annotations` (human) and
 * `predictions` (model), every result naming its control (`from_name`). Read task by task.
 *
 * Results read: `rectanglelabels` and `polygonlabels` (percent of the image: turned into pixels
 * with `original_width`/`original_height`; a rotated rectangle becomes its axis-aligned envelope),
 * `labels` on plain text (offsets as Label Studio counts them, UTF-16 like Atelier) and `choices`.
 * Any other result type is refused unless `skipUnsupported`. Cancelled annotations are left out.
 */
import type { AnnotationResult, ItemKind, Region } from '../core/label-schema.ts';
import { asArray, asObject, labelList, optionalConfidence, optionalId, optionalNumber, type JsonObject } from './json-fields.ts';
import { jsonPath, refuse } from './issues.ts';
import { streamJson } from './json-stream.ts';
import { clampToImage, isFiniteNumber } from './numbers.ts';
import { importedItem, type RegionShape, type Confidences, type ImportedAnnotation, type ImportedItem, type ModelRef } from './records.ts';
import type { ImportSource } from './sources.ts';

export interface LabelStudioImportOptions {
  /** The `data` key that holds the image URL or the text; default `image`, then `text`, then the first string. */
  dataKey?: string;
  /** Leave out result types Atelier cannot hold instead of refusing the file. */
  skipUnsupported?: boolean;
  /** Name credited to predictions (Label Studio keeps only `model_version`). */
  modelName?: string;
}

interface TaskFacts {
  width: number | null;
  height: number | null;
}

const IMAGE_TYPES = new Set(['rectanglelabels', 'polygonlabels']);

function pickDataKey(data: JsonObject, path: string, requested: string | undefined): string {
  if (requested !== undefined) {
    if (typeof data[requested] !== 'string') throw refuse(jsonPath(path, requested), 'is missing or not a string');
    return requested;
  }
  for (const key of ['image', 'text']) if (typeof data[key] === 'string') return key;
  const first = Object.keys(data).find((k) => typeof data[k] === 'string');
  if (first === undefined) throw refuse(path, 'has no image URL or text (name its key with dataKey)');
  return first;
}

function percentSize(result: JsonObject, at: string, facts: TaskFacts): { width: number; height: number } {
  const width = optionalNumber(result, 'original_width', at) ?? facts.width;
  const height = optionalNumber(result, 'original_height', at) ?? facts.height;
  if (!width || !height) throw refuse(jsonPath(at, 'original_width'), 'is needed to turn percent coordinates into pixels');
  facts.width = width;
  facts.height = height;
  return { width, height };
}

function rectangle(value: JsonObject, vat: string, size: { width: number; height: number }): Omit<Region & { kind: 'bbox' }, 'control' | 'label'> {
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => {
    const v = value[k];
    if (!isFiniteNumber(v)) throw refuse(jsonPath(vat, k), 'must be a number (percent of the image)');
    return v;
  }) as [number, number, number, number];
  if (w <= 0 || h <= 0) throw refuse(jsonPath(vat, w <= 0 ? 'width' : 'height'), 'must be positive');
  const px = { x: (x / 100) * size.width, y: (y / 100) * size.height, w: (w / 100) * size.width, h: (h / 100) * size.height };
  const rotation = optionalNumber(value, 'rotation', vat) ?? 0;
  if (rotation % 360 === 0) return { kind: 'bbox', x: px.x, y: px.y, width: px.w, height: px.h };
  // Label Studio rotates clockwise about the top-left corner.
  const t = (rotation * Math.PI) / 180;
  const [c, s] = [Math.cos(t), Math.sin(t)];
  const xs = [0, px.w * c, px.w * c - px.h * s, -px.h * s].map((d) => px.x + d);
  const ys = [0, px.w * s, px.w * s + px.h * c, px.h * c].map((d) => px.y + d);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return { kind: 'bbox', ...clampToImage({ x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 }, size.width, size.height) };
}

/** The regions and choices of one `result` entry, with its score. */
function readResult(entry: unknown, at: string, facts: TaskFacts, options: LabelStudioImportOptions, out: AnnotationResult, scores: { regions: (number | null)[]; choices: Record<string, (number | null)[]> }): void {
  const result = asObject(entry, at);
  const type = result.type;
  const control = typeof result.from_name === 'string' ? result.from_name : '';
  const score = optionalConfidence(result, 'score', at);
  if (type === 'choices' || type === 'labels' || IMAGE_TYPES.has(String(type))) {
    const vat = jsonPath(at, 'value');
    const value = asObject(result.value, vat);
    const labels = labelList(value[String(type)], jsonPath(vat, String(type)));
    if (type === 'choices') {
      const list = (out.choices[control] ??= []);
      const conf = (scores.choices[control] ??= []);
      for (const label of labels) if (!list.includes(label)) list.push(label), conf.push(score);
      return;
    }
    let shape: RegionShape;
    if (type === 'labels') {
      const { start, end } = value;
      if (typeof start !== 'number' || typeof end !== 'number') {
        if (options.skipUnsupported) return;
        throw refuse(jsonPath(vat, 'start'), 'HyperText (XPath) spans are not supported; plain text offsets are');
      }
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) throw refuse(vat, 'start and end must be offsets with start < end');
      shape = { kind: 'span', start, end, ...(typeof value.text === 'string' ? { text: value.text } : {}) };
    } else if (type === 'rectanglelabels') {
      shape = rectangle(value, vat, percentSize(result, at, facts));
    } else {
      const size = percentSize(result, at, facts);
      const points = asArray(value.points, jsonPath(vat, 'points')).map((p, i) => {
        const pair = asArray(p, `${jsonPath(vat, 'points')}[${i}]`);
        if (pair.length !== 2 || !pair.every(isFiniteNumber)) throw refuse(`${jsonPath(vat, 'points')}[${i}]`, 'a point is [x, y] in percent');
        return [((pair[0] as number) / 100) * size.width, ((pair[1] as number) / 100) * size.height] as [number, number];
      });
      if (points.length < 3) throw refuse(jsonPath(vat, 'points'), 'a polygon needs at least three points');
      shape = { kind: 'polygon', points };
    }
    for (const label of labels) {
      out.regions.push({ ...shape, control, label } as Region);
      scores.regions.push(score);
    }
    return;
  }
  if (options.skipUnsupported) return;
  throw refuse(jsonPath(at, 'type'), `result type "${String(type)}" is not supported (rectanglelabels, polygonlabels, labels and choices are)`);
}

function readAnnotation(value: unknown, at: string, facts: TaskFacts, options: LabelStudioImportOptions, model: ModelRef | null): ImportedAnnotation | null {
  const obj = asObject(value, at);
  if (obj.was_cancelled === true) return null;
  const result: AnnotationResult = { choices: {}, regions: [] };
  const scores: Confidences = { regions: [], choices: {} };
  asArray(obj.result ?? [], jsonPath(at, 'result')).forEach((entry, i) => readResult(entry, `${jsonPath(at, 'result')}[${i}]`, facts, options, result, scores));
  const completedBy = obj.completed_by;
  const email = typeof completedBy === 'object' && completedBy !== null ? (completedBy as JsonObject).email : undefined;
  const leadTime = optionalNumber(obj, 'lead_time', at);
  const taskScore = model ? optionalConfidence(obj, 'score', at) : null;
  const hasScores = scores.regions.some((s) => s !== null) || Object.values(scores.choices).some((l) => l.some((s) => s !== null));
  return {
    kind: model ? 'prediction' : 'ground_truth',
    result,
    model,
    confidences: model
      ? hasScores
        ? scores
        : { regions: scores.regions.map(() => taskScore), choices: Object.fromEntries(Object.entries(scores.choices).map(([k, l]) => [k, l.map(() => taskScore)])) }
      : null,
    annotatorEmail: typeof email === 'string' && email !== '' ? email : null,
    createdAt: typeof obj.created_at === 'string' ? obj.created_at : null,
    sourceId: optionalId(obj, 'id', at),
    provenance:
      leadTime === null
        ? null
        : { pool: null, schemaVersion: null, guidelinesVersion: null, timeSpentMs: Math.round(leadTime * 1000), supersedesSourceId: null, review: null },
  };
}

function kindOf(key: string, value: string, annotations: ImportedAnnotation[]): ItemKind {
  if (key === 'image') return 'image';
  if (key === 'text') return 'text';
  const regions = annotations.flatMap((a) => a.result.regions);
  if (regions.some((r) => r.kind === 'span')) return 'text';
  if (regions.length > 0) return 'image';
  return /^(https?:|s3:|gs:|\/data\/)/.test(value) ? 'image' : 'text';
}

export async function* importLabelStudio(source: ImportSource, options: LabelStudioImportOptions = {}): AsyncGenerator<ImportedItem> {
  for await (const element of streamJson(source, { top: 'array' })) {
    const at = element.path;
    const task = asObject(element.value, at);
    const data = asObject(task.data, jsonPath(at, 'data'));
    const key = pickDataKey(data, jsonPath(at, 'data'), options.dataKey);
    const value = data[key] as string;
    const facts: TaskFacts = { width: null, height: null };
    const annotations: ImportedAnnotation[] = [];
    asArray(task.annotations ?? task.completions ?? [], jsonPath(at, 'annotations')).forEach((a, i) => {
      const read = readAnnotation(a, `${jsonPath(at, 'annotations')}[${i}]`, facts, options, null);
      if (read) annotations.push(read);
    });
    asArray(task.predictions ?? [], jsonPath(at, 'predictions')).forEach((p, i) => {
      const pat = `${jsonPath(at, 'predictions')}[${i}]`;
      const version = optionalId(asObject(p, pat), 'model_version', pat) ?? 'unknown';
      const read = readAnnotation(p, pat, facts, options, { name: options.modelName ?? 'label-studio', version });
      if (read) annotations.push(read);
    });
    const kind = kindOf(key, value, annotations);
    const metadata = Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));
    yield importedItem(element.index + 1, {
      place: at,
      sourceId: optionalId(task, 'id', at),
      kind,
      text: kind === 'text' ? value : null,
      uri: kind === 'image' ? value : null,
      fileName: kind === 'image' ? decodeURIComponent(value.split(/[?#]/)[0]!.split('/').pop() ?? '') || null : null,
      width: facts.width,
      height: facts.height,
      metadata,
      annotations,
    });
  }
}

