/**
 * Data protection over HTTP: a project's privacy settings and its pools' metadata rules
 * (managers), mask regions of an image (managers), erasure (admins) and the data-protection report
 * (managers, admins and auditors).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import { mayReadAudit } from '../../services/audit/audit-access.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { eraseItems, parseSubjectKey, requireItemsExist, subjectItemIds } from '../../services/privacy/erase-items.ts';
import { projectDpia } from '../../services/privacy/dpia-gather.ts';
import { printPdf } from '../../services/privacy/dpia-pdf.ts';
import { renderHtml, renderMarkdown } from '../../core/documents.ts';
import { dpiaBlocks } from '../../services/privacy/dpia-render.ts';
import { type ItemMaskView, itemMaskFor, saveItemMasks } from '../../services/privacy/item-masks.ts';
import { privacySettingsOf, setMetadataRule, updatePrivacySettings } from '../../services/privacy/project-privacy.ts';
import type { PrivacySettings } from '../../services/privacy/privacy-settings.ts';
import { projectForActor, projectForManager } from '../../services/project-access.ts';
import { findPool } from '../../store/pools.ts';
import { listMetadataRules, sampleMetadataKeys } from '../../store/privacy.ts';
import { findProject } from '../../store/projects.ts';
import { ErrorBody, Id, IdParams } from '../api-schemas.ts';
import { ErasureReportDto, MaskDto, MaskRegionSchema, MetadataRulesDto, PrivacySettingsSchema } from '../privacy-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

function maskDto(mask: ItemMaskView): z.infer<typeof MaskDto> {
  return { itemId: mask.itemId, regions: mask.regions as z.infer<typeof MaskRegionSchema>[], version: mask.version, updatedAt: mask.updatedAt?.toISOString() ?? null };
}

/** Managers of the project, and admins and auditors: who may read its data-protection report. */
async function reportReader(ctx: AppContext, actor: Actor, projectId: number) {
  if (mayReadAudit(actor)) {
    // Auditors see no project's items, but every project's data-protection report.
    const project = await findProject(ctx.store.db, projectId);
    if (!project) throw notFound('project', projectId);
    return project;
  }
  const project = await projectForActor(ctx.store.db, actor, projectId);
  requireCapability(actor, 'manage_projects', 'the data-protection report is for managers, admins and auditors');
  return project;
}

export async function privacyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get(
    '/api/v1/projects/:id/privacy',
    { schema: { tags: ['privacy'], summary: 'Data-protection settings of a project (defaults until set)', params: IdParams, response: { 200: PrivacySettingsSchema, 403: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const project = await reportReader(ctx, actorOf(request), request.params.id);
      return privacySettingsOf(db, project.id);
    },
  );

  r.put(
    '/api/v1/projects/:id/privacy',
    { schema: { tags: ['privacy'], summary: 'Set who gets redacted texts and masked images, and the retention period (managers)', params: IdParams, body: PrivacySettingsSchema, response: { 200: PrivacySettingsSchema, 403: ErrorBody, 422: ErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      return ctx.store.transaction((tx) => updatePrivacySettings(tx, actor, project.id, request.body as PrivacySettings));
    },
  );

  r.get(
    '/api/v1/projects/:id/metadata-rules',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Which metadata fields each pool may see, and the fields the items carry (managers)',
        params: IdParams,
        response: { 200: MetadataRulesDto, 403: ErrorBody },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      return { rules: await listMetadataRules(db, project.id), keys: await sampleMetadataKeys(db, project.id) };
    },
  );

  r.put(
    '/api/v1/projects/:id/metadata-rules/:poolId',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Set the metadata fields a pool may see in this project; null returns to the default (in-house all, outside none)',
        params: z.object({ id: Id, poolId: Id }),
        body: z.strictObject({ allowedKeys: z.array(z.string().min(1).max(200)).max(500).nullable() }),
        response: { 204: z.undefined(), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      if (!(await findPool(db, request.params.poolId))) throw notFound('pool', request.params.poolId);
      await ctx.store.transaction((tx) => setMetadataRule(tx, actor, project.id, request.params.poolId, request.body.allowedKeys));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/items/:id/masks',
    { schema: { tags: ['privacy'], summary: 'Mask regions of an image (managers)', params: IdParams, response: { 200: MaskDto, 403: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const mask = await itemMaskFor(db, actorOf(request), request.params.id);
      return maskDto(mask);
    },
  );

  r.put(
    '/api/v1/items/:id/masks',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Replace the mask regions of an image: outside pools only ever receive it with these regions painted black (managers)',
        params: IdParams,
        body: z.strictObject({ regions: z.array(MaskRegionSchema).max(1000) }),
        response: { 200: MaskDto, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const mask = await ctx.store.transaction((tx) => saveItemMasks(tx, ctx.files, actor, request.params.id, request.body.regions));
      return maskDto(mask);
    },
  );

  r.post(
    '/api/v1/erasures',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Erase items, or every item of a data subject (metadata KEY=VALUE), with everything derived from them (admins); an item id that does not exist is refused (404), nothing erased',
        body: z.union([z.strictObject({ itemIds: z.array(Id).min(1).max(10_000) }), z.strictObject({ subject: z.string().min(3).max(500), projectId: Id.optional() })]),
        response: { 200: ErasureReportDto, 403: ErrorBody, 404: ErrorBody },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'manage_users', 'erasure is for admins');
      const erasure = { store: ctx.store, files: ctx.files, exportsDir: ctx.config.exportsDir };
      const body = request.body;
      if ('itemIds' in body) {
        await requireItemsExist(db, body.itemIds);
        return eraseItems(erasure, body.itemIds, { actor, basis: 'item' });
      }
      if (body.projectId !== undefined) await projectForActor(db, actor, body.projectId);
      const ids = await subjectItemIds(db, parseSubjectKey(body.subject), body.projectId ?? null);
      return eraseItems(erasure, ids, { actor, basis: 'subject' });
    },
  );

  r.get(
    '/api/v1/projects/:id/dpia',
    {
      schema: {
        tags: ['privacy'],
        summary: 'The data-protection report of a project, from its configuration: Markdown, HTML, PDF (Chromium) or JSON',
        params: IdParams,
        querystring: z.object({ format: z.enum(['markdown', 'html', 'pdf', 'json']).default('json'), sample: z.coerce.number().int().min(1).max(100_000).default(500) }),
        response: { 403: ErrorBody, 404: ErrorBody, 503: ErrorBody },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const project = await reportReader(ctx, actorOf(request), request.params.id);
      const report = await projectDpia(ctx.store, project.id, new Date(), { sampleSize: request.query.sample });
      const format = request.query.format;
      if (format === 'json') return reply.send(report as never);
      const blocks = dpiaBlocks(report);
      const title = `Data-protection report: ${project.name}`;
      if (format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(renderMarkdown(blocks) as never);
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(blocks, title) as never);
      const pdf = await printPdf(renderHtml(blocks, title));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="dpia-project-${project.id}.pdf"`).send(pdf as never);
    },
  );
}
