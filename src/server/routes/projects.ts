import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LabelSchema } from '../../core/label-schema.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { createProject, reviseGuidelines, reviseSchema } from '../../services/create-project.ts';
import { projectForActor, projectForManager, visibleProjects } from '../../services/project-access.ts';
import { findProject, findGuidelinesVersion, findSchemaVersion, listGuidelinesVersions, listSchemaVersions, projectProgress, updateProject } from '../../store/projects.ts';
import { listLeases } from '../../store/tasks.ts';
import { dailyAnnotationCounts } from '../../store/annotations.ts';
import { listUsers } from '../../store/users.ts';
import { listItems } from '../../store/items.ts';
import { ErrorBody, IdParams, ItemDto, ItemKindSchema, LabelSchemaSchema, ProgressDto, ProjectDto, SensitivitySchema } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { itemDto, projectDto } from '../dto.ts';

const SchemaVersionDto = z.object({ version: z.number(), schema: LabelSchemaSchema, note: z.string(), createdAt: z.string() });
const GuidelinesVersionDto = z.object({ version: z.number(), body: z.string(), note: z.string(), createdAt: z.string() });

export async function projectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get('/api/v1/projects', { schema: { tags: ['projects'], summary: 'Projects open to me', response: { 200: z.object({ projects: z.array(ProjectDto) }) } } }, async (request) => ({
    projects: (await visibleProjects(db, actorOf(request))).map(projectDto),
  }));

  r.post(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project with version 1 of its label schema and guidelines',
        body: z.strictObject({
          name: z.string().min(1).max(200),
          description: z.string().max(10_000).optional(),
          itemKind: ItemKindSchema,
          overlap: z.number().int().min(1).max(50).optional(),
          leaseSeconds: z.number().int().min(10).max(604_800).optional(),
          defaultSensitivity: SensitivitySchema.optional(),
          defaultRegion: z.string().min(1).max(50).nullable().optional(),
          schema: LabelSchemaSchema,
          guidelines: z.string().max(200_000).optional(),
        }),
        response: { 201: ProjectDto, 403: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireCapability(actor, 'manage_projects', 'creating a project needs the manager role');
      const project = await ctx.store.transaction((tx) =>
        createProject(tx, { ...request.body, schema: request.body.schema as LabelSchema, createdBy: actor.user.id }),
      );
      return reply.status(201).send(projectDto(project));
    },
  );

  r.get('/api/v1/projects/:id', { schema: { tags: ['projects'], summary: 'One project', params: IdParams, response: { 200: ProjectDto, 404: ErrorBody } } }, async (request) =>
    projectDto(await projectForActor(db, actorOf(request), request.params.id)),
  );

  r.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Change a project’s settings (overlap applies to items imported from now on)',
        params: IdParams,
        body: z.strictObject({
          name: z.string().min(1).max(200).optional(),
          description: z.string().max(10_000).optional(),
          overlap: z.number().int().min(1).max(50).optional(),
          leaseSeconds: z.number().int().min(10).max(604_800).optional(),
          archived: z.boolean().optional(),
        }),
        response: { 200: ProjectDto, 404: ErrorBody },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      await updateProject(db, project.id, request.body);
      return projectDto((await findProject(db, project.id))!);
    },
  );

  r.get(
    '/api/v1/projects/:id/schema-versions',
    { schema: { tags: ['projects'], summary: 'Every version of the label schema', params: IdParams, response: { 200: z.object({ versions: z.array(SchemaVersionDto) }) } } },
    async (request) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      const versions = await listSchemaVersions(db, project.id);
      return { versions: versions.map((v) => ({ version: v.version, schema: v.schema, note: v.note, createdAt: v.createdAt.toISOString() })) };
    },
  );

  r.get(
    '/api/v1/projects/:id/schema-versions/:version',
    {
      schema: {
        tags: ['projects'],
        summary: 'One version of the label schema',
        params: z.object({ id: IdParams.shape.id, version: IdParams.shape.id }),
        response: { 200: SchemaVersionDto, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      const v = await findSchemaVersion(db, project.id, request.params.version);
      if (!v) return reply.status(404).send({ error: { code: 'not_found', message: `schema version ${request.params.version} not found` } });
      return { version: v.version, schema: v.schema, note: v.note, createdAt: v.createdAt.toISOString() };
    },
  );

  r.post(
    '/api/v1/projects/:id/schema-versions',
    {
      schema: {
        tags: ['projects'],
        summary: 'Record a new version of the label schema (earlier versions stay)',
        params: IdParams,
        body: z.strictObject({ schema: LabelSchemaSchema, note: z.string().max(1000).default('') }),
        response: { 201: z.object({ version: z.number() }), 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const version = await ctx.store.transaction((tx) =>
        reviseSchema(tx, { project, schema: request.body.schema as LabelSchema, note: request.body.note, userId: actor.user.id }),
      );
      return reply.status(201).send({ version });
    },
  );

  r.get(
    '/api/v1/projects/:id/guidelines-versions',
    { schema: { tags: ['projects'], summary: 'Every version of the guidelines', params: IdParams, response: { 200: z.object({ versions: z.array(GuidelinesVersionDto) }) } } },
    async (request) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      const versions = await listGuidelinesVersions(db, project.id);
      return { versions: versions.map((v) => ({ version: v.version, body: v.body, note: v.note, createdAt: v.createdAt.toISOString() })) };
    },
  );

  r.get(
    '/api/v1/projects/:id/guidelines-versions/:version',
    {
      schema: {
        tags: ['projects'],
        summary: 'One version of the guidelines (Markdown)',
        params: z.object({ id: IdParams.shape.id, version: IdParams.shape.id }),
        response: { 200: GuidelinesVersionDto, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      const v = await findGuidelinesVersion(db, project.id, request.params.version);
      if (!v) return reply.status(404).send({ error: { code: 'not_found', message: `guidelines version ${request.params.version} not found` } });
      return { version: v.version, body: v.body, note: v.note, createdAt: v.createdAt.toISOString() };
    },
  );

  r.post(
    '/api/v1/projects/:id/guidelines-versions',
    {
      schema: {
        tags: ['projects'],
        summary: 'Record a new version of the guidelines (Markdown)',
        params: IdParams,
        body: z.strictObject({ body: z.string().max(200_000), note: z.string().max(1000).default('') }),
        response: { 201: z.object({ version: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectForManager(db, actor, request.params.id);
      const version = await ctx.store.transaction((tx) => reviseGuidelines(tx, { project, body: request.body.body, note: request.body.note, userId: actor.user.id }));
      return reply.status(201).send({ version });
    },
  );

  r.get(
    '/api/v1/projects/:id/progress',
    { schema: { tags: ['projects'], summary: 'Counts by status and who is working now', params: IdParams, response: { 200: ProgressDto } } },
    async (request) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      const [progress, leases, users] = [await projectProgress(db, project.id), await listLeases(db, project.id), await listUsers(db)];
      const names = new Map(users.map((u) => [u.id, u.name]));
      return {
        ...progress,
        activeAnnotators: leases.map((l) => ({ userId: l.userId, name: names.get(l.userId) ?? `user ${l.userId}`, tasks: l.tasks, since: l.since.toISOString() })),
      };
    },
  );

  r.get(
    '/api/v1/projects/:id/timeline',
    {
      schema: {
        tags: ['projects'],
        summary: 'Annotations and items annotated per day (UTC), for the progress chart',
        params: IdParams,
        querystring: z.object({ days: z.coerce.number().int().min(1).max(3650).default(90) }),
        response: { 200: z.object({ days: z.array(z.object({ day: z.string(), annotations: z.number(), items: z.number() })) }) },
      },
    },
    async (request) => {
      const project = await projectForActor(db, actorOf(request), request.params.id);
      return { days: await dailyAnnotationCounts(db, project.id, request.query.days) };
    },
  );

  r.get(
    '/api/v1/projects/:id/items',
    {
      schema: {
        tags: ['items'],
        summary: 'The project’s items in id order, a page at a time (managers)',
        params: IdParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(ItemDto), next: z.number().nullable() }) },
      },
    },
    async (request) => {
      const project = await projectForManager(db, actorOf(request), request.params.id);
      const items = await listItems(db, { projectId: project.id, limit: request.query.limit, afterId: request.query.after });
      return { items: items.map(itemDto), next: items.length === request.query.limit ? items.at(-1)!.id : null };
    },
  );
}
