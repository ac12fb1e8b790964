/**
 * Item data, after the access check (pool limits) and shaped for the reader's pool: text redacted,
 * images masked, metadata minimised where the project's privacy settings say so. Every read is in
 * the audit trail, with the pool it went through and whether it was redacted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/users.ts';
import { auditItemRead } from '../../services/audit/record.ts';
import { answerReach, type ItemAccess, itemAccessFor, readableAnnotations } from '../../services/item-access.ts';
import { contentForPool, thumbnailForPool } from '../../services/privacy/content-for-pool.ts';
import { itemForPool } from '../../services/privacy/item-for-pool.ts';
import { resultsForPool } from '../../services/privacy/pool-results.ts';
import { listItemPredictions } from '../../store/annotations.ts';
import { AnnotationDto, ErrorBody, IdParams, ItemDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto } from '../dto.ts';

type Part = 'item' | 'content' | 'thumbnail' | 'annotations';

export async function itemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  async function open(request: FastifyRequest, itemId: number): Promise<{ actor: Actor; access: ItemAccess }> {
    const actor = actorOf(request);
    return { actor, access: await itemAccessFor(db, actor, itemId, ctx.work) };
  }

  function audit(actor: Actor, access: ItemAccess, part: Part, redacted: boolean): Promise<void> {
    return auditItemRead(db, actor, { itemId: access.item.id, projectId: access.item.projectId, poolId: access.pool?.id ?? null, part, redacted });
  }

  r.get('/api/v1/items/:id', { schema: { tags: ['items'], summary: 'One item (shaped for my pool)', params: IdParams, response: { 200: ItemDto, 404: ErrorBody } } }, async (request) => {
    const { actor, access } = await open(request, request.params.id);
    const shaped = await itemForPool(db, access.item, access.pool);
    await audit(actor, access, 'item', shaped.minimised);
    return itemDto(shaped.item);
  });

  r.get(
    '/api/v1/items/:id/content',
    { schema: { tags: ['items'], summary: 'The bytes of the item (image or UTF-8 text), after the access check, masked or redacted for my pool', params: IdParams, response: { 404: ErrorBody } } },
    async (request, reply) => {
      const { actor, access } = await open(request, request.params.id);
      const content = await contentForPool(db, ctx.files, access.item, access.pool);
      await audit(actor, access, 'content', content.masked || content.redacted);
      return reply
        .header('content-type', content.mimeType)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(content.bytes as never);
    },
  );

  r.get(
    '/api/v1/items/:id/thumbnail',
    { schema: { tags: ['items'], summary: 'A small WebP preview of an image item (masked for my pool)', params: IdParams, response: { 404: ErrorBody } } },
    async (request, reply) => {
      const { actor, access } = await open(request, request.params.id);
      const content = await thumbnailForPool(db, ctx.files, access.item, access.pool);
      await audit(actor, access, 'thumbnail', content.masked);
      return reply.header('content-type', content.mimeType).header('cache-control', 'private, max-age=3600').send(content.bytes as never);
    },
  );

  r.get(
    '/api/v1/items/:id/annotations',
    {
      schema: {
        tags: ['items'],
        summary: 'Annotations of the item, corrections included (annotators see only their own, a vendor’s reviewers and managers their pools’ work; spans on the text my pool sees)',
        params: IdParams,
        response: { 200: z.object({ annotations: z.array(AnnotationDto) }), 404: ErrorBody },
      },
    },
    async (request) => {
      const { actor, access } = await open(request, request.params.id);
      const { annotations: visible } = await readableAnnotations(db, actor, access, await answerReach(db, actor, access, ctx.work));
      const { poolText } = await itemForPool(db, access.item, access.pool);
      await audit(actor, access, 'annotations', poolText?.map != null);
      return { annotations: resultsForPool(visible, poolText).map(annotationDto) };
    },
  );

  r.get(
    '/api/v1/items/:id/predictions',
    {
      schema: {
        tags: ['items'],
        summary: 'Model pre-annotations of the item, newest first (shown to annotators as editable drafts)',
        params: IdParams,
        response: { 200: z.object({ predictions: z.array(AnnotationDto) }), 404: ErrorBody },
      },
    },
    async (request) => {
      const { actor, access } = await open(request, request.params.id);
      const { poolText } = await itemForPool(db, access.item, access.pool);
      await audit(actor, access, 'annotations', poolText?.map != null);
      return { predictions: resultsForPool(await listItemPredictions(db, access.item.projectId, access.item.id), poolText).map(annotationDto) };
    },
  );
}
