/**
 * Imports items into a project from a JSONL file or a folder of files, with `overlap` label tasks
 * each. Two passes: the first checks every line (and every local image) and names the bad ones;
 * unless `skipInvalid` is set, one bad line means nothing is imported. The second inserts in
 * batches inside the caller's transaction, so a failure half-way leaves nothing behind.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { DomainError } from '../core/errors.ts';
import type { ItemKind } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Sensitivity } from '../core/workforce.ts';
import type { FileStore } from '../media/file-store.ts';
import { imageMimeType } from '../media/file-store.ts';
import { imageFacts } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import { existingExternalIds, insertItemsWithTasks, type NewItemRecord, recordImport } from '../store/items.ts';
import { itemCount } from '../store/routing.ts';
import { loadTaskPlanner } from './routing/task-planner.ts';
import { auditImport } from './audit/record.ts';
import { isLineError, isRemote, type LineError, type ParsedLine, readItemLines } from './item-lines.ts';

export type ImportSource = { format: 'jsonl'; path: string } | { format: 'folder'; path: string };

export interface ImportProgress {
  phase: 'checking' | 'importing';
  done: number;
  /** Known once the first pass has counted the lines. */
  total: number | null;
}

export interface ImportItemsInput {
  project: Project;
  source: ImportSource;
  skipInvalid?: boolean;
  createdBy: number | null;
  files: FileStore;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportCheck {
  total: number;
  valid: number;
  rejected: LineError[];
  /** Size and modification time of a JSONL source when it was checked: it must not change before the import. */
  sourceStamp: string | null;
}

async function stampOf(source: ImportSource): Promise<string | null> {
  if (source.format !== 'jsonl') return null;
  const info = await stat(source.path);
  return `${info.size}:${info.mtimeMs}`;
}

export interface ImportReport extends ImportCheck {
  importId: number;
  imported: number;
}

const BATCH = 2000;
const DB_CHECK_BATCH = 5000;
const TEXT_EXTENSIONS = new Set(['.txt', '.md']);
const MAX_REPORTED_ERRORS = 1000;

/** The lines of the source: a JSONL file as it is, a folder as one line per file. */
async function* sourceLines(source: ImportSource, kind: ItemKind, checked?: { skip: ReadonlySet<number> }): AsyncGenerator<ParsedLine | LineError> {
  if (source.format === 'jsonl') {
    yield* readItemLines(source.path, kind, checked);
    return;
  }
  const root = resolve(source.path);
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => (kind === 'image' ? imageMimeType(f) !== null : TEXT_EXTENSIONS.has(extname(f).toLowerCase())))
    .sort();
  let line = 0;
  for (const file of files) {
    line++;
    const externalId = relative(root, file);
    if (kind === 'image') {
      yield { line, externalId, fields: { image: file } };
    } else {
      yield { line, externalId, fields: { text: await readFile(file, 'utf8') } };
    }
  }
}

function sourceDir(source: ImportSource): string {
  return source.format === 'jsonl' ? dirname(resolve(source.path)) : resolve(source.path);
}

function where(source: ImportSource, line: number): string {
  return source.format === 'jsonl' ? `line ${line}` : `file ${line}`;
}

/** First pass: every problem of the source, with its line, and nothing written. */
export async function checkItemImport(db: Db, input: ImportItemsInput): Promise<ImportCheck> {
  const { project, source } = input;
  const base = sourceDir(source);
  const rejected: LineError[] = [];
  const seen = new Map<string, number>();
  let pendingIds: { id: string; line: number }[] = [];
  let total = 0;
  let valid = 0;

  const flushIds = async (): Promise<void> => {
    const taken = await existingExternalIds(db, project.id, pendingIds.map((p) => p.id));
    for (const p of pendingIds) {
      if (taken.has(p.id)) {
        rejected.push({ line: p.line, message: `an item with id "${p.id}" is already in the project` });
        valid--;
      }
    }
    pendingIds = [];
  };

  for await (const parsed of sourceLines(source, project.itemKind)) {
    total++;
    if (isLineError(parsed)) {
      rejected.push(parsed);
    } else if (parsed.externalId !== null && seen.has(parsed.externalId)) {
      rejected.push({ line: parsed.line, message: `id "${parsed.externalId}" was already used on line ${seen.get(parsed.externalId)}` });
    } else {
      const problem = await checkImage(parsed, base);
      if (problem) {
        rejected.push({ line: parsed.line, message: problem });
      } else {
        valid++;
        if (parsed.externalId !== null) {
          seen.set(parsed.externalId, parsed.line);
          pendingIds.push({ id: parsed.externalId, line: parsed.line });
          if (pendingIds.length >= DB_CHECK_BATCH) await flushIds();
        }
      }
    }
    if (total % 10_000 === 0) input.onProgress?.({ phase: 'checking', done: total, total: null });
  }
  await flushIds();
  rejected.sort((a, b) => a.line - b.line);
  input.onProgress?.({ phase: 'checking', done: total, total });
  if (total === 0) throw new DomainError('validation_failed', `${source.format === 'jsonl' ? 'the file' : 'the folder'} holds no items`);
  return { total, valid, rejected, sourceStamp: await stampOf(source) };
}

async function checkImage(parsed: ParsedLine, base: string): Promise<string | null> {
  const image = parsed.fields.image;
  if (image === undefined || isRemote(image)) return null;
  const path = resolve(base, image);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return `image file ${image} not found`;
  try {
    await imageFacts(path);
  } catch (error) {
    return `${image}: ${(error as Error).message}`;
  }
  return null;
}

async function toRecord(parsed: ParsedLine, project: Project, base: string, files: FileStore): Promise<NewItemRecord> {
  const f = parsed.fields;
  const common = {
    externalId: parsed.externalId,
    metadata: f.metadata ?? {},
    sensitivity: (f.sensitivity ?? project.defaultSensitivity) as Sensitivity,
    region: f.region ?? project.defaultRegion,
    language: f.language ?? null,
    tags: f.tags ?? [],
    edgeCase: f.edge_case ?? false,
    modelConfidence: f.model_confidence ?? null,
  };
  if (f.text !== undefined) {
    return { ...common, kind: 'text', contentUri: null, text: f.text, mimeType: 'text/plain', width: null, height: null };
  }
  const image = f.image!;
  if (isRemote(image)) {
    return { ...common, kind: 'image', contentUri: image, text: null, mimeType: imageMimeType(new URL(image).pathname), width: f.width ?? null, height: f.height ?? null };
  }
  const path = resolve(base, image);
  const facts = await imageFacts(path);
  const stored = await files.saveCopy(path);
  return { ...common, kind: 'image', contentUri: `file:${stored.path}`, text: null, mimeType: facts.mimeType, width: facts.width, height: facts.height };
}

/** Second pass, in the caller's transaction: inserts every valid line. */
export async function applyItemImport(tx: Db, input: ImportItemsInput, check: ImportCheck): Promise<ImportReport> {
  const { project, source } = input;
  if (check.rejected.length > 0 && !input.skipInvalid) {
    const shown = check.rejected.slice(0, MAX_REPORTED_ERRORS);
    throw new DomainError(
      'validation_failed',
      `${check.rejected.length} of ${check.total} ${source.format === 'jsonl' ? 'lines' : 'files'} are invalid, so nothing was imported (first: ${where(source, shown[0]!.line)}: ${shown[0]!.message}); fix them or import with --skip-invalid`,
      { issues: shown.map((e) => ({ path: where(source, e.line), message: e.message })), rejected: check.rejected.length },
    );
  }
  if ((await stampOf(source)) !== check.sourceStamp) throw new DomainError('conflict', `${source.path} changed while it was being imported; nothing was imported`);
  const bad = new Set(check.rejected.map((r) => r.line));
  const base = sourceDir(source);
  // New items are routed as they arrive, under the policy in force.
  const planner = await loadTaskPlanner(tx, project);
  let position = await itemCount(tx, project.id);
  let batch: NewItemRecord[] = [];
  let imported = 0;
  const flush = async (): Promise<void> => {
    const slots = batch.map((record) => {
      const routable = { ...record, confidence: record.modelConfidence ?? null, position };
      return planner.slots(routable, position++);
    });
    await insertItemsWithTasks(tx, project.id, batch, slots);
    imported += batch.length;
    batch = [];
    input.onProgress?.({ phase: 'importing', done: imported, total: check.valid });
  };
  for await (const parsed of sourceLines(source, project.itemKind, { skip: bad })) {
    if (isLineError(parsed) || bad.has(parsed.line)) continue;
    batch.push(await toRecord(parsed, project, base, input.files));
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  const importId = await recordImport(tx, {
    projectId: project.id,
    source: source.path,
    format: source.format,
    status: 'done',
    total: check.total,
    imported,
    rejected: check.rejected.length,
    errors: check.rejected,
    createdBy: input.createdBy,
  });
  await auditImport(tx, input.createdBy === null ? null : { user: { id: input.createdBy, email: null } }, {
    importId,
    projectId: project.id,
    format: source.format,
    imported,
    rejected: check.rejected.length,
  });
  return { ...check, imported, importId };
}

/** Both passes: check, then import in one transaction. */
export async function importItems(
  store: { db: Db; transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> },
  input: ImportItemsInput,
): Promise<ImportReport> {
  const check = await checkItemImport(store.db, input);
  return store.transaction((tx) => applyItemImport(tx, input, check));
}
