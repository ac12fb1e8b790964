/**
 * Who is calling: a session cookie (the web app) or `Authorization: Bearer <token>` (programs).
 * Routes ask for the actor with `actorOf(request)`, which refuses anonymous calls.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';
import type { Actor } from '../core/users.ts';
import type { AppContext } from './context.ts';

export const SESSION_COOKIE = 'atelier_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
      const actor = await ctx.auth.fromApiToken(match[1]!);
      if (!actor) throw new DomainError('unauthenticated', 'this API token is unknown, expired or revoked');
      request.actor = { ...actor, sourceIp: request.ip };
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    const actor = session ? await ctx.auth.fromSession(session) : null;
    // The cached actor is shared by the user's requests; each request's copy carries its address.
    if (actor) request.actor = { ...actor, sourceIp: request.ip };
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'sign in first (or send an API token)');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, ctx: AppContext, token: string, expiresAt: Date): void {
  const secure = ctx.config.cookieSecure === 'auto' ? request.protocol === 'https' : ctx.config.cookieSecure;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
