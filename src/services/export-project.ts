/**
 * Exports a project, or the part of it a filter selects, to a file or a folder in one of the
 * formats of the registry. Items stream from the store a batch at a time in id order and through
 * the exporter to disk, so memory stays flat whatever the size; the file appears under its name
 * only once complete (written beside it, then renamed).
 *
 * Filters (all optional, all must hold): `status` complete | annotated | accepted; `from`/`to`, the
 * dates an annotation of the item was made in (`to` excluded); `label`, a label one of its current
 * annotations holds; `annotator`, the e-mail of someone who annotated it; `pool`, a pool one of
 * whose members annotated it.
 */
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError, type FieldIssue, validationFailed } from '../core/errors.ts';
import { checkLabelFilter, type ExportFilters, ExportFiltersSchema } from '../core/export-filters.ts';
import type { LabelSchema } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import { type ExportFormat, exportFormat, EXPORT_FORMATS } from '../formats/format-registry.ts';
import type { ExportItem, ExportSelection, ExportSummary } from '../formats/records.ts';
import type { FileStore } from '../media/file-store.ts';
import type { Db } from '../store/database.ts';
import { countExportItems, type ExportItemFilter, type ExportWatermark, exportWatermark, poolMemberIds, readExportBatch } from '../store/exports.ts';
import { findUserIdsByEmail } from '../store/jobs-import-writes.ts';
import { findSchemaVersion, listSchemaVersions } from '../store/projects.ts';
import { readContentAt } from './item-content.ts';
import { toExportItem } from './jobs/export-records.ts';

const ALIASES: Record<string, string> = { 'atelier-jsonl': 'jsonl', atelier: 'jsonl', 'pascal-voc': 'voc', iob: 'conll' };
const BATCH = 500;


const FILTER_KEYS: Record<string, keyof ExportFilters> = {
  status: 'status', from: 'from', to: 'to', label: 'labels', labels: 'labels', annotator: 'annotators', annotators: 'annotators', pool: 'pools', pools: 'pools',
};

/** `--filter key=value` pairs (repeatable; a list key may be given several times or comma-separated). */
export function parseExportFilters(pairs: string[]): ExportFilters {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = FILTER_KEYS[eq > 0 ? pair.slice(0, eq).trim() : ''];
    if (!key) throw new DomainError('invalid_input', `--filter ${pair}: expected key=value with key one of status, from, to, label, annotator, pool`);
    const value = pair.slice(eq + 1).trim();
    if (key === 'labels' || key === 'annotators' || key === 'pools') {
      raw[key] = [...((raw[key] as string[] | undefined) ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
    } else raw[key] = value;
  }
  return checkExportFilters(raw, 'filter');
}

export function checkExportFilters(input: unknown, path = 'filters'): ExportFilters {
  const parsed = ExportFiltersSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw validationFailed(parsed.error.issues.map((i): FieldIssue => ({ path: [path, ...i.path].join('.'), message: i.message })));
  }
  const f = parsed.data;
  if (f.from && f.to && new Date(f.from) >= new Date(f.to)) throw validationFailed([{ path: `${path}.to`, message: 'must be after from' }]);
  return f;
}

export interface ExportRequest {
  format: string;
  selection: ExportSelection;
  filters: ExportFilters;
  /** The span control for CoNLL and spaCy (default: the schema's first span control). */
  control?: string;
  /** Copy the images into folder formats (YOLO, VOC). Default true. */
  withImages?: boolean;
}

export interface ExportPlan {
  project: Project;
  format: ExportFormat;
  request: ExportRequest;
  schema: LabelSchema;
  itemFilter: ExportItemFilter;
}

export function exportFormatNamed(name: string): ExportFormat {
  const format = exportFormat(ALIASES[name] ?? name);
  if (!format) throw new DomainError('invalid_input', `unknown export format "${name}" (one of ${EXPORT_FORMATS.map((f) => f.name).join(', ')})`);
  return format;
}

/** Checks the request against the project and resolves people and pools to user ids. */
export async function planExport(db: Db, project: Project, request: ExportRequest): Promise<ExportPlan> {
  const format = exportFormatNamed(request.format);
  if (!format.itemKinds.includes(project.itemKind)) {
    throw new DomainError('invalid_input', `${format.name} holds ${format.itemKinds.join(' and ')} items; project ${project.name} has ${project.itemKind} items`);
  }
  const version = await findSchemaVersion(db, project.id, project.schemaVersion);
  if (!version) throw new DomainError('conflict', `project ${project.name} has no label schema`);
  const schema = version.schema;
  const spans = schema.controls.filter((c) => c.kind === 'span');
  if (request.control !== undefined && !spans.some((c) => c.name === request.control)) {
    throw validationFailed([{ path: 'control', message: `"${request.control}" is not a span control of the schema (${spans.map((c) => c.name).join(', ') || 'none'})` }]);
  }
  const f = request.filters;
  if (f.labels) checkLabelFilter(f.labels, (await listSchemaVersions(db, project.id)).map((v) => v.schema));
  const itemFilter: ExportItemFilter = {
    status: f.status,
    annotatedFrom: f.from ? new Date(f.from) : undefined,
    annotatedTo: f.to ? new Date(f.to) : undefined,
    labels: f.labels,
  };
  const people: number[] = [];
  if (f.annotators) {
    const ids = await findUserIdsByEmail(db, f.annotators);
    const unknown = f.annotators.filter((e) => !ids.has(e.toLowerCase()));
    if (unknown.length > 0) throw validationFailed([{ path: 'filters.annotators', message: `no user ${unknown.join(', ')}` }]);
    people.push(...ids.values());
  }
  if (f.pools) {
    const members = await poolMemberIds(db, f.pools);
    const unknown = f.pools.filter((k) => !members.has(k));
    if (unknown.length > 0) throw validationFailed([{ path: 'filters.pools', message: `no pool ${unknown.join(', ')}` }]);
    for (const ids of members.values()) people.push(...ids);
  }
  if (f.annotators || f.pools) itemFilter.annotatorIds = [...new Set(people)];
  return { project, format, request, schema, itemFilter };
}

export interface ExportProgress {
  done: number;
  total: number;
}

/** The plan's items as export records, read in batches below one watermark; counts what it yields. */
function itemSource(db: Db, plan: ExportPlan, mark: ExportWatermark, onItem: () => void, signal?: AbortSignal): () => AsyncIterable<ExportItem> {
  return async function* () {
    let afterId = 0;
    for (;;) {
      signal?.throwIfAborted();
      const batch = await readExportBatch(db, { projectId: plan.project.id, filter: plan.itemFilter, mark, afterId, limit: BATCH });
      for (const stored of batch) {
        onItem();
        yield toExportItem(stored);
      }
      if (batch.length < BATCH) return;
      afterId = batch[batch.length - 1]!.id;
    }
  };
}

async function isEmptyOrMissing(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info) return true;
  return info.isDirectory() && (await readdir(path)).length === 0;
}

export interface ExportOutcome {
  summary: ExportSummary;
  /** Size of the file, or of the folder's files. */
  bytes: number;
  target: 'file' | 'directory';
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/**
 * Writes the export to `destination`: a file for single-file formats, a folder for YOLO and VOC
 * (which must not exist yet, or be empty).
 */
export async function writeExport(
  ctx: { db: Db; files: FileStore },
  plan: ExportPlan,
  destination: string,
  options: { onProgress?: (p: ExportProgress) => void; signal?: AbortSignal } = {},
): Promise<ExportOutcome> {
  const { format, request } = plan;
  if (!(await isEmptyOrMissing(destination))) throw new DomainError('conflict', `${destination} already exists; choose another --output or remove it`);
  const mark = await exportWatermark(ctx.db);
  const passes = format.name === 'coco' ? 2 : 1;
  const total = (await countExportItems(ctx.db, plan.project.id, plan.itemFilter, mark)) * passes;
  let done = 0;
  options.onProgress?.({ done, total });
  const items = itemSource(ctx.db, plan, mark, () => {
    done++;
    if (done % 200 === 0 || done === total) options.onProgress?.({ done, total });
  }, options.signal);
  const runOptions = {
    selection: request.selection,
    control: request.control ?? plan.schema.controls.find((c) => c.kind === 'span')?.name,
    writeImage: request.withImages === false ? undefined : (item: ExportItem, path: string) => copyImage(ctx.files, item, path),
  };
  const partial = `${destination}.partial-${process.pid}`;
  await mkdir(dirname(destination), { recursive: true });
  await rm(partial, { recursive: true, force: true });
  try {
    let summary: ExportSummary;
    if (format.target === 'stream') {
      const out = createWriteStream(partial);
      summary = await format.run(plan.schema, items, out, runOptions).catch((error: unknown) => {
        out.destroy();
        throw error;
      });
    } else {
      await mkdir(partial, { recursive: true });
      summary = await format.run(plan.schema, items, partial, runOptions);
    }
    await rm(destination, { recursive: true, force: true });
    await rename(partial, destination);
    options.onProgress?.({ done: total, total });
    return { summary, bytes: await sizeOf(destination), target: format.target === 'stream' ? 'file' : 'directory' };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Puts an item's image into a folder format; a missing image is left out with no error. */
async function copyImage(files: FileStore, item: ExportItem, path: string): Promise<void> {
  if (!item.uri) return;
  if (item.uri.startsWith('file:')) {
    await copyFile(files.resolve(item.uri.slice('file:'.length)), path).catch(() => {});
    return;
  }
  const bytes = await readContentAt(files, item.uri, item.id).catch(() => null);
  if (bytes) await writeFile(path, bytes);
}
