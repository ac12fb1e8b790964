/**
 * Erasure (the right to be forgotten): an item, or every item of a data subject, goes with
 * everything derived from it — tasks, annotations, reviews, skips, masks (by cascade), webhook
 * deliveries about it, its file (unless another item shares the content-addressed file), its
 * thumbnail, fetched copy and masked renditions, and every export of its project made since it
 * was imported — and a tombstone event stays in the audit trail (ids only, as every event).
 *
 * Files go inside the transaction, before the commit: a crash in between leaves an item whose
 * file is gone, which the next erasure finishes; the other order would leave files nobody can find.
 * On the embedded database, the tables are rewritten afterwards so that no byte of the deleted rows
 * stays in the data folder (see scrubDeletedRows).
 */
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { DomainError, notFound } from '../../core/errors.ts';
import { parseContentUri } from '../../core/items.ts';
import type { FileStore } from '../../media/file-store.ts';
import { auditDraft, type AuditActor } from '../audit/record.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db, Engine } from '../../store/database.ts';
import {
  deleteExportsSince,
  deleteItems,
  deleteWebhookDeliveriesAbout,
  dependantsOf,
  existingItemIds,
  itemIdsWithMetadata,
  lockItems,
  scrubDeletedRows,
  unsharedContentUris,
} from '../../store/privacy-erasure.ts';
import { forgetRenditions } from './content-for-pool.ts';
import { forgetRedactions } from './text-for-pool.ts';

export interface ErasureStore {
  engine: Engine;
  db: Db;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export interface ErasureContext {
  store: ErasureStore;
  files: FileStore;
  /** `<data dir>/exports`: export files named relative to it are removed from there. */
  exportsDir: string;
}

export type ErasureBasis = 'item' | 'subject' | 'retention';

export interface ErasureOptions {
  actor: AuditActor;
  basis: ErasureBasis;
  /** Rewrite the tables afterwards ('auto': on the embedded database only). */
  scrub?: 'auto' | 'always' | 'never';
  batchSize?: number;
}

export interface ErasureReport {
  items: number;
  tasks: number;
  annotations: number;
  reviews: number;
  /** Item files, thumbnails, fetched copies and masked renditions removed. */
  files: number;
  /** Export files or folders removed. */
  exports: number;
  webhookDeliveries: number;
  /** What Atelier could not remove itself, and why (remote sources, object storage). */
  outside: string[];
  scrubbed: boolean;
}

/** Tables whose rows held item content, rewritten after an erasure on the embedded database. */
export const CONTENT_TABLES = ['items', 'tasks', 'task_skips', 'annotations', 'reviews', 'item_masks', 'escalations', 'webhook_deliveries', 'exports'] as const;

const emptyReport = (): ErasureReport => ({ items: 0, tasks: 0, annotations: 0, reviews: 0, files: 0, exports: 0, webhookDeliveries: 0, outside: [], scrubbed: false });

async function removeIfPresent(path: string): Promise<boolean> {
  if (!(await stat(path).catch(() => null))) return false;
  await rm(path, { recursive: true, force: true });
  return true;
}

function exportPath(exportsDir: string, file: string): string {
  const root = resolve(exportsDir);
  const path = isAbsolute(file) ? file : resolve(root, file);
  if (!isAbsolute(file) && path !== root && !path.startsWith(root + sep)) throw new DomainError('internal', `export file ${file} lies outside the exports folder`);
  return path;
}

/** One batch in one transaction. */
async function eraseBatch(ctx: ErasureContext, ids: readonly number[], options: ErasureOptions, report: ErasureReport): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const items = await lockItems(tx, ids);
    if (items.length === 0) return;
    const itemIds = items.map((i) => i.id);
    const dependants = await dependantsOf(tx, itemIds);
    report.webhookDeliveries += await deleteWebhookDeliveriesAbout(tx, itemIds, dependants.annotationIds);
    const since = new Date(Math.min(...items.map((i) => i.createdAt.getTime())));
    const exports = await deleteExportsSince(tx, [...new Set(items.map((i) => i.projectId))], since);
    await deleteItems(tx, itemIds);

    const uris = items.map((i) => i.contentUri).filter((u): u is string => u !== null);
    const unshared = new Set(await unsharedContentUris(tx, uris));
    const filesBefore = report.files;
    for (const item of items) {
      let files = 0;
      if (item.contentUri && unshared.has(item.contentUri)) {
        const location = parseContentUri(item.contentUri);
        if (location.kind === 'file') files += Number(await removeIfPresent(ctx.files.resolve(location.path)));
        else if (location.kind === 'url') {
          files += Number(await removeIfPresent(ctx.files.derivedPath('fetched', createHash('sha256').update(location.url).digest('hex'))));
          report.outside.push(`item ${item.id}: its source ${new URL(location.url).host} is not Atelier's to delete`);
        } else report.outside.push(`item ${item.id}: object s3://${location.bucket}/${location.key} is not deleted by Atelier; delete it in the bucket`);
      }
      files += Number(await removeIfPresent(ctx.files.derivedPath('thumbnails', `${item.id}.webp`)));
      files += await forgetRenditions(ctx.files, item.id);
      forgetRedactions(item.id);
      report.files += files;
    }
    for (const e of exports) {
      if (e.file && (await removeIfPresent(exportPath(ctx.exportsDir, e.file)))) report.exports++;
    }

    await recordAuditEvents(
      tx,
      items.map((item) =>
        auditDraft(options.actor, {
          action: 'erasure.run',
          subjectType: 'item',
          subjectId: item.id,
          projectId: item.projectId,
          details: { basis: options.basis, batch: itemIds.length, annotations: dependants.annotations, exports: exports.length, files: report.files - filesBefore },
        }),
      ),
    );
    report.items += items.length;
    report.tasks += dependants.tasks;
    report.annotations += dependants.annotations;
    report.reviews += dependants.reviews;
  });
}

/** Erases the items (those that exist) in batches; returns what went. */
export async function eraseItems(ctx: ErasureContext, ids: readonly number[], options: ErasureOptions): Promise<ErasureReport> {
  const report = emptyReport();
  const batchSize = options.batchSize ?? 200;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += batchSize) await eraseBatch(ctx, unique.slice(i, i + batchSize), options, report);
  const scrub = options.scrub ?? 'auto';
  if (report.items > 0 && (scrub === 'always' || (scrub === 'auto' && ctx.store.engine === 'pglite'))) {
    await scrubDeletedRows(ctx.store.db, CONTENT_TABLES);
    report.scrubbed = true;
  }
  return report;
}

/**
 * Refuses (not found) an erasure by item ids naming an item that does not exist, naming every such
 * id: a mistyped id is the requester's to correct, not an erasure of nothing to report as done.
 * The API and the CLI both ask this first.
 */
export async function requireItemsExist(db: Db, ids: readonly number[]): Promise<void> {
  const existing = new Set(await existingItemIds(db, ids));
  const missing = [...new Set(ids)].filter((id) => !existing.has(id));
  if (missing.length === 0) return;
  const named = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ` and ${missing.length - 20} more` : '');
  throw notFound(`item${missing.length > 1 ? 's' : ''}`, named);
}

/** `patient=123` → the metadata key and the value it must hold. */
export function parseSubjectKey(text: string): { key: string; value: string } {
  const eq = text.indexOf('=');
  // Said without the CLI's flag: the API's `subject` field comes here too.
  if (eq <= 0 || eq === text.length - 1) throw new DomainError('invalid_input', `the subject "${text}" must be written KEY=VALUE, e.g. patient=123 (a metadata field of the items and its value)`);
  return { key: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
}

/**
 * Every item of a data subject: items whose metadata holds the key with this value (as text, so
 * `patient=123` matches 123 and "123"), in one project or in all of them.
 */
export async function subjectItemIds(db: Db, subject: { key: string; value: string }, projectId: number | null): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const page = await itemIdsWithMetadata(db, subject.key, subject.value, projectId, ids.at(-1) ?? 0, 5000);
    ids.push(...page);
    if (page.length < 5000) return ids;
  }
}
