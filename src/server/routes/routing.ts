import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { PRESET_DESCRIPTIONS, type PresetName, presetPolicy, type RoutingPolicy } from '../../core/routing/policy.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { itemAccessFor } from '../../services/item-access.ts';
import { projectForActor, projectForManager } from '../../services/project-access.ts';
import { dryRunPolicy } from '../../services/routing/dry-run-policy.ts';
import { escalateItem } from '../../services/routing/escalate-item.ts';
import { explainRoute } from '../../services/routing/explain-route.ts';
import { setRoutingPolicy } from '../../services/routing/set-routing-policy.ts';
import { skipHeldTask } from '../../services/task-actions.ts';
import { updateItemAttributes } from '../../store/items.ts';
import { currentPolicy, listPolicyVersions, rerouteUnclaimedTasks, itemPosition } from '../../store/routing.ts';
import { loadTaskPlanner } from '../../services/routing/task-planner.ts';
import { ErrorBody, IdParams, ItemDto, SensitivitySchema } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { itemDto } from '../dto.ts';
import { RoutingPolicySchema } from '../../core/routing/policy-schema.ts';

const PresetSchema = z.enum(['vendors_bulk_experts_hard', 'confidential_in_house', 'vendors_label_in_house_reviews', 'in_house_first_vendors_scale']);
const PolicyBody = z.union([
  z.strictObject({ policy: RoutingPolicySchema, note: z.string().max(1000).optional() }),
  z.strictObject({
    preset: PresetSchema,
    pools: z.strictObject({ inHouse: z.array(z.string()).default([]), experts: z.array(z.string()).default([]), vendors: z.array(z.string()).default([]), crowd: z.array(z.string()).default([]) }),
    options: z.strictObject({ confidenceBelow: z.number().min(0).max(1).optional(), pilotItems: z.number().int().positive().optional(), reviewSample: z.number().min(0).max(1).optional() }).default({}),
    note: z.string().max(1000).optional(),
  }),
]);

function policyFrom(body: z.infer<typeof PolicyBody>): RoutingPolicy {
  return 'policy' in body ? (body.policy as RoutingPolicy) : presetPolicy(body.preset as PresetName, body.pools, body.options);
}

const RerouteDto = z.object({ version: z.number(), items: z.number(), tasksUpdated: z.number(), tasksAdded: z.number(), tasksCancelled: z.number() });

export async function routingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.store;

  r.get(
    '/api/v1/routing/presets',
    { schema: { tags: ['routing'], summary: 'The ready-made hybrid policies', response: { 200: z.object({ presets: z.array(z.object({ name: PresetSchema, description: z.string() })) }) } } },
    async () => ({ presets: Object.entries(PRESET_DESCRIPTIONS).map(([name, description]) => ({ name: name as PresetName, description })) }),
  );

  r.get(
    '/api/v1/projects/:id/routing',
    {
      schema: {
        tags: ['routing'],
        summary: 'The routing policy in force and its earlier versions',
        params: IdParams,
        response: { 200: z.object({ current: z.object({ version: z.number(), policy: RoutingPolicySchema, note: z.string(), createdAt: z.string() }).nullable(), versions: z.array(z.object({ version: z.number(), note: z.string(), createdAt: z.string() })) }) },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      const current = await currentPolicy(db, project.id);
      const versions = await listPolicyVersions(db, project.id);
      return {
        current: current ? { version: current.version, policy: current.policy, note: current.note, createdAt: current.createdAt.toISOString() } : null,
        versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString() })),
      };
    },
  );

  r.put(
    '/api/v1/projects/:id/routing',
    {
      schema: {
        tags: ['routing'],
        summary: 'Record a new policy version (a full policy, or a preset with its pools) and re-route the work nobody has claimed yet',
        params: IdParams,
        body: PolicyBody,
        response: { 200: RerouteDto, 422: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const summary = await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor, project, policy: policyFrom(request.body), note: request.body.note, sourceIp: request.ip }));
      ctx.work.forgetWorkforce();
      return summary;
    },
  );

  r.post(
    '/api/v1/projects/:id/routing/dry-run',
    {
      schema: {
        tags: ['routing'],
        summary: 'What a policy would do to the current items, per pool and per rule, without applying it',
        params: IdParams,
        body: PolicyBody,
        response: {
          200: z.object({
            items: z.number(),
            unrouted: z.number(),
            byPool: z.array(z.object({ pool: z.string(), items: z.number(), taskSlots: z.number(), expertSlots: z.number() })),
            byRule: z.array(z.object({ rule: z.string(), items: z.number() })),
          }),
          422: ErrorBody,
        },
      },
    },
    async (request) => dryRunPolicy(db, await projectForManager(db, actorOf(request), request.params.id), policyFrom(request.body)),
  );

  r.get(
    '/api/v1/items/:id/route',
    { schema: { tags: ['routing'], summary: 'Which rule sends the item where, and why (managers)', params: IdParams, response: { 200: z.unknown(), 404: ErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const { item } = await itemAccessFor(db, actor, request.params.id, ctx.work);
      return explainRoute(db, await projectForManager(db, actor, item.projectId), item.id);
    },
  );

  r.patch(
    '/api/v1/items/:id',
    {
      schema: {
        tags: ['items'],
        summary: 'Change an item’s routing attributes (managers); its unclaimed work is routed again',
        params: IdParams,
        body: z.strictObject({
          sensitivity: SensitivitySchema.optional(),
          region: z.string().min(1).max(50).nullable().optional(),
          language: z.string().min(2).max(35).nullable().optional(),
          tags: z.array(z.string().min(1).max(100)).max(100).optional(),
          edgeCase: z.boolean().optional(),
          modelConfidence: z.number().min(0).max(1).nullable().optional(),
        }),
        response: { 200: ItemDto, 404: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { item } = await itemAccessFor(db, actor, request.params.id, ctx.work);
      const project = await projectForManager(db, actor, item.projectId);
      const updated = await ctx.store.transaction(async (tx) => {
        const changed = (await updateItemAttributes(tx, item.id, request.body))!;
        // Nothing named, nothing changed: its work is not routed again.
        if (Object.keys(request.body).length === 0) return changed;
        const planner = await loadTaskPlanner(tx, project);
        const position = await itemPosition(tx, project.id, item.id);
        const slots = planner.slots({ ...changed, confidence: changed.modelConfidence, position }, position);
        await rerouteUnclaimedTasks(tx, project.id, [item.id], [slots]);
        return changed;
      });
      return itemDto(updated);
    },
  );

  r.post(
    '/api/v1/tasks/:id/flag',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Flag the item of a task I hold as an edge case: I skip it and it goes up a tier (to experts)',
        params: IdParams,
        body: z.strictObject({ reason: z.string().max(1000).nullable().optional() }).nullish(),
        response: { 200: z.object({ escalated: z.boolean(), toPool: z.string().nullable() }), 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const result = await ctx.store.transaction(async (tx) => {
        const task = await skipHeldTask(tx, actor, request.params.id, `edge case${request.body?.reason ? `: ${request.body.reason}` : ''}`);
        const project = await projectForActor(tx, actor, task.projectId);
        return escalateItem(tx, { actor, project, itemId: task.itemId, reason: 'edge_case', note: request.body?.reason ?? null, sourceIp: request.ip });
      });
      ctx.work.forgetClaim(request.params.id);
      // Not escalated: the experts decided the item already (the skip stands).
      return { escalated: result !== null, toPool: result?.toPool ?? null };
    },
  );

  r.post(
    '/api/v1/items/:id/escalate',
    {
      schema: {
        tags: ['routing'],
        summary: 'Send an item up a tier (managers and reviewers), e.g. after a failed review',
        params: IdParams,
        body: z.strictObject({ reason: z.enum(['edge_case', 'low_agreement', 'gold_failed', 'review_rejected']), note: z.string().max(1000).optional() }),
        response: { 200: z.object({ taskId: z.number(), toPool: z.string().nullable(), rule: z.string().nullable() }), 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'review', 'escalating needs the reviewer role');
      const { item } = await itemAccessFor(db, actor, request.params.id, ctx.work);
      const project = await projectForActor(db, actor, item.projectId);
      const result = await ctx.store.transaction((tx) => escalateItem(tx, { actor, project, itemId: item.id, reason: request.body.reason, note: request.body.note, sourceIp: request.ip }));
      if (!result) throw new DomainError('conflict', 'the experts have decided this item already; their label stands');
      return { taskId: result.taskId, toPool: result.toPool, rule: result.rule };
    },
  );
}


