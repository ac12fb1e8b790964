import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { signedHeaders, signWebhook, verifyWebhook } from './signature.ts';

test('the signature is HMAC-SHA256 of "<timestamp>.<body>", checked in constant time with a replay window', () => {
  const body = '{"event":"task.completed"}';
  const now = new Date('2024-05-01T10:00:00Z');
  const headers = signedHeaders('whsec_test', body, now);
  assert.equal(headers['x-atelier-timestamp'], '1714557600');
  // The published construction, computed independently of signWebhook.
  const reference = createHmac('sha256', 'whsec_test').update(`1714557600.${body}`).digest('hex');
  assert.equal(headers['x-atelier-signature'], `sha256=${reference}`);
  const check = (secret: string, raw: string, at: Date) =>
    verifyWebhook(secret, { timestamp: headers['x-atelier-timestamp'], signature: headers['x-atelier-signature'] }, raw, at);
  assert.equal(check('whsec_test', body, now), true);
  assert.equal(check('whsec_other', body, now), false, 'another secret');
  assert.equal(check('whsec_test', body.replace('task', 'item'), now), false, 'a changed body');
  assert.equal(check('whsec_test', body, new Date(now.getTime() + 301_000)), false, 'a replay after five minutes');
  assert.equal(verifyWebhook('whsec_test', { timestamp: '1714557600', signature: signWebhook('whsec_test', 1714557601, body) }, body, now), false, 'a signature of another timestamp');
});
