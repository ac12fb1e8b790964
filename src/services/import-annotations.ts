/**
 * Imports annotations in any format of the registry (COCO, YOLO, VOC, CSV, CoNLL, spaCy, Atelier
 * JSONL, Label Studio, CVAT, model predictions) into a project, as ground truth or as a model's
 * pre-annotations.
 *
 * Two passes over the file, like the item import. The first reads every record, puts its labels on
 * the project's schema, finds the item it is about (or the content of the item it brings) and
 * checks every annotation against the schema and the item; a malformed file stops at the line,
 * path or element at fault, and unless `skipInvalid` one bad record means nothing is imported,
 * every bad place named. The second pass writes, in the caller's single transaction: items the
 * project does not have yet (with their label tasks; images copied into the files folder),
 * annotations with the history the file carries, reviews, and the record of the import.
 *
 * New items are routed like those of an item import (a prediction's confidence is the item's model
 * confidence). Ground truth is stored with source `import` (credited to the annotator when the file
 * names a user of this Atelier by e-mail); predictions with source `model`, their model, the mean
 * confidence as `confidence` and every label's own in `confidences`. The queued label tasks of the
 * items ground truth arrives for, created or matched, are marked done: their labels arrived with them. Ground truth
 * keeps the pool it was made through (jobs/import-pools.ts), and its items are put into their
 * workflow stage by the history the file carries (workflow/settle-imported.ts).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DomainError, type FieldIssue } from '../core/errors.ts';
import type { LabelSchema } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Sensitivity } from '../core/workforce.ts';
import { IMPORT_FORMATS, type ImportFormat, importFormat, type ImportRunOptions } from '../formats/format-registry.ts';
import { asPreAnnotations, groundTruth, type ImportedItem, type ModelRef } from '../formats/records.ts';
import { SchemaMapper, validateImportedItem } from '../formats/schema-mapping.ts';
import { fileSource } from '../formats/sources.ts';
import type { FileStore } from '../media/file-store.ts';
import { imageFacts } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import { insertItemsWithTasks, lockProjectImports, type NewItemRecord, recordImport } from '../store/items.ts';
import {
  allocateAnnotationIds, closeLabelTasks, findUserIdsByEmail, type ImportedAnnotationRow, type ImportedReviewRow, type ImportTargetItem,
  insertImportedAnnotations, insertImportedReviews,
} from '../store/jobs-import-writes.ts';
import { findSchemaVersion } from '../store/projects.ts';
import { actorOfUserId, auditImport } from './audit/record.ts';
import { itemCount } from '../store/routing.ts';
import { imageFileName } from './jobs/export-records.ts';
import { dedupeKey, ImageFinder, newExternalId, recordKey, resolveTargets } from './jobs/import-matching.ts';
import { ImportPools } from './jobs/import-pools.ts';
import { recordRows, storedAnnotations, supersedeConflict } from './jobs/import-rows.ts';
import { loadTaskPlanner } from './routing/task-planner.ts';
import { importSettles, settleImportedItems } from './workflow/settle-imported.ts';

const ALIASES: Record<string, string> = { 'atelier-jsonl': 'jsonl', atelier: 'jsonl', 'cvat-xml': 'cvat', 'cvat-coco': 'coco', labelstudio: 'label-studio', 'pascal-voc': 'voc', iob: 'conll' };
const BATCH = 500;
const MAX_REPORTED = 1000;

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

export interface AnnotationImportCheck {
  records: number;
  valid: number;
  rejected: FieldIssue[];
  /** Positions of the records left out. */
  bad: Set<number>;
  warnings: string[];
}

export interface AnnotationImportReport {
  importId: number;
  format: string;
  records: number;
  imported: number;
  itemsCreated: number;
  itemsMatched: number;
  annotations: number;
  predictions: number;
  reviews: number;
  rejected: FieldIssue[];
  warnings: string[];
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

interface Setup {
  format: ImportFormat;
  schema: LabelSchema;
  read(): AsyncIterable<ImportedItem>;
  finder: ImageFinder;
  model: ModelRef;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

async function setUp(db: Db, input: AnnotationImportInput): Promise<Setup> {
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
  let item = raw;
  if (item.consensus && !item.annotations.some((a) => a.kind === 'ground_truth')) {
    item = { ...item, annotations: [groundTruth(item.consensus.result), ...item.annotations] };
  }
  item = mapper.map(item);
  return input.as === 'predictions' ? asPreAnnotations(item, model) : item;
}

async function* batches(setup: Setup, mapper: SchemaMapper, input: AnnotationImportInput): AsyncGenerator<ImportedItem[]> {
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

/** What a record's annotations are checked against: the item it names, or the one it brings. */
async function itemFacts(record: ImportedItem, target: ImportTargetItem | null, project: Project, setup: Setup): Promise<{ facts: ImportedItem } | { problem: string }> {
  const facts = { ...record, kind: project.itemKind };
  if (record.kind !== null && record.kind !== project.itemKind) return { problem: `a ${record.kind} record in a project of ${project.itemKind} items` };
  if (target) {
    if (project.itemKind === 'text') {
      if (record.text !== null && record.text !== target.text) return { problem: `its text differs from item ${target.externalId ?? `#${target.id}`}'s` };
      return { facts: { ...facts, text: target.text } };
    }
    if (record.width !== null && target.width !== null && (record.width !== target.width || record.height !== target.height)) {
      return { problem: `the file gives ${record.width}x${record.height}, item ${target.externalId ?? `#${target.id}`} is ${target.width}x${target.height}` };
    }
    return { facts: { ...facts, width: target.width ?? record.width, height: target.height ?? record.height } };
  }
  const name = record.externalId ?? record.fileName ?? (record.text !== null ? 'this text' : null);
  if (project.itemKind === 'text') {
    return record.text !== null ? { facts } : { problem: `no item ${name ?? ''} in the project, and the record holds no text to create it`.replace('  ', ' ') };
  }
  if (record.fileName === null && record.uri === null) return { problem: `no item ${name ?? ''} in the project, and the record names no image to create it`.replace('  ', ' ') };
  const location = await setup.finder.locate(record, isFile);
  if (location.kind === 'missing') return { problem: `no item ${name} in the project, and ${location.reason}` };
  if (location.kind === 'remote') return { facts };
  const image = await imageFacts(location.path).catch((e: Error) => e);
  if (image instanceof Error) return { problem: `${location.path}: ${image.message}` };
  if (record.width !== null && (record.width !== image.width || record.height !== image.height)) {
    return { problem: `the file gives ${record.width}x${record.height}, but ${basename(location.path)} is ${image.width}x${image.height}` };
  }
  return { facts: { ...facts, width: image.width, height: image.height } };
}

/** First pass: every fault, nothing written. */
export async function checkAnnotationImport(db: Db, input: AnnotationImportInput): Promise<AnnotationImportCheck> {
  const setup = await setUp(db, input);
  const mapper = new SchemaMapper(setup.schema, { renames: input.renames });
  const rejected: FieldIssue[] = [];
  const bad = new Set<number>();
  let records = 0;
  for await (const batch of batches(setup, mapper, input)) {
    const targets = await resolveTargets(db, input.project.id, batch.map(recordKey));
    for (const [i, record] of batch.entries()) {
      records++;
      const problems: FieldIssue[] = [];
      const conflict = supersedeConflict(record);
      if (conflict) problems.push(conflict);
      const found = await itemFacts(record, targets[i]!, input.project, setup);
      if ('problem' in found) problems.push({ path: record.place, message: found.problem });
      else {
        try {
          validateImportedItem({ ...found.facts, annotations: storedAnnotations(found.facts) }, setup.schema);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push(...(((error.details as { issues?: FieldIssue[] })?.issues ?? [{ path: record.place, message: error.message }])));
        }
      }
      if (problems.length > 0) {
        bad.add(record.position);
        rejected.push(...problems);
      }
    }
    input.onProgress?.({ phase: 'checking', done: records, total: null });
  }
  if (records === 0) throw new DomainError('validation_failed', `${input.path} holds no records`);
  const warnings = mapper.ambiguousLabels().map((a) => `${a.kind} label "${a.label}" is in several controls (${a.controls.join(', ')}); put in ${a.controls[0]}`);
  const unmatched = mapper.unmatchedLabels().map((u) => ({
    path: u.firstPlace,
    message: `${u.kind} label "${u.label}"${u.control ? ` of "${u.control}"` : ''} is not in the schema (${u.count} in all)`,
  }));
  if (input.skipInvalid) warnings.push(...unmatched.map((u) => `${u.path}: ${u.message}; left out`));
  else rejected.push(...unmatched);
  if (rejected.length > 0 && !input.skipInvalid) {
    const first = rejected[0]!;
    throw new DomainError(
      'validation_failed',
      // An upload's path is the server's temporary folder, and a CLI flag is no advice to an uploader.
      `nothing was imported: ${rejected.length} fault${rejected.length > 1 ? 's' : ''} in ${input.uploaded ? basename(input.path) : input.path} (first: ${first.path}: ${first.message}); fix them, or ${input.uploaded ? 'import the rest with skipInvalid (“Import the valid records and skip the invalid”)' : 'import the rest with --skip-invalid'}`,
      { issues: rejected.slice(0, MAX_REPORTED), rejected: rejected.length },
    );
  }
  return { records, valid: records - bad.size, rejected, bad, warnings };
}

/** The mean confidence of the record's predictions: what routing reads as the model's confidence. */
function modelConfidence(record: ImportedItem): number | null {
  const all = record.annotations.flatMap((a) => (a.kind === 'prediction' && a.confidences ? [...a.confidences.regions, ...Object.values(a.confidences.choices).flat()] : []));
  const known = all.filter((c): c is number => c !== null);
  return known.length === 0 ? null : known.reduce((s, c) => s + c, 0) / known.length;
}

function newItem(record: ImportedItem, project: Project, content: { contentUri: string | null; mimeType: string | null; width: number | null; height: number | null }): NewItemRecord {
  const externalId = newExternalId(record);
  // The stored copy loses the image's name, which exports use: kept in the metadata unless the
  // external id gives it back (else every Atelier JSONL round trip added it).
  const named = project.itemKind === 'image' && record.fileName !== null && record.fileName !== imageFileName({ kind: 'image', externalId, metadata: {}, mimeType: content.mimeType });
  const metadata = { ...record.metadata, ...(named ? { fileName: record.fileName } : {}) };
  const h = record.handling;
  return {
    externalId,
    kind: project.itemKind,
    contentUri: content.contentUri,
    text: project.itemKind === 'text' ? record.text : null,
    mimeType: content.mimeType,
    width: content.width,
    height: content.height,
    metadata,
    // What the file says of the item (Atelier JSONL carries it), else the project's defaults, as in
    // an item import: a confidential item must not come back internal and reachable by more pools.
    sensitivity: (h?.sensitivity ?? project.defaultSensitivity) as Sensitivity,
    region: h?.region ?? project.defaultRegion,
    language: h?.language ?? null,
    tags: h?.tags ?? [],
    edgeCase: h?.edgeCase ?? false,
    modelConfidence: h?.modelConfidence ?? modelConfidence(record),
  };
}

async function contentOf(record: ImportedItem, project: Project, setup: Setup, files: FileStore) {
  if (project.itemKind === 'text') return { contentUri: null, mimeType: 'text/plain', width: null, height: null };
  const location = await setup.finder.locate(record, isFile);
  if (location.kind === 'remote') return { contentUri: location.uri, mimeType: null, width: record.width, height: record.height };
  if (location.kind === 'missing') throw new DomainError('conflict', `${record.place}: ${location.reason} (it was there when the file was checked)`);
  const facts = await imageFacts(location.path);
  const stored = await files.saveCopy(location.path);
  return { contentUri: `file:${stored.path}`, mimeType: facts.mimeType, width: facts.width, height: facts.height };
}

/** Second pass, in the caller's transaction: writes every valid record. */
export async function applyAnnotationImport(tx: Db, input: AnnotationImportInput, check: AnnotationImportCheck): Promise<AnnotationImportReport> {
  const { project } = input;
  const setup = await setUp(tx, input);
  const mapper = new SchemaMapper(setup.schema, { renames: input.renames });
  const created = new Map<string, number>();
  // New items are routed as they arrive, under the policy in force (its hard limits included).
  const planner = await loadTaskPlanner(tx, project);
  await lockProjectImports(tx, project.id);
  let position = await itemCount(tx, project.id);
  const report = { imported: 0, itemsCreated: 0, itemsMatched: 0, annotations: 0, predictions: 0, reviews: 0 };
  const warnings = [...check.warnings];
  const pools = new ImportPools(project.id);
  for await (const all of batches(setup, mapper, input)) {
    const batch = all.filter((r) => !check.bad.has(r.position));
    const keys = batch.map(recordKey);
    const targets = await resolveTargets(tx, project.id, keys);
    // Items to create, once each even when several records name them.
    const toCreate: { key: string; record: ImportedItem }[] = [];
    const planned = new Set<string>();
    batch.forEach((record, i) => {
      const key = dedupeKey(keys[i]!);
      // A record without a key brings no content; the check has left it out.
      if (targets[i] || key === null || created.has(key) || planned.has(key)) return;
      planned.add(key);
      toCreate.push({ key, record });
    });
    const newItems: NewItemRecord[] = [];
    for (const { record } of toCreate) newItems.push(newItem(record, project, await contentOf(record, project, setup, input.files)));
    const slots = newItems.map((item) => planner.slots({ ...item, confidence: item.modelConfidence ?? null, position }, position++));
    const newIds = await insertItemsWithTasks(tx, project.id, newItems, slots);
    toCreate.forEach((c, j) => created.set(c.key, newIds[j]!));
    report.itemsCreated += newIds.length;

    const emails = batch.flatMap((r) => r.annotations.flatMap((a) => [a.annotatorEmail, a.provenance?.review?.reviewer?.email ?? null])).filter((e): e is string => e !== null);
    const userIdByEmail = await findUserIdsByEmail(tx, [...new Set(emails)]);
    const poolOf = await pools.forBatch(tx, batch, userIdByEmail);
    const ids = await allocateAnnotationIds(tx, batch.reduce((n, r) => n + storedAnnotations(r).length, 0));
    const annotationRows: ImportedAnnotationRow[] = [];
    const reviewRows: ImportedReviewRow[] = [];
    const labelled: number[] = [];
    let next = 0;
    batch.forEach((record, i) => {
      const itemId = targets[i]?.id ?? created.get(dedupeKey(keys[i]!)!)!;
      if (targets[i]) report.itemsMatched++;
      const count = storedAnnotations(record).length;
      const rows = recordRows(record, { project, itemId, ids: ids.slice(next, next + count), userIdByEmail, poolOf });
      next += count;
      annotationRows.push(...rows.annotations);
      reviewRows.push(...rows.reviews);
      warnings.push(...rows.warnings);
      // Ground truth closes the queued label tasks of new and matched items (see importSettles):
      // else a lone answer would replace the imported label. A held task is left to finish
      // (settle-item.ts); predictions leave them open, pre-annotations for the annotators.
      if (rows.annotations.some((a) => a.source === 'import')) labelled.push(itemId);
    });
    await insertImportedAnnotations(tx, annotationRows);
    await insertImportedReviews(tx, reviewRows);
    await closeLabelTasks(tx, project.id, await importSettles(tx, project.id, [...new Set(labelled)]));
    // No label task carries imported labels to the workflow engine: their items are settled here.
    await settleImportedItems(tx, project, setup.schema, [...new Set(annotationRows.filter((a) => a.source === 'import').map((a) => a.itemId))]);
    report.imported += batch.length;
    report.annotations += annotationRows.filter((a) => a.source === 'import').length;
    report.predictions += annotationRows.filter((a) => a.source === 'model').length;
    report.reviews += reviewRows.length;
    input.onProgress?.({ phase: 'writing', done: report.imported, total: check.valid });
  }
  warnings.push(...pools.warnings());
  const importId = await recordImport(tx, {
    projectId: project.id,
    source: basename(input.path),
    format: setup.format.name,
    status: 'done',
    total: check.records,
    imported: report.imported,
    rejected: check.bad.size,
    errors: check.rejected,
    createdBy: input.createdBy,
  });
  await auditImport(tx, await actorOfUserId(tx, input.createdBy, input.sourceIp), {
    importId,
    projectId: project.id,
    format: setup.format.name,
    imported: report.imported,
    rejected: check.bad.size,
    itemsCreated: report.itemsCreated,
    itemsMatched: report.itemsMatched,
    annotations: report.annotations,
    predictions: report.predictions,
    reviews: report.reviews,
  });
  return { importId, format: setup.format.name, records: check.records, ...report, rejected: check.rejected, warnings: warnings.slice(0, MAX_REPORTED) };
}

/** Both passes: check, then write in one transaction. */
export async function importAnnotations(
  store: { db: Db; transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> },
  input: AnnotationImportInput,
): Promise<AnnotationImportReport> {
  const check = await checkAnnotationImport(store.db, input);
  return store.transaction((tx) => applyAnnotationImport(tx, input, check));
}
