import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import type { QaPolicy } from '../../core/quality/qa-policy.ts';
import { actorCan } from '../../services/authenticate.ts';
import { itemAccessFor } from '../../services/item-access.ts';
import { membershipsFor, projectForActor, projectForManager } from '../../services/project-access.ts';
import { projectQuality } from '../../services/quality/project-quality.ts';
import { workScope } from '../../services/quality/work-scope.ts';
import { itemStateForReader } from '../../services/quality/item-state-for-reader.ts';
import { adjudicationQueueCount, adjudicationQueuePage } from '../../services/quality/queue-pages.ts';
import { myGold } from '../../services/quality/my-gold.ts';
import { stageCounts } from '../../store/stage-counts.ts';
import { changeQaPolicy } from '../../services/qa-policy.ts';
import { ErrorBody, IdParams } from '../api-schemas.ts';
import { AdjudicationQueueDto, ItemStateDto, MyGoldDto, QaPolicySchema, QualityDto, QueueCountDto, QueueCountQuery, StagesDto } from '../quality-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto } from '../dto.ts';

// NaN (an undefined kappa, say) is not JSON, and 0 would read as total disagreement: it goes out as null.
const definedOrNull = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));

export async function qualityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.store;
  /**
   * The project whose quality figures a reviewer or a manager asks for; a vendor's pool manager
   * too, who sees their own pools' figures only (work-scope.ts).
   */
  const figuresProject = async (actor: Actor, projectId: number) => {
    const managesPool = async () => (await membershipsFor(db, actor, ctx.work)).some((m) => m.role === 'manager');
    if (!actorCan(actor, 'review') && !(await managesPool())) throw forbidden('the quality figures are for reviewers, managers and pool managers');
    return projectForActor(db, actor, projectId);
  };

  r.get('/api/v1/projects/:id/qa-policy', { schema: { tags: ['quality'], summary: 'The QA policy in force', params: IdParams, response: { 200: QaPolicySchema } } }, async (request) => {
    const project = await projectForActor(db, actorOf(request), request.params.id);
    return project.qaPolicy;
  });

  r.put(
    '/api/v1/projects/:id/qa-policy',
    {
      schema: {
        tags: ['quality'],
        summary: 'Set the QA policy: review sampling per pool, adjudication triggers, rework, gold rate and the pause bar',
        params: IdParams,
        body: QaPolicySchema.partial().strict(),
        response: { 200: QaPolicySchema, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const policy = await ctx.store.transaction((tx) => changeQaPolicy(tx, { ...actor, sourceIp: request.ip }, project, request.body as Partial<QaPolicy>));
      ctx.work.forgetWorkforce();
      return policy;
    },
  );

  r.get(
    '/api/v1/projects/:id/quality',
    { schema: { tags: ['quality'], summary: 'Agreement, confusion matrices, gold accuracy and where the items stand (recent work)', params: IdParams, response: { 200: QualityDto, 403: ErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const project = await figuresProject(actor, request.params.id);
      return definedOrNull(await projectQuality(db, project, ctx.work, await workScope(db, actor, ctx.work)));
    },
  );

  r.get(
    '/api/v1/projects/:id/stages',
    {
      schema: {
        tags: ['quality'],
        summary: 'Where the items stand: settled items per stage and their mean agreement (one grouped count, for lists of projects); for a vendor’s reader, of the items their pools worked on',
        params: IdParams,
        response: { 200: StagesDto, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await figuresProject(actor, request.params.id);
      return stageCounts(db, project.id, { pools: (await workScope(db, actor, ctx.work))?.ids ?? null });
    },
  );

  r.get(
    '/api/v1/projects/:id/adjudication-queue',
    {
      schema: {
        tags: ['quality'],
        summary: 'Items with the experts, why, and everyone’s answers',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: AdjudicationQueueDto,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await projectForActor(db, actor, request.params.id);
      const page = await adjudicationQueuePage(db, { actor, projectId: project.id, limit: request.query.limit }, ctx.work);
      return {
        items: page.entries.map((e) => ({ item: itemDto(e.item), reason: e.reason, agreement: e.agreement, annotations: e.annotations.map(annotationDto), annotators: e.annotators })),
        cutShort: page.cutShort,
      };
    },
  );

  r.get(
    '/api/v1/projects/:id/adjudication-queue/count',
    {
      schema: {
        tags: ['quality'],
        summary: 'How many items with the experts I could take now (as a claim hands them out, none of them read)',
        params: IdParams,
        querystring: QueueCountQuery,
        response: { 200: QueueCountDto },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await projectForActor(db, actor, request.params.id);
      return adjudicationQueueCount(db, { actor, projectId: project.id, limit: request.query.limit }, ctx.work);
    },
  );

  r.get(
    '/api/v1/items/:id/state',
    {
      schema: {
        tags: ['quality'],
        summary: 'Where the item stands in the workflow and its consensus label (spans on the text my pool sees; the consensus and its figures only to those who may read every answer)',
        params: IdParams,
        response: {
          200: ItemStateDto,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const access = await itemAccessFor(db, actor, request.params.id, ctx.work);
      return itemStateForReader(db, actor, access, ctx.work);
    },
  );

  r.get(
    '/api/v1/me/gold',
    {
      schema: {
        tags: ['me'],
        summary: 'My accuracy on gold tasks, per project and week, of the answers given before today (UTC): which tasks were gold is not said, nor told by a count that moves after an answer',
        response: {
          200: MyGoldDto,
        },
      },
    },
    async (request) => ({ projects: await myGold(db, { actor: actorOf(request), now: new Date() }) }),
  );
}
