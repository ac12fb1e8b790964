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
import { basename } from 'node:path';
import { DomainError, type FieldIssue } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import type { Sensitivity } from '../core/workforce.ts';
import type { ImportedItem } from '../formats/records.ts';
import { SchemaMapper } from '../formats/schema-mapping.ts';
import type { FileStore } from '../media/file-store.ts';
import { imageFacts } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import { insertItemsWithTasks, lockProjectImports, type NewItemRecord, recordImport } from '../store/items.ts';
import {
  allocateAnnotationIds, closeLabelTasks, findUserIdsByEmail, type ImportedAnnotationRow, type ImportedReviewRow,
  insertImportedAnnotations, insertImportedReviews,
} from '../store/jobs-import-writes.ts';
import { type AnnotationImportCheck, checkAnnotationImport } from './annotation-import-check.ts';
import { type AnnotationImportInput, batches, isFile, MAX_REPORTED, type Setup, setUp } from './annotation-import-setup.ts';
import { actorOfUserId, auditImport } from './audit/record.ts';
import { itemCount } from '../store/routing.ts';
import { imageFileName } from './jobs/export-records.ts';
import { dedupeKey, newExternalId, recordKey, resolveTargets } from './jobs/import-matching.ts';
import { ImportPools } from './jobs/import-pools.ts';
import { recordRows, storedAnnotations } from './jobs/import-rows.ts';
import { loadTaskPlanner } from './routing/task-planner.ts';
import { importSettles, settleImportedItems } from './workflow/settle-imported.ts';

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
    // Work done here has moved some items already (a review, the experts, the engine): its word stands.
    const settles = await importSettles(tx, project.id, [...new Set(labelled)]);
    await closeLabelTasks(tx, project.id, settles);
    // No label task carries imported labels to the workflow engine: their items are settled here.
    await settleImportedItems(tx, project, setup.schema, settles);
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
