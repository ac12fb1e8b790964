/**
 * One attempt at a delivery: a signed POST, its outcome written to the delivery log, and the time
 * of the next attempt when it failed — exponential backoff, `retryBaseSeconds × 2^(attempt−1)`
 * capped at an hour, up to `maxAttempts`. Any 2xx is delivered; anything else (an error status,
 * no answer within the timeout) is retried. The caller queues the next attempt in the same
 * transaction as the log entry, so a retry is never lost between the two.
 */
import { DELIVERY_HEADER, EVENT_HEADER, signedHeaders } from './signature.ts';
import type { Db } from '../../store/database.ts';
import { findDeliveryToSend, recordDeliveryAttempt } from '../../store/webhooks.ts';

export interface DeliveryOptions {
  retryBaseSeconds: number;
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { retryBaseSeconds: 30, maxAttempts: 8, timeoutMs: 10_000 };

const MAX_BACKOFF_SECONDS = 3600;

export function backoffSeconds(attempt: number, baseSeconds: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** (attempt - 1));
}

export type AttemptResult =
  | { outcome: 'delivered' | 'failed' | 'skipped' }
  | { outcome: 'retry'; nextAttempt: number; inSeconds: number };

interface Prepared {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** The request of attempt `attempt`, or null when it is not due (done already, or a twin's). */
async function prepare(db: Db, deliveryId: number, attempt: number, now: Date): Promise<Prepared | 'inactive' | null> {
  const found = await findDeliveryToSend(db, deliveryId);
  if (!found || found.delivery.status !== 'scheduled' || found.delivery.attempts !== attempt - 1) return null;
  if (!found.active) return 'inactive';
  const d = found.delivery;
  const body = JSON.stringify({ id: String(d.id), event: d.event, createdAt: d.createdAt.toISOString(), projectId: d.projectId, data: d.payload });
  return {
    url: found.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Atelier-Webhooks/1',
      [EVENT_HEADER]: d.event,
      [DELIVERY_HEADER]: String(d.id),
      ...signedHeaders(found.secret, body, now),
    },
  };
}

async function post(request: Prepared, timeoutMs: number): Promise<{ status: number | null; error: string | null; durationMs: number }> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, error: ok ? null : `answered ${response.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: null, error: cause ?? (error as Error).message, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Sends attempt `attempt` of a delivery and, through `record` (the caller's transaction), logs it
 * and queues what follows.
 */
export async function attemptDelivery(
  db: Db,
  deliveryId: number,
  attempt: number,
  options: DeliveryOptions,
  record: (log: (tx: Db) => Promise<boolean>, result: AttemptResult) => Promise<void>,
): Promise<AttemptResult> {
  const request = await prepare(db, deliveryId, attempt, new Date());
  if (request === null) return { outcome: 'skipped' };
  if (request === 'inactive') {
    const result: AttemptResult = { outcome: 'failed' };
    await record((tx) => recordDeliveryAttempt(tx, deliveryId, attempt, { delivered: false, responseCode: null, error: 'the webhook was disabled', durationMs: 0, nextAttemptAt: null }), result);
    return result;
  }
  const sent = await post(request, options.timeoutMs);
  const delivered = sent.error === null;
  const result: AttemptResult = delivered
    ? { outcome: 'delivered' }
    : attempt < options.maxAttempts
      ? { outcome: 'retry', nextAttempt: attempt + 1, inSeconds: backoffSeconds(attempt, options.retryBaseSeconds) }
      : { outcome: 'failed' };
  const nextAttemptAt = result.outcome === 'retry' ? new Date(Date.now() + result.inSeconds * 1000) : null;
  await record((tx) => recordDeliveryAttempt(tx, deliveryId, attempt, { delivered, responseCode: sent.status, error: sent.error, durationMs: sent.durationMs, nextAttemptAt }), result);
  return result;
}
