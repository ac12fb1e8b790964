/**
 * What an annotation import is asked to do, and how its file is read: the format (by name or
 * alias), the project's label schema, the records in batches with their labels on the schema. Both
 * passes of the import (annotation-import-check.ts, import-annotations.ts) read the file this way.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DomainError } from '../core/errors.ts';
import type { LabelSchema } from '../core/label-schema.ts';
import { findNul } from '../core/nul-characters.ts';
import type { Project } from '../core/projects.ts';
import { IMPORT_FORMATS, type ImportFormat, importFormat, type ImportRunOptions } from '../formats/format-registry.ts';
import { asPreAnnotations, groundTruth, type ImportedItem, type ModelRef } from '../formats/records.ts';
import type { SchemaMapper } from '../formats/schema-mapping.ts';
import { fileSource } from '../formats/sources.ts';
import type { FileStore } from '../media/file-store.ts';
import { imageFacts } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import { findSchemaVersion } from '../store/projects.ts';
import { ImageFinder } from './jobs/import-matching.ts';

const ALIASES: Record<string, string> = { 'atelier-jsonl': 'jsonl', atelier: 'jsonl', 'cvat-xml': 'cvat', 'cvat-coco': 'coco', labelstudio: 'label-studio', 'pascal-voc': 'voc', iob: 'conll' };
const BATCH = 500;
/** How many faults and warnings a report names at the most; the counts say the rest. */
export const MAX_REPORTED = 1000;

export interface AnnotationImportInput {
  project: Project;
  /** A format of the registry (or an alias: atelier-jsonl, cvat-xml, cvat-coco...). */
  format: string;
  /** The annotation file, or the dataset folder (YOLO, VOC). */
  path: string;
  /** `predictions`: the file's labels become `model`'s pre-annotations. */
  as?: 'ground_truth' | 'predictions';
  model?: ModelRef;
  /** Where the images of new items are, when not beside the annotation file. */
  imagesDir?: string;
  /** The files were uploaded (API, web app) rather than named by path (CLI): advice on missing images fits. */
  uploaded?: boolean;
  skipInvalid?: boolean;
  /** Leave out shapes Atelier cannot hold (RLE masks, polylines...) instead of refusing the file. */
  skipUnsupported?: boolean;
  renames?: Record<string, string>;
  /** Label Studio: the `data` key holding the image or text. */
  dataKey?: string;
  createdBy: number | null;
  /** The address of the request that asked for the import, for the audit trail. */
  sourceIp?: string | null;
  files: FileStore;
  onProgress?: (progress: { phase: 'checking' | 'writing'; done: number; total: number | null }) => void;
  signal?: AbortSignal;
}

/** `name@version` (the version may be left out: `unknown`). */
export function parseModelRef(text: string, path = 'model'): ModelRef {
  const at = text.lastIndexOf('@');
  const name = (at > 0 ? text.slice(0, at) : text).trim();
  const version = (at > 0 ? text.slice(at + 1) : 'unknown').trim();
  if (name === '' || version === '' || name.length > 200 || version.length > 100) {
    throw new DomainError('invalid_input', `${path} must be name@version, e.g. yolov8@2024-05`, { issues: [{ path, message: 'name@version' }] });
  }
  return { name, version };
}

export function importFormatNamed(name: string): ImportFormat {
  const format = importFormat(ALIASES[name] ?? name);
  if (!format) throw new DomainError('invalid_input', `unknown import format "${name}" (one of ${IMPORT_FORMATS.map((f) => f.name).join(', ')}, atelier-jsonl)`);
  return format;
}

export interface Setup {
  format: ImportFormat;
  schema: LabelSchema;
  read(): AsyncIterable<ImportedItem>;
  finder: ImageFinder;
  model: ModelRef;
}

export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

export async function setUp(db: Db, input: AnnotationImportInput): Promise<Setup> {
  const format = importFormatNamed(input.format);
  const info = await stat(input.path).catch(() => null);
  if (!info) throw new DomainError('not_found', `${input.path} does not exist`);
  if (format.source === 'file' && !info.isFile()) throw new DomainError('invalid_input', `${format.name} is read from a file; ${input.path} is a folder`);
  if (format.source === 'directory' && !info.isDirectory()) throw new DomainError('invalid_input', `${format.name} is read from a dataset folder; ${input.path} is a file`);
  const version = await findSchemaVersion(db, input.project.id, input.project.schemaVersion);
  if (!version) throw new DomainError('conflict', `project ${input.project.name} has no label schema`);
  const base = format.source === 'file' ? dirname(resolve(input.path)) : resolve(input.path);
  const model = input.model ?? { name: 'import', version: basename(input.path) };
  const options: ImportRunOptions = { skipUnsupported: input.skipUnsupported, modelName: input.model?.name, model: input.model, dataKey: input.dataKey };
  if (input.imagesDir) {
    const dir = resolve(input.imagesDir);
    options.imageSize = async (p) => (await isFile(resolve(dir, p)) ? imageFacts(resolve(dir, p)) : null);
  }
  const read = (): AsyncIterable<ImportedItem> => (format.source === 'file' ? format.run(fileSource(input.path), options) : format.run(input.path, options));
  return { format, schema: version.schema, read, finder: new ImageFinder(input.imagesDir ? [resolve(input.imagesDir), base] : [base], input.uploaded ? 'upload' : 'path'), model };
}

/** A record as it is stored: a consensus without ground truth is the label; labels on the schema. */
function prepare(raw: ImportedItem, mapper: SchemaMapper, input: AnnotationImportInput, model: ModelRef): ImportedItem {
  // The check refuses a record holding a NUL (annotation-import-check.ts); left unmapped, its
  // labels are not looked up, so that no report of labels missing from the schema quotes the NUL.
  if (findNul(raw)) return raw;
  let item = raw;
  if (item.consensus && !item.annotations.some((a) => a.kind === 'ground_truth')) {
    item = { ...item, annotations: [groundTruth(item.consensus.result), ...item.annotations] };
  }
  item = mapper.map(item);
  return input.as === 'predictions' ? asPreAnnotations(item, model) : item;
}

export async function* batches(setup: Setup, mapper: SchemaMapper, input: AnnotationImportInput): AsyncGenerator<ImportedItem[]> {
  let batch: ImportedItem[] = [];
  for await (const raw of setup.read()) {
    batch.push(prepare(raw, mapper, input, setup.model));
    if (batch.length >= BATCH) {
      input.signal?.throwIfAborted();
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
