import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.ts';
import { ExportFiltersSchema } from '../../core/export-filters.ts';
import { checkExportFilters } from '../../services/export-project.ts';
import { auditExportDownload } from '../../services/audit/record.ts';
import { createExportJob } from '../../services/jobs/enqueue.ts';
import { projectForManager } from '../../services/project-access.ts';
import { type ExportRecord, findExport, listExports } from '../../store/exports.ts';
import { ErrorBody, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ExportDto, JobDto } from '../data-schemas.ts';
import { jobDto } from './jobs.ts';


/** A file under the exports folder can be downloaded; one the CLI wrote elsewhere cannot. */
const downloadable = (e: ExportRecord): boolean => e.status === 'ready' && e.file !== null && !isAbsolute(e.file);

export function exportDto(e: ExportRecord): z.infer<typeof ExportDto> {
  return {
    id: e.id,
    projectId: e.projectId,
    jobId: e.jobId,
    format: e.format,
    selection: e.selection,
    filters: e.filters,
    status: e.status,
    fileName: e.file && !isAbsolute(e.file) ? e.file : null,
    bytes: e.bytes,
    summary: e.summary,
    downloadUrl: downloadable(e) ? `/api/v1/exports/${e.id}/download` : null,
    createdAt: e.createdAt.toISOString(),
    finishedAt: e.finishedAt?.toISOString() ?? null,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv; charset=utf-8',
  '.conll': 'text/plain; charset=utf-8',
  '.tar': 'application/x-tar',
};

export async function exportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.post(
    '/api/v1/projects/:id/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'Export the project, or the part the filters select, in the background',
        description:
          'Formats: coco, yolo, voc (image projects), conll, spacy (text projects), csv and jsonl (Atelier JSONL, every annotation with its provenance). `selection`: `consensus` (the reviewed label of each item) or `all` (every current annotation). Filters: status (complete | annotated | accepted), from/to (dates an annotation was made, to excluded), labels, annotators (e-mails), pools (keys). The answer names the job; `GET /api/v1/jobs/:id` follows it and an `export.ready` webhook announces the file.',
        params: IdParams,
        body: z.object({
          format: z.string().min(1).max(40),
          selection: z.enum(['consensus', 'all']).default('consensus'),
          filters: ExportFiltersSchema.default({}),
          control: z.string().min(1).max(100).optional(),
          withImages: z.boolean().optional(),
        })
          // A misspelt key ("filter") would otherwise be dropped and the whole project exported.
          .strict(),
        response: { 202: z.object({ job: JobDto, export: ExportDto }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const { format, selection, filters, control, withImages } = request.body;
      const created = await ctx.store.transaction((tx) =>
        createExportJob(tx, { project, params: { format, selection, filters: checkExportFilters(filters), control, withImages, sourceIp: request.ip }, createdBy: actor.user.id }),
      );
      return reply.status(202).send({ job: jobDto(created.job), export: exportDto(created.export) });
    },
  );

  r.get(
    '/api/v1/projects/:id/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'The project\'s exports, newest first',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ exports: z.array(ExportDto) }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      return { exports: (await listExports(db, project.id, request.query.limit)).map(exportDto) };
    },
  );

  const exportForManager = async (actor: ReturnType<typeof actorOf>, id: number): Promise<ExportRecord> => {
    const record = await findExport(db, id);
    if (!record) throw notFound('export', id);
    await projectForManager(db, actor, record.projectId);
    return record;
  };

  r.get(
    '/api/v1/exports/:id',
    { schema: { tags: ['exports'], summary: 'One export', params: IdParams, response: { 200: ExportDto, 403: ErrorBody, 404: ErrorBody } } },
    async (request) => exportDto(await exportForManager(actorOf(request), request.params.id)),
  );

  r.get(
    '/api/v1/exports/:id/download',
    {
      schema: {
        tags: ['exports'],
        summary: 'The export file (folder formats as one .tar)',
        params: IdParams,
        response: { 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const record = await exportForManager(actor, request.params.id);
      if (record.status !== 'ready') throw new DomainError('conflict', record.status === 'pending' ? 'the export is not ready yet; follow its job' : 'the export failed; see its job');
      if (!downloadable(record)) throw new DomainError('not_found', 'this export was written outside the data folder (atelier export --output) and cannot be downloaded');
      const path = join(ctx.config.exportsDir, record.file!);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) throw notFound('file of export', record.id);
      // Each download takes the data out of Atelier again: each is an event of its own.
      await auditExportDownload(db, actor, { exportId: record.id, projectId: record.projectId, format: record.format, selection: record.selection, bytes: info.size });
      return reply
        .header('content-type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream')
        .header('content-length', info.size)
        .header('content-disposition', `attachment; filename="${record.file!.replace(/"/g, '')}"`)
        .header('cache-control', 'private, no-store')
        .send(createReadStream(path) as never);
    },
  );
}
