/**
 * A project's cost, speed and quality figures: grouped metrics, velocity with the completion
 * forecast, and the whole report as JSON, Markdown or HTML. Project managers see every pool; a
 * pool's managers see their pools only (services/analytics/scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import type { Dimension } from '../../services/analytics/grouped-metrics.ts';
import { projectAnalytics, projectReport, type ReportOptions } from '../../services/analytics/project-report.ts';
import { renderReport } from '../../services/analytics/report-document.ts';
import { parseExchange, parseInstant } from '../../services/analytics/report-options.ts';
import { analyticsAccess } from '../../services/analytics/scope.ts';
import { projectVelocity } from '../../services/analytics/velocity.ts';
import { AnalyticsDto, VelocityDto } from '../analytics-schemas.ts';
import { ErrorBody, IdParams } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

const Instant = z.string().max(40).optional();
const WindowQuery = z.object({
  from: Instant.describe('work from this day (YYYY-MM-DD, UTC) or instant (ISO 8601)'),
  to: Instant.describe('work before this day or instant (default: now)'),
  currency: z.string().max(3).optional().describe('sum every amount in this currency'),
  rates: z.string().max(500).optional().describe('exchange rates into `currency`, e.g. USD=0.92,GBP=1.17'),
});

function reportOptions(query: z.infer<typeof WindowQuery>, scope: number[] | null): ReportOptions {
  const exchange = parseExchange(query.currency, query.rates);
  return {
    ...(query.from !== undefined && { from: parseInstant(query.from, 'from') }),
    ...(query.to !== undefined && { to: parseInstant(query.to, 'to') }),
    ...(exchange && { exchange }),
    scope,
  };
}

function parseGroupBy(value: string): Dimension[] {
  if (value === '' || value === 'none') return [];
  const dims = value.split(',').map((d) => d.trim());
  const allowed: Dimension[] = ['pool', 'annotator', 'day'];
  for (const d of dims) if (!allowed.includes(d as Dimension)) throw new DomainError('invalid_input', `groupBy: "${d}" is not one of pool, annotator, day`, { issues: [{ path: 'groupBy', message: 'pool, annotator, day or none' }] });
  return allowed.filter((d) => dims.includes(d));
}

export async function analyticsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.get(
    '/api/v1/projects/:id/analytics',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Cost, throughput, turnaround, quality and SLA figures of a project, in total and grouped',
        description:
          '`groupBy`: a comma list of pool, annotator, day (e.g. `pool,day` for each pool over time), or `none` for the totals only. Repeat it for several groupings at once (`groupBy=pool&groupBy=pool,day`): they come in `groupings`, from one pass over the project’s work, faster than asking for each apart; `groupBy` and `rows` are the first of them. Costs are the true cost per accepted label (rework, review, gold, overlap, training and idle months included) in each pool’s currency, or in `currency` with `rates`. A pool manager sees their pools only.',
        params: IdParams,
        querystring: WindowQuery.extend({ groupBy: z.union([z.string().max(40), z.array(z.string().max(40)).min(1).max(5)]).default('pool') }),
        response: { 200: AnalyticsDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { project, scope } = await analyticsAccess(db, actorOf(request), request.params.id);
      const groupBy = request.query.groupBy;
      return projectAnalytics(db, project, (typeof groupBy === 'string' ? [groupBy] : groupBy).map(parseGroupBy), reportOptions(request.query, scope));
    },
  );

  r.get(
    '/api/v1/projects/:id/velocity',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Items accepted per week and the forecast of the completion date, with an interval',
        params: IdParams,
        querystring: z.object({
          from: Instant,
          lookbackWeeks: z.coerce.number().int().min(1).max(52).default(6),
          confidence: z.coerce.number().min(0.5).max(0.99).default(0.8),
        }),
        response: { 200: VelocityDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { project, scope } = await analyticsAccess(db, actorOf(request), request.params.id);
      const { from, lookbackWeeks, confidence } = request.query;
      return projectVelocity(db, project.id, { from: from === undefined ? null : parseInstant(from, 'from'), now: new Date(), scope, lookbackWeeks, confidence });
    },
  );

  r.get(
    '/api/v1/projects/:id/report',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The whole report: JSON figures (totals, per pool, annotator, day, pool and day; velocity), Markdown, or a self-contained HTML page with charts',
        params: IdParams,
        querystring: WindowQuery.extend({ format: z.enum(['json', 'md', 'html']).default('json') }),
        response: { 200: z.string().describe('the report as JSON (ProjectReport), text/markdown or text/html'), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { project, scope } = await analyticsAccess(db, actorOf(request), request.params.id);
      const report = await projectReport(db, project, reportOptions(request.query, scope));
      const format = request.query.format;
      const type = format === 'json' ? 'application/json; charset=utf-8' : format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8';
      if (format !== 'json') reply.header('content-disposition', `attachment; filename="project-${project.id}-report.${format}"`);
      return reply.type(type).send(renderReport(report, format));
    },
  );
}
