import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeliveryDto, WebhookDto } from '../data-schemas.ts';
import { WEBHOOK_EVENTS } from '../../core/webhook-events.ts';
import { changeWebhook, createWebhook, pingWebhook, projectWebhooks, removeWebhook, webhookDeliveries } from '../../services/webhooks/manage-webhooks.ts';
import type { Webhook, WebhookDelivery } from '../../store/webhooks.ts';
import { ErrorBody, Id, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

const EventName = z.enum(WEBHOOK_EVENTS);



const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const webhookDto = (w: Webhook): z.infer<typeof WebhookDto> => ({
  id: w.id, projectId: w.projectId, url: w.url, events: w.events, description: w.description, active: w.active, createdAt: w.createdAt.toISOString(),
});

const deliveryDto = (d: WebhookDelivery): z.infer<typeof DeliveryDto> => ({
  id: d.id, webhookId: d.webhookId, event: d.event, payload: d.payload, status: d.status, attempts: d.attempts, nextAttemptAt: iso(d.nextAttemptAt),
  lastAttemptAt: iso(d.lastAttemptAt), responseCode: d.responseCode, lastError: d.lastError, durationMs: d.durationMs, createdAt: d.createdAt.toISOString(),
  deliveredAt: iso(d.deliveredAt),
});

const SIGNING =
  'Each delivery is a POST of `{"id", "event", "createdAt", "projectId", "data"}` with headers `X-Atelier-Event`, `X-Atelier-Delivery` (the same on every attempt), `X-Atelier-Timestamp` (Unix seconds) and `X-Atelier-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook\'s secret of `<timestamp>.<raw body>`. Refuse a timestamp more than five minutes old. A non-2xx answer is retried with exponential backoff (30 s doubling, up to 8 attempts).';

export async function webhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get(
    '/api/v1/projects/:id/webhooks',
    { schema: { tags: ['webhooks'], summary: 'The project\'s webhooks', params: IdParams, response: { 200: z.object({ webhooks: z.array(WebhookDto) }), 403: ErrorBody, 404: ErrorBody } } },
    async (request) => ({ webhooks: (await projectWebhooks(db, actorOf(request), request.params.id)).map(webhookDto) }),
  );

  r.post(
    '/api/v1/projects/:id/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add a webhook; its secret is in this answer only',
        description: `Events: ${WEBHOOK_EVENTS.join(', ')}. ${SIGNING}`,
        params: IdParams,
        body: z.strictObject({ url: z.string().max(2000), events: z.array(EventName).min(1), description: z.string().max(500).optional(), secret: z.string().min(16).max(200).optional() }),
        response: { 201: z.object({ webhook: WebhookDto, secret: z.string() }), 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ webhook: webhookDto(created.webhook), secret: created.secret });
    },
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook: its URL, events, description, secret, or turn it off',
        params: IdParams,
        body: z.strictObject({
          url: z.string().max(2000).optional(),
          events: z.array(EventName).min(1).optional(),
          description: z.string().max(500).optional(),
          active: z.boolean().optional(),
          secret: z.string().min(16).max(200).optional(),
        }),
        response: { 200: WebhookDto, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => webhookDto(await changeWebhook(db, actorOf(request), request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags: ['webhooks'], summary: 'Remove a webhook and its delivery log', params: IdParams, response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      await removeWebhook(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The delivery log of a webhook, newest first: status, attempts, next attempt, answer',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: Id.optional() }),
        response: { 200: z.object({ deliveries: z.array(DeliveryDto) }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ deliveries: (await webhookDeliveries(db, actorOf(request), request.params.id, request.query.limit, request.query.before)).map(deliveryDto) }),
  );

  r.post(
    '/api/v1/webhooks/:id/ping',
    { schema: { tags: ['webhooks'], summary: 'Send a signed `ping` event to this webhook', params: IdParams, response: { 202: z.object({ queued: z.boolean() }), 403: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      await pingWebhook(db, actorOf(request), request.params.id);
      return reply.status(202).send({ queued: true });
    },
  );
}
