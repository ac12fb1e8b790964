import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { claimNextTask } from '../../services/claim-next-task.ts';
import { shapeItemForPool } from '../../services/privacy/item-for-pool.ts';
import { metadataRuleOf, privacySettingsOf } from '../../services/privacy/project-privacy.ts';
import { redactsFor } from '../../services/privacy/privacy-settings.ts';
import { poolById, resultsForPool } from '../../services/privacy/pool-results.ts';
import { projectForActor } from '../../services/project-access.ts';
import { submitAnnotation } from '../../services/submit-annotation.ts';
import { releaseHeldTask, renewHeldTask, skipHeldTask } from '../../services/task-actions.ts';
import { sentBackAnswer } from '../../store/rework.ts';
import { AnnotationDto, ErrorBody, IdParams, NextTaskBody, NextTaskResponse, SubmitAnnotationBody, TaskDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto, taskDto } from '../dto.ts';

export async function taskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.post(
    '/api/v1/projects/:id/tasks/next',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Take my next task of the project (204 when nothing is left for me)',
        description:
          'Returns a lease I already hold first, unless its id is listed in `holding`; that is how a client fetches the next task while the current one is being worked on.',
        params: IdParams,
        body: NextTaskBody,
        response: { 200: NextTaskResponse, 204: z.undefined(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForActor(db, actor, request.params.id, ctx.work);
      // Which of my pools see this project's texts redacted: the claim records the read accordingly.
      const settings = await ctx.work.setting(`privacy:${project.id}`, () => privacySettingsOf(db, project.id));
      const memberships = await ctx.work.memberships(db, actor.user.id);
      const redactedPoolIds = memberships.filter((m) => redactsFor(settings, m.pool)).map((m) => m.pool.id);
      const claimed = await claimNextTask(
        db,
        { actor, project, holding: request.body?.holding ?? [], stage: request.body?.stage, readAudit: { actorEmail: actor.user.email, sourceIp: request.ip, redactedPoolIds } },
        ctx.work,
        ctx.claims,
      );
      if (!claimed) return reply.status(204).send();
      // The item as the task's pool may see it (redacted text, minimised metadata), and the read recorded.
      // Settings read on every claim are cached a moment, like the project itself.
      const poolId = claimed.task.poolId;
      const pool = poolId === null ? null : await ctx.work.setting(`pool:${poolId}`, () => poolById(db, poolId));
      const rule = pool ? await ctx.work.setting(`metadata:${project.id}:${pool.id}`, () => metadataRuleOf(db, project.id, pool.id)) : null;
      const shaped = shapeItemForPool(claimed.item, pool, settings, rule);
      // Work a reviewer sent back comes with their comment and the answer to start from, its spans
      // on the text the pool sees (as the item above): otherwise it looked like a fresh task.
      const sentBack = claimed.task.stage === 'label' ? await sentBackAnswer(db, claimed.task.id, actor.user.id) : null;
      return {
        task: taskDto(claimed.task),
        item: itemDto(shaped.item),
        schemaVersion: claimed.schemaVersion,
        guidelinesVersion: claimed.guidelinesVersion,
        sentBack: sentBack && {
          annotationId: sentBack.annotationId,
          result: resultsForPool([sentBack], shaped.poolText)[0]!.result,
          comment: sentBack.comment,
          reviewerName: sentBack.reviewerName,
          reviewedAt: sentBack.reviewedAt.toISOString(),
        },
      };
    },
  );

  r.post(
    '/api/v1/tasks/:id/annotations',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Submit the annotation of a task I hold (or correct my latest one with `supersedes`)',
        params: IdParams,
        body: SubmitAnnotationBody,
        response: { 201: AnnotationDto, 200: AnnotationDto, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { shown, replayed } = await submitAnnotation(
        db,
        {
          actor: actorOf(request),
          taskId: request.params.id,
          result: request.body.result as AnnotationResult,
          schemaVersion: request.body.schemaVersion,
          timeSpentMs: request.body.timeSpentMs ?? null,
          clientToken: request.body.clientToken ?? null,
          supersedes: request.body.supersedes ?? null,
        },
        ctx.work,
        ctx.submissions,
      );
      return reply.status(replayed ? 200 : 201).send(annotationDto(shown));
    },
  );

  r.post(
    '/api/v1/tasks/:id/release',
    { schema: { tags: ['tasks'], summary: 'Give a task back to the queue', params: IdParams, response: { 200: TaskDto, 404: ErrorBody, 409: ErrorBody } } },
    async (request) => {
      const task = await releaseHeldTask(db, actorOf(request), request.params.id);
      ctx.work.forgetClaim(task.id);
      return taskDto(task);
    },
  );

  r.post(
    '/api/v1/tasks/:id/skip',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Skip a task: it goes back to the queue and its item is not offered to me again',
        params: IdParams,
        body: z.strictObject({ reason: z.string().max(1000).nullable().optional() }).nullish(),
        response: { 200: TaskDto, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const task = await ctx.store.transaction((tx) => skipHeldTask(tx, actorOf(request), request.params.id, request.body?.reason ?? null));
      ctx.work.forgetClaim(task.id);
      return taskDto(task);
    },
  );

  r.post(
    '/api/v1/tasks/:id/renew',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Extend the lease of a task I am still working on',
        params: IdParams,
        response: { 200: z.object({ leaseExpiresAt: z.string() }), 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => ({ leaseExpiresAt: (await renewHeldTask(db, actorOf(request), request.params.id)).toISOString() }),
  );
}
