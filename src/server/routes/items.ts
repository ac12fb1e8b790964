import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemForActor, seesAllAnnotations } from '../../services/item-access.ts';
import { readItemContent, readItemThumbnail } from '../../services/item-content.ts';
import { listItemAnnotations, listItemPredictions } from '../../store/annotations.ts';
import { AnnotationDto, ErrorBody, IdParams, ItemDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto } from '../dto.ts';

export async function itemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get('/api/v1/items/:id', { schema: { tags: ['items'], summary: 'One item', params: IdParams, response: { 200: ItemDto, 404: ErrorBody } } }, async (request) =>
    itemDto(await itemForActor(db, actorOf(request), request.params.id)),
  );

  r.get(
    '/api/v1/items/:id/content',
    { schema: { tags: ['items'], summary: 'The bytes of the item (image or UTF-8 text), after the access check', params: IdParams, response: { 404: ErrorBody } } },
    async (request, reply) => {
      const item = await itemForActor(db, actorOf(request), request.params.id);
      const content = await readItemContent(db, ctx.files, item);
      return reply
        .header('content-type', content.mimeType)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(content.bytes as never);
    },
  );

  r.get(
    '/api/v1/items/:id/thumbnail',
    { schema: { tags: ['items'], summary: 'A small WebP preview of an image item', params: IdParams, response: { 404: ErrorBody } } },
    async (request, reply) => {
      const item = await itemForActor(db, actorOf(request), request.params.id);
      const content = await readItemThumbnail(db, ctx.files, item);
      return reply.header('content-type', content.mimeType).header('cache-control', 'private, max-age=3600').send(content.bytes as never);
    },
  );

  r.get(
    '/api/v1/items/:id/annotations',
    {
      schema: {
        tags: ['items'],
        summary: 'Annotations of the item, corrections included (annotators see only their own)',
        params: IdParams,
        response: { 200: z.object({ annotations: z.array(AnnotationDto) }), 404: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const item = await itemForActor(db, actor, request.params.id);
      const all = await listItemAnnotations(db, item.projectId, item.id);
      const visible = seesAllAnnotations(actor) ? all : all.filter((a) => a.annotatorId === actor.user.id);
      return { annotations: visible.map(annotationDto) };
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
      const item = await itemForActor(db, actorOf(request), request.params.id);
      return { predictions: (await listItemPredictions(db, item.projectId, item.id)).map(annotationDto) };
    },
  );
}
