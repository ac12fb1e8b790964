import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.ts';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { acknowledgeGuidelines, changeOnboarding, onboardingStatus, qualificationItems, takeQualification } from '../../services/onboarding.ts';
import { projectForActor, projectForManager } from '../../services/project-access.ts';
import { findItem } from '../../store/items.ts';
import { knownAnswers, setKnownAnswer } from '../../store/onboarding.ts';
import { validateAnnotationResult } from '../../core/label-schema.ts';
import { AnnotationResultSchema, ErrorBody, Id, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { itemDto } from '../dto.ts';
import { OnboardingSettingsBody, OnboardingStatusDto, QualificationDto, QualificationResultDto } from '../quality-schemas.ts';

export async function onboardingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.store;

  r.get(
    '/api/v1/projects/:id/onboarding',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'What I must do before taking this project’s tasks',
        params: IdParams,
        response: { 200: OnboardingStatusDto },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return onboardingStatus(db, actor, await projectForActor(db, actor, request.params.id));
    },
  );

  r.put(
    '/api/v1/projects/:id/onboarding',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Require acknowledging new guidelines, and a qualification (items with known answers and a pass mark)',
        params: IdParams,
        body: OnboardingSettingsBody,
        response: { 204: z.undefined(), 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      await ctx.store.transaction((tx) => changeOnboarding(tx, { ...actor, sourceIp: request.ip }, project, request.body));
      ctx.work.forgetWorkforce();
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/projects/:id/guidelines/acknowledgements',
    { schema: { tags: ['onboarding'], summary: 'Acknowledge the guidelines in force', params: IdParams, body: z.strictObject({ version: z.number().int().positive() }), response: { 204: z.undefined(), 409: ErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await acknowledgeGuidelines(db, actor, await projectForActor(db, actor, request.params.id), request.body.version);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/qualification',
    { schema: { tags: ['onboarding'], summary: 'The qualification’s items (without their answers) and pass mark', params: IdParams, response: { 200: QualificationDto, 404: ErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const q = await qualificationItems(db, await projectForActor(db, actor, request.params.id));
      return { passMark: q.passMark, items: q.items.map(itemDto) };
    },
  );

  r.post(
    '/api/v1/projects/:id/qualification/attempts',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Answer the qualification; it is scored against the known answers',
        params: IdParams,
        body: z.strictObject({ answers: z.array(z.object({ itemId: Id, result: AnnotationResultSchema })).max(200) }),
        response: { 201: QualificationResultDto, 404: ErrorBody },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForActor(db, actor, request.params.id);
      const schema = await ctx.work.schema(db, project.id, project.schemaVersion);
      const result = await ctx.store.transaction((tx) => takeQualification(tx, actor, project, schema, request.body.answers as { itemId: number; result: AnnotationResult }[]));
      return reply.status(201).send(result);
    },
  );

  r.put(
    '/api/v1/projects/:id/known-answers/:itemId',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Set the known answer of an item (qualification and gold)',
        params: z.object({ id: Id, itemId: Id }),
        body: z.strictObject({ result: AnnotationResultSchema }),
        response: { 204: z.undefined(), 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const item = await findItem(db, request.params.itemId);
      if (!item || item.projectId !== project.id) throw notFound('item', request.params.itemId);
      const schema = await ctx.work.schema(db, project.id, project.schemaVersion);
      const result = validateAnnotationResult(request.body.result as AnnotationResult, schema, item);
      await setKnownAnswer(db, project.id, item.id, result, 'manual', actor.user.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/known-answers/:itemId',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'The known answer of an item (managers)',
        params: z.object({ id: Id, itemId: Id }),
        response: { 200: z.object({ itemId: z.number(), result: AnnotationResultSchema }), 404: ErrorBody },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      const answer = (await knownAnswers(db, project.id, [request.params.itemId])).get(request.params.itemId);
      if (!answer) throw notFound('known answer of item', request.params.itemId);
      return { itemId: request.params.itemId, result: answer };
    },
  );
}
