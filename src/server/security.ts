/**
 * Hardening that holds for every route: cross-site request forgery refused for cookie sessions,
 * a brake on guessing credentials, and responses with personal data kept out of caches. (The
 * request's address reaches the audit events on the actor: see `auth.ts`.)
 *
 * CSRF: a browser attaches the session cookie to any request, even one a foreign page triggers, so
 * an unsafe request (POST, PUT, PATCH, DELETE) that does not carry `Authorization` must prove it
 * comes from Atelier's own pages. Browsers say where a request comes from: `Sec-Fetch-Site`
 * (every current browser) must be `same-origin` (or `none`: typed by the user); without it, an
 * `Origin` header must name this server. A request with neither comes from a program, not a
 * browser page, and the SameSite=Lax cookie is not sent cross-site by browsers anyway. The web
 * app has nothing to add: its fetches carry these headers by themselves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SecurityOptions {
  /** Origins allowed besides this server's own (e.g. `https://atelier.example.org` behind a proxy that rewrites Host). */
  allowedOrigins?: readonly string[];
  /** Refused credentials (401) one address may cause per window before it is told to wait. */
  maxAuthFailures?: number;
  authFailureWindowMs?: number;
  now?: () => number;
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Why this request must be refused as a possible forgery, or null. */
export function csrfRefusal(request: Pick<FastifyRequest, 'method' | 'headers' | 'protocol'>, allowedOrigins: readonly string[] = []): string | null {
  if (!UNSAFE_METHODS.has(request.method)) return null;
  // A bearer token is added by a program on purpose; browsers never attach one by themselves.
  if (request.headers.authorization) return null;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site === 'same-origin' || site === 'none' ? null : `a ${site} request cannot act with this session (cross-site request refused)`;
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    const own = `${request.protocol}://${request.headers.host ?? ''}`;
    if (origin === own || allowedOrigins.includes(origin)) return null;
    // The scheme seen by the server may differ behind a TLS proxy: the host must still match.
    try {
      if (new URL(origin).host === request.headers.host) return null;
    } catch {
      // "null" or garbage: not this server
    }
    return `requests from ${origin} cannot act with this session (cross-site request refused)`;
  }
  return null;
}

/** A password or a token: what guessing would try (a missing or expired cookie is not a guess). */
function presentsCredentials(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined || (request.method === 'POST' && request.url.startsWith('/api/v1/auth/login'));
}

interface FailureWindow {
  count: number;
  since: number;
}

export function installSecurity(app: FastifyInstance, options: SecurityOptions = {}): void {
  const maxFailures = options.maxAuthFailures ?? 30;
  const windowMs = options.authFailureWindowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, FailureWindow>();

  const failureCount = (ip: string): number => {
    const w = failures.get(ip);
    if (!w) return 0;
    if (now() - w.since >= windowMs) {
      failures.delete(ip);
      return 0;
    }
    return w.count;
  };

  app.addHook('onRequest', async (request) => {
    if (!isApi(request)) return;
    const refusal = csrfRefusal(request, options.allowedOrigins);
    if (refusal) throw new DomainError('forbidden', refusal);
    // An address that keeps presenting bad credentials waits before it may present more.
    if (presentsCredentials(request) && failureCount(request.ip) >= maxFailures) {
      throw new DomainError('rate_limited', 'too many refused sign-ins or tokens from this address; wait a minute and try again');
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401 || !isApi(request) || !presentsCredentials(request)) return;
    const current = failureCount(request.ip);
    if (current === 0) {
      if (failures.size >= 100_000) failures.delete(failures.keys().next().value as string);
      failures.set(request.ip, { count: 1, since: now() });
    } else {
      failures.get(request.ip)!.count = current + 1;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (isApi(request) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
