import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../core/errors.ts';
import { type Actor, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../../core/users.ts';
import { requireCapability, requireSignedIn } from '../../services/authenticate.ts';
import { auditUserChange } from '../../services/audit/record.ts';
import { addUser, createApiToken } from '../../services/manage-users.ts';
import { checkPasswordStrength, hashPassword } from '../../services/passwords.ts';
import { revokeApiToken, revokeUserSessions } from '../../store/credentials.ts';
import { listApiTokens } from '../../store/credentials.ts';
import { listUsers, updateUser } from '../../store/users.ts';
import { ErrorBody, IdParams, RoleSchema, UserDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { userDto } from '../dto.ts';

function admin(actor: Actor): Actor {
  requireCapability(actor, 'manage_users', 'managing users needs the admin role');
  return actor;
}

const TokenDto = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get('/api/v1/users', { schema: { tags: ['users'], summary: 'Every user (managers and admins)', response: { 200: z.object({ users: z.array(UserDto) }), 403: ErrorBody } } }, async (request) => {
    const actor = actorOf(request);
    requireCapability(actor, 'manage_projects', 'listing users needs the manager role');
    return { users: (await listUsers(db)).map(userDto) };
  });

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user (admins)',
        body: z.strictObject({ email: z.string().max(254), name: z.string().max(200).optional(), role: RoleSchema, password: z.string().max(1000) }),
        response: { 201: UserDto, 403: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = admin(actorOf(request));
      const user = await ctx.store.transaction(async (tx) => {
        const created = await addUser(tx, request.body);
        await auditUserChange(tx, actor, created.id, { created: true, role: created.role });
        return created;
      });
      return reply.status(201).send(userDto(user));
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user’s name, role, password or status (admins); disabling signs them out',
        params: IdParams,
        body: z.strictObject({ name: z.string().min(1).max(200).optional(), role: RoleSchema.optional(), disabled: z.boolean().optional(), password: z.string().max(1000).optional() }),
        response: { 200: UserDto, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const actor = admin(actorOf(request));
      const { password, ...changes } = request.body;
      if (request.params.id === actor.user.id && (changes.disabled || (changes.role && changes.role !== 'admin'))) {
        throw forbidden('you cannot disable yourself or give up your own admin role');
      }
      if (password !== undefined) checkPasswordStrength(password);
      const user = await updateUser(db, request.params.id, { ...changes, ...(password !== undefined && { passwordHash: await hashPassword(password) }) });
      if (!user) throw notFound('user', request.params.id);
      if (changes.disabled || password !== undefined) await revokeUserSessions(db, user.id);
      const changed = [...Object.keys(changes), ...(password !== undefined ? ['password'] : [])];
      // An empty PATCH changes nothing: nothing to record, no signed-in user to forget.
      if (changed.length === 0) return userDto(user);
      await auditUserChange(db, actor, user.id, { changed });
      ctx.auth.forgetAll();
      return userDto(user);
    },
  );

  r.get('/api/v1/tokens', { schema: { tags: ['tokens'], summary: 'My API tokens (signed in: not with a token)', response: { 200: z.object({ tokens: z.array(TokenDto) }), 403: ErrorBody } } }, async (request) => {
    const actor = actorOf(request);
    requireSignedIn(actor, 'list tokens');
    const tokens = await listApiTokens(db, actor.user.id);
    return {
      tokens: tokens.map((t) => ({
        ...t,
        createdAt: t.createdAt.toISOString(),
        expiresAt: t.expiresAt?.toISOString() ?? null,
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      })),
    };
  });

  r.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for me (signed in: not with a token); the secret is shown once',
        body: z.strictObject({
          name: z.string().min(1).max(100),
          scopes: z.array(z.enum(TOKEN_SCOPES)).max(10).default([]),
          expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).nullable().optional(),
        }),
        response: { 201: z.object({ secret: z.string(), token: TokenDto }), 403: ErrorBody },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSignedIn(actor, 'create tokens');
      const days = request.body.expiresInDays;
      const created = await createApiToken(db, {
        userId: actor.user.id,
        name: request.body.name,
        scopes: request.body.scopes,
        expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      });
      const t = created.token;
      await auditUserChange(db, actor, actor.user.id, { tokenCreated: t.id, scopes: t.scopes });
      return reply.status(201).send({
        secret: created.secret,
        token: { ...t, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt?.toISOString() ?? null, lastUsedAt: null },
      });
    },
  );

  r.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['tokens'], summary: 'Revoke one of my API tokens (signed in; a token may revoke itself)', params: IdParams, response: { 204: z.undefined(), 403: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      // Ending itself is the one thing a token may do to credentials: whoever holds its secret can
      // only take away their own access (a program retiring its token, a leak noticed).
      if (actor.tokenId !== request.params.id) requireSignedIn(actor, 'revoke other tokens (it may revoke itself)');
      if (!(await revokeApiToken(db, request.params.id, actor.user.id))) throw notFound('token', request.params.id);
      await auditUserChange(db, actor, actor.user.id, { tokenRevoked: request.params.id });
      ctx.auth.forgetAll();
      return reply.status(204).send();
    },
  );
}
