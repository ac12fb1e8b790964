/** The events a project's webhooks can subscribe to (what each carries: services/webhooks/events.ts). */
export const WEBHOOK_EVENTS = ['task.completed', 'item.accepted', 'export.ready', 'annotator.paused'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
