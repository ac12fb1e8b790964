import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSignOut } from '../../services/audit/record.ts';
import { secretHash } from '../../services/secrets.ts';
import { requireSignedIn } from '../../services/authenticate.ts';
import { signIn, signOut } from '../../services/sign-in.ts';
import { revokeUserSessions } from '../../store/credentials.ts';
import { listLiveSessions, revokeSessionById } from '../../store/privacy-sessions.ts';
import { notFound } from '../../core/errors.ts';
import { ErrorBody, IdParams, UserDto } from '../api-schemas.ts';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { userDto } from '../dto.ts';

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(1000) }),
        response: { 200: z.object({ user: UserDto, expiresAt: z.string() }), 401: ErrorBody, 429: ErrorBody },
      },
      config: { rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const signed = await signIn(ctx.store.db, {
        email: request.body.email,
        password: request.body.password,
        sessionHours: ctx.config.sessionHours,
        sourceIp: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, request, ctx, signed.token, signed.expiresAt);
      return { user: userDto(signed.user), expiresAt: signed.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: the session is revoked', response: { 204: z.undefined() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await signOut(ctx.store.db, token, request.ip);
        ctx.auth.forget(token);
      }
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/auth/logout-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: every session of mine is revoked, this one included (signed in: not with a token)',
        response: { 200: z.object({ revoked: z.number() }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSignedIn(actor, 'sign out everywhere');
      const revoked = await ctx.store.transaction(async (tx) => {
        const count = await revokeUserSessions(tx, actor.user.id);
        await auditSignOut(tx, actor.user, { sessions: count, everywhere: true }, request.ip);
        return count;
      });
      ctx.auth.forgetAll();
      clearSessionCookie(reply);
      return { revoked };
    },
  );

  const SessionDto = z.object({
    id: z.number(),
    createdAt: z.string(),
    expiresAt: z.string(),
    sourceIp: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  });

  r.get(
    '/api/v1/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'My signed-in sessions (browsers), newest first (signed in: not with a token)',
        response: { 200: z.object({ sessions: z.array(SessionDto) }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireSignedIn(actor, 'list sessions');
      const cookie = request.cookies[SESSION_COOKIE];
      const sessions = await listLiveSessions(ctx.store.db, actor.user.id, cookie ? secretHash(cookie) : null);
      return { sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })) };
    },
  );

  r.delete(
    '/api/v1/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my sessions (sign out that browser; signed in: not with a token)',
        params: IdParams,
        response: { 204: z.undefined(), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSignedIn(actor, 'revoke sessions');
      const revoked = await ctx.store.transaction(async (tx) => {
        if (!(await revokeSessionById(tx, actor.user.id, request.params.id))) return false;
        await auditSignOut(tx, actor.user, { sessions: 1 }, request.ip);
        return true;
      });
      if (!revoked) throw notFound('session', request.params.id);
      ctx.auth.forgetAll();
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: z.object({ user: UserDto }), 401: ErrorBody } } },
    async (request) => ({ user: userDto(actorOf(request).user) }),
  );
}
