import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { importItems, type ImportSource } from '../../services/import-items.ts';
import { projectForManager } from '../../services/project-access.ts';
import { ErrorBody, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { saveUpload } from '../uploads.ts';

const ImportReportDto = z.object({
  importId: z.number(),
  total: z.number(),
  imported: z.number(),
  rejected: z.array(z.object({ line: z.number(), message: z.string() })),
});

export async function importRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/projects/:id/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import items: upload one .jsonl file, or image files (text files for a text project), as multipart/form-data',
        description:
          'Form fields: `files` (repeatable) and optionally `skipInvalid=true`. Without it, one bad line or file means nothing is imported and every bad one is named in `error.details.issues`.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ImportReportDto, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(ctx.store.db, actor, request.params.id);
      if (!request.isMultipart()) throw new DomainError('invalid_input', 'send the files as multipart/form-data');
      const dir = await mkdtemp(join(tmpdir(), 'atelier-upload-'));
      try {
        const filesDir = join(dir, 'files');
        await mkdir(filesDir);
        let skipInvalid = false;
        let jsonl: string | null = null;
        let count = 0;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'skipInvalid') skipInvalid = String(part.value) === 'true';
            continue;
          }
          count++;
          const isJsonl = extname(part.filename).toLowerCase() === '.jsonl';
          // The item's id is the file's own name (and folders, if sent), as a folder import gives it.
          const target = await saveUpload(isJsonl ? dir : filesDir, part.filename, part.file);
          if (part.file.truncated) throw new DomainError('payload_too_large', `${part.filename} is larger than the upload limit`);
          if (isJsonl) {
            if (jsonl) throw new DomainError('invalid_input', 'send one .jsonl file at a time');
            jsonl = target;
          }
        }
        if (count === 0) throw new DomainError('invalid_input', 'no file was sent');
        if (jsonl && count > 1) throw new DomainError('invalid_input', 'send either one .jsonl file or image/text files, not both');
        const source: ImportSource = jsonl ? { format: 'jsonl', path: jsonl, uploaded: true } : { format: 'folder', path: filesDir, uploaded: true };
        const report = await importItems(ctx.store, { project, source, skipInvalid, createdBy: actor.user.id, sourceIp: request.ip, files: ctx.files });
        return reply.status(201).send({ importId: report.importId, total: report.total, imported: report.imported, rejected: report.rejected });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
