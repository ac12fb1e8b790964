/**
 * Managing a project's webhooks: managers add, change, disable and remove them, read their
 * delivery log and send a test ping. The secret is made here (or given), shown once, and never
 * listed again.
 */
import { randomUUID } from 'node:crypto';
import { notFound, validationFailed } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import {
  deleteWebhook, findWebhook, insertDeliveries, insertWebhook, listDeliveries, listWebhooks, updateWebhook, type Webhook, type WebhookDelivery,
} from '../../store/webhooks.ts';
import { requireCapability } from '../authenticate.ts';
import { projectForManager } from '../project-access.ts';
import { WEBHOOK_EVENTS } from '../../core/webhook-events.ts';
import { newWebhookSecret } from './signature.ts';

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string;
  /** At least 16 characters; made when left out. */
  secret?: string;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw validationFailed([{ path: 'url', message: 'not a URL' }]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw validationFailed([{ path: 'url', message: 'must be http:// or https://' }]);
  if (parsed.username || parsed.password) throw validationFailed([{ path: 'url', message: 'must not carry credentials; the signature authenticates Atelier' }]);
  if (url.length > 2000) throw validationFailed([{ path: 'url', message: 'at most 2000 characters' }]);
  return parsed.toString();
}

function checkEvents(events: string[]): string[] {
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (events.length === 0 || unknown.length > 0) {
    throw validationFailed([{ path: 'events', message: `${unknown.length > 0 ? `unknown ${unknown.join(', ')}; ` : ''}choose among ${WEBHOOK_EVENTS.join(', ')}` }]);
  }
  return [...new Set(events)];
}

function checkSecret(secret: string | undefined): string {
  if (secret === undefined) return newWebhookSecret();
  if (secret.length < 16 || secret.length > 200) throw validationFailed([{ path: 'secret', message: '16 to 200 characters' }]);
  return secret;
}

/** The webhook, if the actor manages its project. */
async function webhookForManager(db: Db, actor: Actor, id: number): Promise<Webhook> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw notFound('webhook', id);
  await projectForManager(db, actor, webhook.projectId);
  return webhook;
}

export async function createWebhook(db: Db, actor: Actor, projectId: number, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  const project = await projectForManager(db, actor, projectId);
  const secret = checkSecret(input.secret);
  const webhook = await insertWebhook(db, {
    projectId: project.id,
    url: checkUrl(input.url),
    secret,
    events: checkEvents(input.events),
    description: (input.description ?? '').slice(0, 500),
    createdBy: actor.user.id,
  });
  return { webhook, secret };
}

export async function changeWebhook(db: Db, actor: Actor, id: number, changes: Partial<WebhookInput> & { active?: boolean }): Promise<Webhook> {
  await webhookForManager(db, actor, id);
  const updated = await updateWebhook(db, id, {
    url: changes.url === undefined ? undefined : checkUrl(changes.url),
    events: changes.events === undefined ? undefined : checkEvents(changes.events),
    description: changes.description?.slice(0, 500),
    active: changes.active,
    secret: changes.secret === undefined ? undefined : checkSecret(changes.secret),
  });
  if (!updated) throw notFound('webhook', id);
  return updated;
}

export async function removeWebhook(db: Db, actor: Actor, id: number): Promise<void> {
  await webhookForManager(db, actor, id);
  await deleteWebhook(db, id);
}

export async function projectWebhooks(db: Db, actor: Actor, projectId: number): Promise<Webhook[]> {
  const project = await projectForManager(db, actor, projectId);
  return listWebhooks(db, project.id);
}

export async function webhookDeliveries(db: Db, actor: Actor, id: number, limit: number, beforeId?: number): Promise<WebhookDelivery[]> {
  await webhookForManager(db, actor, id);
  return listDeliveries(db, id, limit, beforeId);
}

/** Queues a `ping` to this webhook alone, to check the receiver and its signature check. */
export async function pingWebhook(db: Db, actor: Actor, id: number): Promise<void> {
  requireCapability(actor, 'manage_projects', 'managing webhooks needs the manager role');
  const webhook = await webhookForManager(db, actor, id);
  await insertDeliveries(db, {
    projectId: webhook.projectId,
    webhookId: webhook.id,
    event: 'ping',
    eventKey: `ping:${randomUUID()}`,
    payload: { message: 'Atelier webhook test', webhookId: webhook.id },
  });
}
