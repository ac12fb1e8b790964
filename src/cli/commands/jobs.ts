import type { Command } from 'commander';
import { DomainError, type ErrorCode, notFound } from '../../core/errors.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import { FileStore } from '../../media/file-store.ts';
import { executeJob, type JobRun } from '../../services/jobs/run-job.ts';
import { resolveProject } from '../../services/project-access.ts';
import type { Store } from '../../store/database.ts';
import { findJob, type Job, type JobKind, type JobStatus, listJobs } from '../../store/jobs.ts';
import { listProjects } from '../../store/projects.ts';
import type { Config } from '../../config.ts';
import { configFrom, progressBar, withStore } from '../runtime.ts';

/**
 * Runs a job this command has just created as `running`, in this process, with a progress bar;
 * the job's row records it like any other. A failure becomes the domain error it was.
 */
export async function runHere(store: Store, config: Config, job: Job, label: string): Promise<unknown> {
  const bar = progressBar(label);
  let run: JobRun;
  try {
    run = await executeJob(
      { store, files: new FileStore(config.filesDir), exportsDir: config.exportsDir },
      job,
      { lastAttempt: true, onProgress: (p) => bar.update(p.done, p.total, p.phase) },
    );
  } finally {
    bar.stop();
  }
  if (run.outcome === 'failed') {
    const code = (run.error.code && run.error.code in EXIT_CODES ? run.error.code : 'internal') as ErrorCode;
    throw new DomainError(code, run.error.message, run.error.details);
  }
  return run.outcome === 'done' ? run.result : null;
}

const age = (date: Date | null): string => (date ? date.toISOString().replace('T', ' ').slice(0, 19) : '');

function progressOf(job: Job): string {
  if (job.status === 'done') return '100%';
  if (job.total) return `${Math.floor((100 * job.done) / job.total)}% ${job.phase ?? ''}`.trim();
  return job.phase ? `${job.done} ${job.phase}` : '';
}

/** One line on what a job did. */
export function jobOutcome(job: Job): string {
  if (job.status === 'failed') return job.error?.message ?? 'failed';
  const r = job.result as Record<string, unknown> | null;
  if (job.status !== 'done' || !r) return '';
  if (job.kind === 'export') return `${r.items} items, ${r.annotations} annotations → ${r.file}`;
  return `${r.imported} of ${r.records} records: ${r.itemsCreated} new items, ${r.annotations} annotations, ${r.predictions} predictions${(r.rejected as unknown[]).length ? `, ${(r.rejected as unknown[]).length} faults skipped` : ''}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function details(job: Job, projectName: string): string {
  const lines = [
    `job ${job.id}: ${job.kind} of project ${projectName} — ${job.status}${job.attempts > 1 ? ` (attempt ${job.attempts})` : ''}`,
    `  created   ${age(job.createdAt)}`,
    `  started   ${age(job.startedAt)}`,
    `  finished  ${age(job.finishedAt)}`,
    `  progress  ${progressOf(job) || '-'}`,
    `  asked     ${JSON.stringify(job.params)}`,
  ];
  if (job.status === 'done') lines.push(`  result    ${jobOutcome(job)}`);
  if (job.error) {
    lines.push(`  error     ${job.error.message}`);
    const issues = (job.error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
    for (const issue of issues.slice(0, 20)) lines.push(`    ${issue.path}: ${issue.message}`);
  }
  const warnings = (job.result as { warnings?: string[] } | null)?.warnings ?? [];
  for (const warning of warnings.slice(0, 20)) lines.push(`  warning   ${warning}`);
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('jobs')
    .description('List background jobs (imports and exports) with their progress, or show one')
    .argument('[id]', 'a job id: show it in full')
    .option('--project <project>', "only this project (id or name)")
    .option('--status <status>', 'queued, running, done or failed')
    .option('--kind <kind>', 'import or export')
    .option('--limit <n>', 'how many, newest first', '30')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (id: string | undefined, options: { project?: string; status?: string; kind?: string; limit: string; dataDir?: string }) => {
      if (options.status && !['queued', 'running', 'done', 'failed'].includes(options.status)) throw new DomainError('invalid_input', '--status is queued, running, done or failed');
      if (options.kind && !['import', 'export'].includes(options.kind)) throw new DomainError('invalid_input', '--kind is import or export');
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new DomainError('invalid_input', '--limit is a number from 1 to 1000');
      const text = await withStore(configFrom(options), async (store) => {
        const names = new Map((await listProjects(store.db, { includeArchived: true })).map((p) => [p.id, p.name]));
        if (id !== undefined) {
          const job = /^\d+$/.test(id) ? await findJob(store.db, Number(id)) : null;
          if (!job) throw notFound('job', id);
          return details(job, names.get(job.projectId) ?? String(job.projectId));
        }
        const projectIds = options.project ? [(await resolveProject(store.db, options.project)).id] : null;
        const jobs = await listJobs(store.db, { projectIds, status: options.status as JobStatus | undefined, kind: options.kind as JobKind | undefined, limit });
        if (jobs.length === 0) return 'no jobs\n';
        const rows = [['ID', 'KIND', 'PROJECT', 'FORMAT', 'STATUS', 'PROGRESS', 'CREATED', 'OUTCOME']];
        for (const job of jobs) {
          rows.push([String(job.id), job.kind, names.get(job.projectId) ?? String(job.projectId), String(job.params.format ?? ''), job.status, progressOf(job), age(job.createdAt), jobOutcome(job)]);
        }
        return `${table(rows)}\n`;
      });
      process.stdout.write(text);
    });
}
