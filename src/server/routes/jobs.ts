import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JobDto } from '../data-schemas.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import { imageMimeType } from '../../media/file-store.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { importFormatNamed, parseModelRef } from '../../services/annotation-import-setup.ts';
import { createImportJob } from '../../services/jobs/enqueue.ts';
import { liveProgress } from '../../services/jobs/progress.ts';
import type { ImportJobParams } from '../../services/jobs/run-job.ts';
import { projectForManager, visibleProjects } from '../../services/project-access.ts';
import { findJob, type Job, listJobs } from '../../store/jobs.ts';
import { ErrorBody, Id, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { refuseNul } from '../nul-guard.ts';
import { saveUpload } from '../uploads.ts';


/** Server paths in a job's parameters stay on the server; its progress is this process's when it runs it. */
export function jobDto(job: Job): z.infer<typeof JobDto> {
  const live = job.status === 'running' ? liveProgress(job.id) : undefined;
  return {
    id: job.id,
    projectId: job.projectId,
    kind: job.kind,
    status: job.status,
    format: typeof job.params.format === 'string' ? job.params.format : null,
    phase: live?.phase ?? job.phase,
    done: live?.done ?? job.done,
    total: live ? live.total : job.total,
    attempts: job.attempts,
    result: job.result,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

async function canSeeJob(db: AppContext['store']['db'], actor: Actor, job: Job): Promise<void> {
  await projectForManager(db, actor, job.projectId).catch(() => {
    throw notFound('job', job.id);
  });
}

export async function jobRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Background jobs (imports and exports), newest first',
        querystring: z.object({
          projectId: Id.optional(),
          status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
          kind: z.enum(['export', 'import']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: Id.optional(),
        }).strict(),
        response: { 200: z.object({ jobs: z.array(JobDto) }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'manage_projects', 'jobs are for managers');
      const q = request.query;
      const projectIds = q.projectId !== undefined ? [(await projectForManager(db, actor, q.projectId)).id] : (await visibleProjects(db, actor)).map((p) => p.id);
      const jobs = await listJobs(db, { projectIds, status: q.status, kind: q.kind, limit: q.limit, beforeId: q.before });
      return { jobs: jobs.map(jobDto) };
    },
  );

  r.get(
    '/api/v1/jobs/:id',
    { schema: { tags: ['jobs'], summary: 'One job, with its progress and result', params: IdParams, response: { 200: JobDto, 404: ErrorBody } } },
    async (request) => {
      const job = await findJob(db, request.params.id);
      if (!job) throw notFound('job', request.params.id);
      await canSeeJob(db, actorOf(request), job);
      return jobDto(job);
    },
  );

  r.post(
    '/api/v1/projects/:id/import-jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Import annotations in the background: upload the file (and its images) as multipart/form-data',
        description:
          'Form fields: `format` (coco, yolo, voc, csv, conll, spacy, atelier-jsonl, label-studio, cvat, predictions), optionally `as` (ground_truth | predictions), `model` (name@version, for predictions), `skipInvalid=true`, `skipUnsupported=true`, `dataKey` (Label Studio). Files: the annotation file, with the images of items the project does not have yet; folder formats (YOLO, VOC) send every file of the dataset with its path inside it as the file name. A bad file fails the job with every place at fault in `error.details.issues`, and nothing is imported.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ job: JobDto }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      if (!request.isMultipart()) throw new DomainError('invalid_input', 'send the files as multipart/form-data');
      const root = join(ctx.config.uploadsDir, randomUUID());
      await mkdir(root, { recursive: true });
      try {
        const fields: Record<string, string> = {};
        const annotationFiles: string[] = [];
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          const target = await saveUpload(root, part.filename, part.file);
          if (part.file.truncated) throw new DomainError('payload_too_large', `${part.filename} is larger than the upload limit`);
          if (imageMimeType(target) === null) annotationFiles.push(target);
        }
        // Form fields pass no JSON body through the app's NUL check (nul-guard.ts); they are stored with the job.
        refuseNul(fields, 'body');
        if (!fields.format) throw new DomainError('invalid_input', 'say which format the file is in (field "format")');
        const format = importFormatNamed(fields.format);
        let path: string;
        if (format.source === 'directory') {
          const entries = await readdir(root, { withFileTypes: true });
          path = entries.length === 1 && entries[0]!.isDirectory() ? join(root, entries[0]!.name) : root;
        } else {
          if (annotationFiles.length !== 1) throw new DomainError('invalid_input', `send one ${format.name} file (and images); got ${annotationFiles.length} other files`);
          path = annotationFiles[0]!;
        }
        const as = fields.as === undefined ? undefined : importAsNamed(fields.as);
        const params: ImportJobParams = {
          format: format.name,
          path,
          uploadDir: root,
          as,
          model: fields.model ? parseModelRef(fields.model) : undefined,
          skipInvalid: fields.skipInvalid === 'true',
          skipUnsupported: fields.skipUnsupported === 'true',
          dataKey: fields.dataKey || undefined,
          sourceIp: request.ip,
        };
        const job = await ctx.store.transaction((tx) => createImportJob(tx, { project, params, createdBy: actor.user.id }));
        return reply.status(202).send({ job: jobDto(job) });
      } catch (error) {
        await rm(root, { recursive: true, force: true });
        throw error;
      }
    },
  );
}

/** The form field `as`, refused in words (a parse error would reach the client as a 500). */
function importAsNamed(value: string): 'ground_truth' | 'predictions' {
  if (value === 'ground_truth' || value === 'predictions') return value;
  throw new DomainError('invalid_input', `field "as" is ground_truth or predictions, not ${JSON.stringify(value.slice(0, 40))}`, { issues: [{ path: 'as', message: 'ground_truth or predictions' }] });
}
