/**
 * Shared by the format tests: sample schemas and items, an in-memory output, and the step that
 * turns imported items back into export records (what the import service and the store do
 * between an import and the next export), so that round trips can be checked byte for byte.
 */
import { Writable } from 'node:stream';
import type { AnnotationResult, LabelSchema } from '../core/label-schema.ts';
import type { ExportAnnotation, ExportItem, ImportedAnnotation, ImportedItem } from './records.ts';

export const IMAGE_SCHEMA: LabelSchema = {
  controls: [
    { name: 'vehicle', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }, { name: 'truck', color: '#00ff00' }] },
    { name: 'outline', kind: 'polygon', labels: [{ name: 'road', color: '#0000ff' }] },
    { name: 'quality', kind: 'single_choice', labels: [{ name: 'good', color: '#111111' }, { name: 'blurry', color: '#222222' }] },
    { name: 'tags', kind: 'multi_choice', labels: [{ name: 'night', color: '#333333' }, { name: 'rain, heavy', color: '#444444' }] },
  ],
};

export const TEXT_SCHEMA: LabelSchema = {
  controls: [
    { name: 'entities', kind: 'span', labels: [{ name: 'PER', color: '#ff0000' }, { name: 'ORG', color: '#00ff00' }, { name: 'LOC', color: '#0000ff' }] },
    { name: 'sentiment', kind: 'single_choice', labels: [{ name: 'positive', color: '#111111' }, { name: 'negative', color: '#222222' }] },
  ],
};

export function annotation(id: number, result: AnnotationResult, extra: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id,
    annotator: { id: 7, email: 'ann@example.com' },
    pool: { id: 3, key: 'acme', kind: 'vendor' },
    schemaVersion: 2,
    guidelinesVersion: 1,
    result,
    source: 'human',
    model: null,
    confidences: null,
    timeSpentMs: 4200,
    createdAt: '2024-05-01T10:00:00.000Z',
    supersedesId: null,
    review: null,
    ...extra,
  };
}

export function imageItem(id: number, result: AnnotationResult | null, extra: Partial<ExportItem> = {}): ExportItem {
  return {
    id,
    externalId: `img-${id}`,
    kind: 'image',
    fileName: `photo_${id}.jpg`,
    uri: `file:images/photo_${id}.jpg`,
    width: 640,
    height: 480,
    text: null,
    metadata: {},
    handling: { sensitivity: 'internal', region: null, language: null, tags: [], edgeCase: false, modelConfidence: null },
    annotations: [],
    consensus: result ? { result, method: 'majority_vote', confidence: 0.9, agreement: 0.8 } : null,
    ...extra,
  };
}

export function textItem(id: number, text: string, result: AnnotationResult | null, extra: Partial<ExportItem> = {}): ExportItem {
  return {
    ...imageItem(id, result, extra),
    kind: 'text',
    fileName: null,
    uri: null,
    width: null,
    height: null,
    text,
    ...extra,
  };
}

/** Image items with boxes, a polygon, choices and an empty (negative) example. */
export function sampleImageItems(): ExportItem[] {
  return [
    imageItem(1, {
      choices: { quality: ['good'], tags: ['night', 'rain, heavy'] },
      regions: [
        { control: 'vehicle', kind: 'bbox', label: 'car', x: 10.5, y: 20.25, width: 100, height: 50.125 },
        { control: 'vehicle', kind: 'bbox', label: 'truck', x: 300, y: 200, width: 120.333, height: 80 },
        { control: 'outline', kind: 'polygon', label: 'road', points: [[0, 400], [639.999, 400], [320, 300.5]] },
      ],
    }),
    imageItem(2, { choices: { quality: ['blurry'] }, regions: [] }),
    imageItem(3, null),
    imageItem(4, {
      choices: {},
      regions: [{ control: 'vehicle', kind: 'bbox', label: 'car', x: 0, y: 0, width: 640, height: 480 }],
    }),
  ];
}

export async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A Writable that keeps what it is given; `text()` once it has finished. */
export function memoryOutput(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export interface Directory {
  userIdByEmail?: Record<string, number>;
  poolIdByKey?: Record<string, number>;
}

function toExportAnnotation(a: ImportedAnnotation, fallbackId: number, directory: Directory): ExportAnnotation {
  const p = a.provenance;
  return {
    id: a.sourceId !== null ? Number(a.sourceId) : fallbackId,
    annotator: a.annotatorEmail ? { id: directory.userIdByEmail?.[a.annotatorEmail] ?? 0, email: a.annotatorEmail } : null,
    pool: p?.pool ? { id: directory.poolIdByKey?.[p.pool.key] ?? 0, key: p.pool.key, kind: p.pool.kind } : null,
    schemaVersion: p?.schemaVersion ?? 1,
    guidelinesVersion: p?.guidelinesVersion ?? null,
    result: a.result,
    source: a.kind === 'prediction' ? 'model' : 'human',
    model: a.model,
    confidences: a.confidences,
    timeSpentMs: p?.timeSpentMs ?? null,
    createdAt: a.createdAt ?? '2024-01-01T00:00:00.000Z',
    supersedesId: p?.supersedesSourceId ? Number(p.supersedesSourceId) : null,
    review: p?.review ?? null,
  };
}

/**
 * What the store would give back for an imported item: `consensus` puts its (first) ground truth
 * as the consensus, as an import of an accepted dataset does; `annotations` keeps every annotation.
 */
export function toExportItem(imported: ImportedItem, id: number, as: 'consensus' | 'annotations', directory: Directory = {}): ExportItem {
  const base: ExportItem = {
    id: imported.sourceId !== null && /^\d+$/.test(imported.sourceId) ? Number(imported.sourceId) : id,
    externalId: imported.externalId,
    kind: imported.kind ?? 'image',
    fileName: imported.fileName,
    uri: imported.uri,
    width: imported.width,
    height: imported.height,
    text: imported.text,
    metadata: imported.metadata,
    // What the store would hold: the file's handling, else the defaults of a new item.
    handling: {
      sensitivity: imported.handling?.sensitivity ?? 'internal',
      region: imported.handling?.region ?? null,
      language: imported.handling?.language ?? null,
      tags: imported.handling?.tags ?? [],
      edgeCase: imported.handling?.edgeCase ?? false,
      modelConfidence: imported.handling?.modelConfidence ?? null,
    },
    annotations: [],
    consensus: imported.consensus,
  };
  if (as === 'annotations') {
    base.annotations = imported.annotations.map((a, i) => toExportAnnotation(a, id * 1000 + i, directory));
    return base;
  }
  const truth = imported.annotations.find((a) => a.kind === 'ground_truth');
  if (base.consensus === null && truth) base.consensus = { result: truth.result, method: 'import', confidence: null, agreement: null };
  return base;
}

const span = (label: string, start: number, end: number) => ({ control: 'entities', kind: 'span' as const, label, start, end });

/** Texts with spans (one nested in another, which token formats must leave out) and a choice. */
export function sampleTextItems(): ExportItem[] {
  const first = 'Ada Lovelace met Charles Babbage in London. They wrote notes.\nThe Analytical Engine was never built.';
  return [
    textItem(1, first, { choices: { sentiment: ['positive'] }, regions: [span('PER', 0, 12), span('PER', 17, 32), span('LOC', 36, 42), span('ORG', 66, 83)] }),
    textItem(2, 'Nothing to see here', { choices: {}, regions: [] }),
    textItem(3, 'Grace Hopper (US Navy) — COBOL 🎉', { choices: {}, regions: [span('PER', 0, 12), span('ORG', 14, 21), span('LOC', 14, 16)] }),
  ];
}
