import assert from 'node:assert/strict';
import { it } from 'node:test';
import Fastify from 'fastify';
import { installSecurityHeaders, securityHeaders } from './security-headers.ts';

it("works helmet's headers out once, with Atelier's content security policy", () => {
  const headers = securityHeaders();
  assert.match(headers['content-security-policy']!, /default-src 'self'.*script-src 'self' 'unsafe-eval'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal(headers['cross-origin-embedder-policy'], undefined, 'off: images come from Atelier itself');
  assert.equal(headers['permissions-policy'], 'camera=(), microphone=(), geolocation=(), payment=()');
});

it('puts them on every answer, errors and unknown routes included', async () => {
  const app = Fastify();
  installSecurityHeaders(app);
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  for (const url of ['/boom', '/nowhere']) {
    const response = await app.inject({ method: 'GET', url });
    assert.ok(response.statusCode >= 400);
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/, url);
    assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
  }
  await app.close();
});
