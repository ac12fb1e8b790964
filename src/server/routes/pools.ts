import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { NewPool } from '../../store/pools.ts';
import { listMembers, memberOutput, membershipsOf, poolQueue } from '../../store/pools.ts';
import { addPoolMember, changePool, createPool, pausePoolMember, poolForManager, poolForViewer, poolsForActor, removePoolMember } from '../../services/manage-pools.ts';
import { ErrorBody, Id, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { MemberDto, MemberRoleSchema, PoolDto, PoolInput, PoolPatch, poolDto } from '../workforce-schemas.ts';

const MemberParams = z.object({ id: Id, userId: Id });

export async function poolRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.store;
  const changed = () => ctx.work.forgetWorkforce();

  r.get('/api/v1/pools', { schema: { tags: ['pools'], summary: 'Pools: all of them for managers, my own otherwise', response: { 200: z.object({ pools: z.array(PoolDto) }) } } }, async (request) => ({
    pools: (await poolsForActor(db, actorOf(request))).map(poolDto),
  }));

  r.post(
    '/api/v1/pools',
    { schema: { tags: ['pools'], summary: 'Create a pool (a workforce: in-house, vendor or crowd)', body: PoolInput, response: { 201: PoolDto, 403: ErrorBody, 409: ErrorBody } } },
    async (request, reply) => {
      const pool = await ctx.store.transaction((tx) => createPool(tx, actorOf(request), request.body as NewPool, request.ip));
      changed();
      return reply.status(201).send(poolDto(pool));
    },
  );

  r.get('/api/v1/pools/:id', { schema: { tags: ['pools'], summary: 'One pool (its members and managers, or staff)', params: IdParams, response: { 200: PoolDto, 404: ErrorBody } } }, async (request) =>
    poolDto(await poolForViewer(db, actorOf(request), request.params.id)),
  );

  r.patch(
    '/api/v1/pools/:id',
    { schema: { tags: ['pools'], summary: 'Change a pool’s settings and limits', params: IdParams, body: PoolPatch, response: { 200: PoolDto, 404: ErrorBody } } },
    async (request) => {
      const pool = await ctx.store.transaction((tx) => changePool(tx, actorOf(request), request.params.id, request.body as Partial<NewPool>, request.ip));
      changed();
      return poolDto(pool);
    },
  );

  r.get(
    '/api/v1/pools/:id/members',
    { schema: { tags: ['pools'], summary: 'Members of a pool', params: IdParams, response: { 200: z.object({ members: z.array(MemberDto) }), 404: ErrorBody } } },
    async (request) => {
      const pool = await poolForViewer(db, actorOf(request), request.params.id);
      const members = await listMembers(db, pool.id);
      return { members: members.map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, paused: m.paused, pausedReason: m.pausedReason, since: m.since.toISOString() })) };
    },
  );

  r.post(
    '/api/v1/pools/:id/members',
    {
      schema: {
        tags: ['pools'],
        summary: 'Add a member (or change their role); with name and password a new user is created',
        params: IdParams,
        body: z.strictObject({ email: z.string().min(3).max(254), role: MemberRoleSchema, name: z.string().max(200).optional(), password: z.string().max(1000).optional() }),
        response: { 201: z.object({ poolId: z.number(), userId: z.number(), role: MemberRoleSchema }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const m = await ctx.store.transaction((tx) => addPoolMember(tx, actorOf(request), request.params.id, request.body, request.ip));
      changed();
      return reply.status(201).send({ poolId: m.poolId, userId: m.userId, role: m.role });
    },
  );

  r.delete('/api/v1/pools/:id/members/:userId', { schema: { tags: ['pools'], summary: 'Remove a member', params: MemberParams, response: { 204: z.undefined(), 404: ErrorBody } } }, async (request, reply) => {
    await ctx.store.transaction((tx) => removePoolMember(tx, actorOf(request), request.params.id, request.params.userId, request.ip));
    changed();
    return reply.status(204).send();
  });

  r.post(
    '/api/v1/pools/:id/members/:userId/pause',
    { schema: { tags: ['pools'], summary: 'Pause a member: they take no work until resumed', params: MemberParams, body: z.strictObject({ reason: z.string().min(1).max(500) }), response: { 204: z.undefined(), 404: ErrorBody } } },
    async (request, reply) => {
      await ctx.store.transaction((tx) => pausePoolMember(tx, actorOf(request), request.params.id, request.params.userId, request.body.reason, request.ip));
      changed();
      return reply.status(204).send();
    },
  );

  r.post('/api/v1/pools/:id/members/:userId/resume', { schema: { tags: ['pools'], summary: 'Resume a paused member', params: MemberParams, response: { 204: z.undefined(), 404: ErrorBody } } }, async (request, reply) => {
    await ctx.store.transaction((tx) => pausePoolMember(tx, actorOf(request), request.params.id, request.params.userId, null, request.ip));
    changed();
    return reply.status(204).send();
  });

  r.get(
    '/api/v1/pools/:id/queue',
    {
      schema: {
        tags: ['pools'],
        summary: 'What the pool has in hand per project, and what was made in it in the last 7 days, by whoever made it, members past and present (the pool manager’s view)',
        params: IdParams,
        response: {
          200: z.object({
            projects: z.array(z.object({ projectId: z.number(), projectName: z.string(), queued: z.number(), leased: z.number(), done: z.number(), expertQueued: z.number() })),
            members: z
              .array(z.object({ userId: z.number(), name: z.string(), annotations: z.number(), activeHours: z.number() }))
              .describe('Who made something in the pool in the last 7 days: members past and present'),
          }),
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const pool = await poolForViewer(db, actor, request.params.id).then((p) => (actor.user.role === 'admin' || actor.user.role === 'manager' ? p : poolForManager(db, actor, p.id)));
      const output = await memberOutput(db, pool.id, 7);
      return { projects: await poolQueue(db, pool.id), members: output.map((o) => ({ userId: o.userId, name: o.name ?? `user ${o.userId}`, annotations: o.annotations, activeHours: Number((o.activeMs / 3_600_000).toFixed(2)) })) };
    },
  );

  r.get(
    '/api/v1/me/memberships',
    {
      schema: {
        tags: ['me'],
        summary: 'My pools and my role in each',
        response: { 200: z.object({ memberships: z.array(z.object({ pool: PoolDto, role: MemberRoleSchema, paused: z.boolean(), pausedReason: z.string().nullable() })) }) },
      },
    },
    async (request) => ({
      memberships: (await membershipsOf(db, actorOf(request).user.id)).map((m) => ({ pool: poolDto(m.pool), role: m.membership.role, paused: m.membership.paused, pausedReason: m.membership.pausedReason })),
    }),
  );
}
