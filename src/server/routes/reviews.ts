import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Review } from '../../core/reviews.ts';
import type { Actor } from '../../core/users.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { projectForActor, visibleProjects } from '../../services/project-access.ts';
import { reviewAnnotation } from '../../services/review-annotation.ts';
import { myQueues } from '../../services/my-queues.ts';
import { itemAsLabelled } from '../../services/privacy/pool-results.ts';
import { findItem } from '../../store/items.ts';
import { reviewQueueCount, reviewQueuePage } from '../../services/quality/queue-pages.ts';
import { listReviewsOfAnnotator } from '../../store/reviews.ts';
import { CutShort, QueueCountDto, QueueCountQuery } from '../quality-schemas.ts';
import { AnnotationDto, AnnotationResultSchema, ErrorBody, IdParams, ItemDto, ProjectDto } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { annotationDto, itemDto, projectDto } from '../dto.ts';

export const ReviewDto = z
  .object({
    id: z.number(),
    annotationId: z.number(),
    itemId: z.number(),
    projectId: z.number(),
    reviewerId: z.number().nullable(),
    reviewerName: z.string().nullable(),
    decision: z.enum(['accept', 'correct', 'reject']),
    comment: z.string().nullable(),
    correctedAnnotationId: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Review' });

export function reviewDto(r: Review): z.infer<typeof ReviewDto> {
  return {
    id: r.id,
    annotationId: r.annotationId,
    itemId: r.itemId,
    projectId: r.projectId,
    reviewerId: r.reviewerId,
    reviewerName: r.reviewerName,
    decision: r.decision,
    comment: r.comment,
    correctedAnnotationId: r.correctedAnnotationId,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function reviewRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  /** The project whose review queue a reviewer asks for. */
  const reviewQueueProject = async (actor: Actor, projectId: number) => {
    requireCapability(actor, 'review', 'the review queue is for reviewers');
    return projectForActor(db, actor, projectId);
  };

  r.get(
    '/api/v1/projects/:id/review-queue',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Items the workflow sent to review whose annotations wait for a reviewer, in the order they got there',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                item: ItemDto,
                annotations: z.array(AnnotationDto),
                annotators: z.array(z.object({ id: z.number(), name: z.string() })),
                decided: z.array(z.object({ annotationId: z.number(), decision: z.enum(['accept', 'correct', 'reject']) })).meta({ description: 'Annotations a reviewer decided already: shown beside the others, with nothing left to decide' }),
              }),
            ),
            cutShort: CutShort,
          }),
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await reviewQueueProject(actor, request.params.id);
      const page = await reviewQueuePage(db, { actor, projectId: project.id, limit: request.query.limit }, ctx.work);
      return { items: page.entries.map((e) => ({ item: itemDto(e.item), annotations: e.annotations.map(annotationDto), annotators: e.annotators, decided: e.decided })), cutShort: page.cutShort };
    },
  );

  r.get(
    '/api/v1/projects/:id/review-queue/count',
    {
      schema: {
        tags: ['reviews'],
        summary: 'How many items wait for me in the review queue (the same items as the queue, none of them read)',
        params: IdParams,
        querystring: QueueCountQuery,
        response: { 200: QueueCountDto, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const project = await reviewQueueProject(actor, request.params.id);
      return reviewQueueCount(db, { actor, projectId: project.id, limit: request.query.limit }, ctx.work);
    },
  );

  r.post(
    '/api/v1/annotations/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Accept, correct (with the corrected result) or reject (with a comment) an annotation',
        params: IdParams,
        body: z.strictObject({
          decision: z.enum(['accept', 'correct', 'reject']),
          comment: z.string().max(5000).nullable().optional(),
          result: AnnotationResultSchema.optional(),
        }),
        response: { 201: ReviewDto, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Checked here too, before the service's own check, so that a reviewer whose token lacks the
      // review scope is told it is the token, not the role.
      requireCapability(actor, 'review', 'reviewing needs the reviewer role');
      const review = await ctx.store.transaction((tx) =>
        reviewAnnotation(
          tx,
          {
            actor,
            annotationId: request.params.id,
            decision: request.body.decision,
            comment: request.body.comment ?? null,
            result: request.body.result as AnnotationResult | undefined,
          },
          ctx.work,
        ),
      );
      return reply.status(201).send(reviewDto(review));
    },
  );

  r.get(
    '/api/v1/me/feedback',
    {
      schema: {
        tags: ['me'],
        summary: 'Reviews of my annotations, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            feedback: z.array(
              z.object({
                review: ReviewDto,
                projectName: z.string(),
                item: z.object({ id: z.number(), projectId: z.number(), externalId: z.string().nullable(), kind: z.enum(['image', 'text']), thumbnailUrl: z.string().nullable() }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const reviews = await listReviewsOfAnnotator(db, actor.user.id, request.query.limit);
      const projects = new Map((await visibleProjects(db, actor)).map((p) => [p.id, p.name]));
      const feedback = [];
      for (const review of reviews) {
        const item = await findItem(db, review.itemId);
        if (!item || !projects.has(review.projectId)) continue;
        // As the annotator's pool sees it: an outside pool gets no external id by default.
        const dto = itemDto(await itemAsLabelled(db, item, review.annotationId));
        feedback.push({
          review: reviewDto(review),
          projectName: projects.get(review.projectId)!,
          item: { id: dto.id, projectId: dto.projectId, externalId: dto.externalId, kind: dto.kind, thumbnailUrl: dto.thumbnailUrl },
        });
      }
      return { feedback };
    },
  );

  r.get(
    '/api/v1/me/queues',
    {
      schema: {
        tags: ['me'],
        summary: 'The projects open to me, with what I could take now (counted up to 1,000), what I did and what I hold',
        response: { 200: z.object({ queues: z.array(z.object({ project: ProjectDto, queued: z.number(), queuedCapped: z.boolean(), myDone: z.number(), myLeased: z.number() })) }) },
      },
    },
    async (request) => {
      const queues = await myQueues(db, actorOf(request), ctx.work);
      return { queues: queues.map((q) => ({ ...q, project: projectDto(q.project) })) };
    },
  );
}
