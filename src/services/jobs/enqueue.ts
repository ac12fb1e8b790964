/**
 * Asking for an export or an import in the background: the job's row (and the export's record) is
 * written in the caller's transaction, checked first so that a bad request fails at once rather
 * than in the queue. A worker of any Atelier server hands it to the queue within a second.
 */
import type { Project } from '../../core/projects.ts';
import type { Db } from '../../store/database.ts';
import { type ExportRecord, insertExport } from '../../store/exports.ts';
import { insertJob, type Job } from '../../store/jobs.ts';
import { planExport } from '../export-project.ts';
import { importFormatNamed } from '../annotation-import-setup.ts';
import type { ExportJobParams, ImportJobParams } from './run-job.ts';

/** Run it in a transaction. `running`: the caller runs it itself at once (the CLI). */
export async function createExportJob(
  tx: Db,
  input: { project: Project; params: ExportJobParams; createdBy: number | null; status?: 'queued' | 'running' },
): Promise<{ job: Job; export: ExportRecord }> {
  const plan = await planExport(tx, input.project, input.params);
  const params: ExportJobParams = { ...input.params, format: plan.format.name };
  const job = await insertJob(tx, { projectId: input.project.id, kind: 'export', params: { ...params }, createdBy: input.createdBy, status: input.status });
  const record = await insertExport(tx, {
    projectId: input.project.id,
    jobId: job.id,
    format: plan.format.name,
    selection: params.selection,
    filters: params.filters,
    createdBy: input.createdBy,
  });
  return { job, export: record };
}

export async function createImportJob(
  tx: Db,
  input: { project: Project; params: ImportJobParams; createdBy: number | null; status?: 'queued' | 'running' },
): Promise<Job> {
  const format = importFormatNamed(input.params.format);
  return insertJob(tx, {
    projectId: input.project.id,
    kind: 'import',
    params: { ...input.params, format: format.name },
    createdBy: input.createdBy,
    status: input.status,
  });
}
