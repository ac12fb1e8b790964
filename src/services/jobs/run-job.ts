/**
 * Runs an import or export job, for the queue's worker and for the CLI alike.
 *
 * Every attempt starts from the beginning and is safe to repeat (the queue delivers at least
 * once): an import writes everything in one transaction that also marks the job done, so a
 * second attempt of a finished job finds it finished and writes nothing; an export writes its file
 * beside its final name and renames it when complete. A user's fault (a bad file, an unknown
 * format) fails the job at once; anything else is left to the queue to retry, and fails the job
 * on the last attempt.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError, isDomainError } from '../../core/errors.ts';
import { withoutNul } from '../../core/nul-characters.ts';
import type { Project } from '../../core/projects.ts';
import type { FileStore } from '../../media/file-store.ts';
import type { Store } from '../../store/database.ts';
import { findExportOfJob, finishExport } from '../../store/exports.ts';
import { finishJob, type Job, startJobAttempt } from '../../store/jobs.ts';
import { findProject } from '../../store/projects.ts';
import { checkAnnotationImport } from '../annotation-import-check.ts';
import type { AnnotationImportInput } from '../annotation-import-setup.ts';
import { actorOfUserId, auditExport } from '../audit/record.ts';
import { type ExportRequest, planExport, writeExport } from '../export-project.ts';
import { type AnnotationImportReport, applyAnnotationImport } from '../import-annotations.ts';
import { emitExportReady } from '../webhooks/events.ts';
import { JobProgress, type LiveProgress } from './progress.ts';
import { packFolder } from './tar.ts';

export interface JobContext {
  store: Store;
  files: FileStore;
  exportsDir: string;
  log?: (message: string, error?: unknown) => void;
}

export interface ExportJobParams extends ExportRequest {
  /** Where the CLI asked for it; otherwise a file in the exports folder (folders packed as .tar). */
  output?: string;
  /** The address of the request that asked for it, for the audit event the finished export leaves. */
  sourceIp?: string | null;
}

/** What an import job is asked: the import's own options (paths are the server's). */
export type ImportJobParams = Pick<AnnotationImportInput, 'format' | 'path' | 'as' | 'model' | 'imagesDir' | 'skipInvalid' | 'skipUnsupported' | 'dataKey' | 'renames' | 'sourceIp'> & {
  /** A folder of uploaded files, removed once the job is over. */
  uploadDir?: string;
};

export interface ExportJobResult {
  exportId: number;
  file: string;
  bytes: number;
  items: number;
  annotations: number;
  entries: number;
  warnings: string[];
  warningCount: number;
}

export interface RunJobOptions {
  signal?: AbortSignal;
  /** No retry follows: an unexpected error fails the job too. */
  lastAttempt?: boolean;
  onProgress?: (progress: LiveProgress) => void;
}

export type JobRun = { outcome: 'done'; result: unknown } | { outcome: 'failed'; error: NonNullable<Job['error']> } | { outcome: 'skipped' };

/** Another attempt finished the job while this one ran: this one's writes must not land. */
class FinishedElsewhere extends Error {}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'project';
}

async function projectOf(ctx: JobContext, job: Job): Promise<Project> {
  const project = await findProject(ctx.store.db, job.projectId);
  if (!project) throw new DomainError('not_found', `project ${job.projectId} no longer exists`);
  return project;
}

async function runExport(ctx: JobContext, job: Job, progress: JobProgress, signal?: AbortSignal): Promise<ExportJobResult> {
  const { db } = ctx.store;
  const params = job.params as unknown as ExportJobParams;
  const record = await findExportOfJob(db, job.id);
  if (!record) throw new DomainError('not_found', `job ${job.id} has no export record`);
  const project = await projectOf(ctx, job);
  const plan = await planExport(db, project, params);
  const name = `${record.id}-${slug(project.name)}-${plan.format.name}`;
  const packed = plan.format.target === 'directory' && !params.output;
  const destination = params.output ?? join(ctx.exportsDir, plan.format.target === 'stream' ? `${name}.${plan.format.extension}` : name);
  // What an interrupted attempt left; a path the CLI was given is never removed.
  if (!params.output) await rm(destination, { recursive: true, force: true });
  const outcome = await writeExport({ db, files: ctx.files }, plan, destination, { signal, onProgress: (p) => progress.update('exporting', p.done, p.total) });
  let file = params.output ?? destination.slice(ctx.exportsDir.length + 1);
  let bytes = outcome.bytes;
  if (packed) {
    progress.update('packing', outcome.summary.items, outcome.summary.items);
    bytes = await packFolder(destination, `${destination}.tar`, name);
    await rm(destination, { recursive: true, force: true });
    file = `${name}.tar`;
  }
  const { summary } = outcome;
  const result: ExportJobResult = { exportId: record.id, file, bytes, items: summary.items, annotations: summary.annotations, entries: summary.entries, warnings: summary.warnings, warningCount: summary.warningCount };
  await ctx.store.transaction(async (tx) => {
    if (!(await finishJob(tx, job.id, { status: 'done', result }))) throw new FinishedElsewhere();
    await finishExport(tx, record.id, { status: 'ready', file, bytes, summary });
    await emitExportReady(tx, { projectId: project.id, exportId: record.id, jobId: job.id, format: plan.format.name, selection: params.selection, items: summary.items, annotations: summary.annotations, bytes });
    // Data left the project: recorded with the export it made, in the same transaction.
    await auditExport(tx, await actorOfUserId(tx, job.createdBy, params.sourceIp), {
      exportId: record.id,
      projectId: project.id,
      format: plan.format.name,
      selection: params.selection,
      filters: params.filters,
      items: summary.items,
      annotations: summary.annotations,
      bytes,
    });
  });
  return result;
}

async function runImport(ctx: JobContext, job: Job, progress: JobProgress, signal?: AbortSignal): Promise<AnnotationImportReport> {
  const params = job.params as unknown as ImportJobParams;
  const input: AnnotationImportInput = {
    ...params,
    uploaded: params.uploadDir !== undefined,
    project: await projectOf(ctx, job),
    createdBy: job.createdBy,
    files: ctx.files,
    signal,
    onProgress: (p) => progress.update(p.phase, p.done, p.total),
  };
  const check = await checkAnnotationImport(ctx.store.db, input);
  // On PGlite the transaction holds the only connection until it commits.
  if (ctx.store.engine === 'pglite') progress.writes(false);
  try {
    return await ctx.store.transaction(async (tx) => {
      const report = await applyAnnotationImport(tx, input, check);
      signal?.throwIfAborted();
      if (!(await finishJob(tx, job.id, { status: 'done', result: report }))) throw new FinishedElsewhere();
      return report;
    });
  } finally {
    progress.writes(true);
  }
}

/** What is stored of a failure; a message quoting a NUL from the file would fail the very write (jsonb). */
function errorRecord(error: unknown): NonNullable<Job['error']> {
  if (isDomainError(error)) {
    const details = error.details as { issues?: unknown[] } | undefined;
    return withoutNul({ code: error.code, message: error.message, ...(details?.issues ? { details: { issues: details.issues.slice(0, 200) } } : {}) });
  }
  return withoutNul({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
}

async function cleanUp(job: Job): Promise<void> {
  const upload = (job.params as { uploadDir?: string }).uploadDir;
  if (job.kind === 'import' && upload) await rm(upload, { recursive: true, force: true });
}

/** Runs a job whose attempt has started (its row is `running`). */
export async function executeJob(ctx: JobContext, job: Job, options: RunJobOptions = {}): Promise<JobRun> {
  const progress = new JobProgress(ctx.store.db, job.id, options.onProgress, (e) => ctx.log?.(`progress of job ${job.id} not recorded`, e));
  try {
    const result = job.kind === 'export' ? await runExport(ctx, job, progress, options.signal) : await runImport(ctx, job, progress, options.signal);
    await cleanUp(job);
    return { outcome: 'done', result };
  } catch (error) {
    if (error instanceof FinishedElsewhere) return { outcome: 'skipped' };
    // The worker is stopping: the queue gives the job to the next worker.
    if (options.signal?.aborted) throw error;
    if (!isDomainError(error) && !options.lastAttempt) throw error;
    const record = errorRecord(error);
    await cleanUp(job);
    if (job.kind === 'export') {
      const exp = await findExportOfJob(ctx.store.db, job.id);
      if (exp) await finishExport(ctx.store.db, exp.id, { status: 'failed', summary: { error: record.message } });
    }
    await finishJob(ctx.store.db, job.id, { status: 'failed', error: record });
    return { outcome: 'failed', error: record };
  } finally {
    await progress.close();
  }
}

/** One attempt of a queued job; a job that is already finished is left alone. */
export async function runJob(ctx: JobContext, jobId: number, options: RunJobOptions = {}): Promise<JobRun> {
  const job = await startJobAttempt(ctx.store.db, jobId);
  if (!job) return { outcome: 'skipped' };
  return executeJob(ctx, job, options);
}
