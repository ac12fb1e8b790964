/**
 * How receivers know a webhook comes from Atelier. Every delivery is a POST of a JSON body with:
 *
 *   X-Atelier-Event:     task.completed
 *   X-Atelier-Delivery:  1234            (the same for every attempt of one delivery: dedupe on it)
 *   X-Atelier-Timestamp: 1714557600      (Unix seconds of this attempt)
 *   X-Atelier-Signature: sha256=<hex>    HMAC-SHA256 with the webhook's secret of
 *                                        "<timestamp>.<raw body>"
 *
 * A receiver recomputes the HMAC over the raw bytes it received, compares in constant time, and
 * refuses a timestamp more than five minutes away from its clock (a replayed request).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const EVENT_HEADER = 'x-atelier-event';
export const DELIVERY_HEADER = 'x-atelier-delivery';
export const TIMESTAMP_HEADER = 'x-atelier-timestamp';
export const SIGNATURE_HEADER = 'x-atelier-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export interface SignedHeaders {
  [TIMESTAMP_HEADER]: string;
  [SIGNATURE_HEADER]: string;
}

export function signedHeaders(secret: string, body: string, now: Date): SignedHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body) };
}

/** The receiver's check: the signature over this raw body, with a timestamp close to `now`. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string | Buffer,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, Buffer.isBuffer(body) ? body.toString('utf8') : body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
