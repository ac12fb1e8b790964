import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn, signOut } from '../../services/sign-in.ts';
import { ErrorBody, UserDto } from '../api-schemas.ts';
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
        body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1000) }),
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
        await signOut(ctx.store.db, token);
        ctx.auth.forget(token);
      }
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: z.object({ user: UserDto }), 401: ErrorBody } } },
    async (request) => ({ user: userDto(actorOf(request).user) }),
  );
}
