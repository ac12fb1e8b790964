import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemAccessFor, itemReadEvent, seesAllAnnotations } from '../../services/item-access.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import { readItemContent, readItemThumbnail } from '../../services/item-content.ts';
import { listItemAnnotations, listItemPredictions } from '../../store/annotations.ts';
import { AnnotationDto, ErrorBody, IdParams, ItemDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto } from '../dto.ts';

export async function itemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  /** Opens the item for the caller and records the read in the audit trail. */
  async function read(request: FastifyRequest, itemId: number, what: string) {
    const actor = actorOf(request);
    const access = await itemAccessFor(db, actor, itemId, ctx.work);
    await recordAuditEvents(db, [itemReadEvent(actor, access, request.ip, what)]);
    return { actor, access };
  }

  r.get('/api/v1/items/:id', { schema: { tags: ['items'], summary: 'One item', params: IdParams, response: { 200: ItemDto, 404: ErrorBody } } }, async (request) =>
    itemDto((await read(request, request.params.id, 'item')).access.item),
  );

  r.get(
    '/api/v1/items/:id/content',
    { schema: { tags: ['items'], summary: 'The bytes of the item (image or UTF-8 text), after the access check', params: IdParams, response: { 404: ErrorBody } } },
    async (request, reply) => {
      const { access } = await read(request, request.params.id, 'content');
      const content = await readItemContent(db, ctx.files, access.item);
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
      const { access } = await read(request, request.params.id, 'thumbnail');
      const content = await readItemThumbnail(db, ctx.files, access.item);
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
      const { actor, access } = await read(request, request.params.id, 'annotations');
      const all = await listItemAnnotations(db, access.item.projectId, access.item.id);
      const visible = seesAllAnnotations(actor, access) ? all : all.filter((a) => a.annotatorId === actor.user.id);
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
      const { access } = await read(request, request.params.id, 'predictions');
      return { predictions: (await listItemPredictions(db, access.item.projectId, access.item.id)).map(annotationDto) };
    },
  );
}
