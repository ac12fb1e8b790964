/**
 * The audit trail over HTTP, for admins and auditors: search newest first with a cursor (the
 * audit screen), verify the chain, and download a period as JSON Lines.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEventDto } from '../data-schemas.ts';
import type { AuditEvent } from '../../core/audit/event.ts';
import { DomainError } from '../../core/errors.ts';
import { requireAuditReader } from '../../services/audit/audit-access.ts';
import { chainPendingEvents } from '../../services/audit/chain-events.ts';
import { exportTrail } from '../../services/audit/export-trail.ts';
import { recordAudit } from '../../services/audit/record.ts';
import { formatChainLink, verifyTrail } from '../../services/audit/verify-trail.ts';
import { type AuditSearch, searchAuditEvents } from '../../store/audit-search.ts';
import { ErrorBody, Id } from '../api-schemas.ts';
import { AuditVerificationDto } from '../privacy-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';


const text = (id: string | number | null | undefined): string | null => (id === null || id === undefined ? null : String(id));

function auditEventDto(e: AuditEvent): z.infer<typeof AuditEventDto> {
  return {
    seq: e.seq,
    at: e.at,
    actorId: text(e.actorId),
    actorEmail: e.actorEmail ?? null,
    poolId: text(e.poolId),
    action: e.action,
    subjectType: e.subjectType,
    subjectId: text(e.subjectId),
    projectId: text(e.projectId),
    sourceIp: e.sourceIp ?? null,
    details: e.details ?? null,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

const Instant = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v));

const SearchQuery = z.object({
  actor: z.string().max(254).optional().describe('a user id or an e-mail address'),
  action: z.string().max(100).optional().describe('an action (item.read) or a family ending with a dot (auth.)'),
  subject: z.string().max(200).optional().describe('a subject type (item) or type:id (item:42)'),
  project: Id.optional(),
  pool: Id.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().positive().optional().describe('nextCursor of the previous page'),
});

function toSearch(q: z.infer<typeof SearchQuery>): AuditSearch {
  const search: AuditSearch = { limit: q.limit };
  if (q.actor !== undefined) {
    if (/^\d+$/.test(q.actor)) search.actorId = Number(q.actor);
    else if (q.actor.includes('@')) search.actorEmail = q.actor;
    else throw new DomainError('invalid_input', 'actor must be a user id or an e-mail address', { issues: [{ path: 'actor', message: 'a user id or an e-mail address' }] });
  }
  if (q.action !== undefined) search.action = q.action;
  if (q.subject !== undefined) {
    const colon = q.subject.indexOf(':');
    search.subjectType = colon < 0 ? q.subject : q.subject.slice(0, colon);
    if (colon >= 0) search.subjectId = q.subject.slice(colon + 1);
  }
  if (q.project !== undefined) search.projectId = q.project;
  if (q.pool !== undefined) search.poolId = q.pool;
  if (q.from !== undefined) search.from = q.from;
  if (q.to !== undefined) search.to = q.to;
  if (q.cursor !== undefined) search.beforeSeq = q.cursor;
  return search;
}

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = ctx.store;

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail, newest first (admins and auditors)',
        querystring: SearchQuery,
        response: { 200: z.object({ events: z.array(AuditEventDto), nextCursor: z.number().nullable() }), 403: ErrorBody },
      },
    },
    async (request) => {
      requireAuditReader(actorOf(request));
      // What was recorded a moment ago is searchable now, not after the next timer turn.
      await chainPendingEvents(store, { wait: false });
      const search = toSearch(request.query);
      const events = await searchAuditEvents(store.db, search);
      return { events: events.map(auditEventDto), nextCursor: events.length === search.limit ? events.at(-1)!.seq : null };
    },
  );

  r.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain; names the first broken link (admins and auditors)',
        response: {
          200: AuditVerificationDto,
          403: ErrorBody,
        },
      },
      config: { rateLimit: { max: 6, timeWindow: '1 minute' } },
    },
    async (request) => {
      requireAuditReader(actorOf(request));
      const result = await verifyTrail(store);
      return result.ok
        ? { ok: true, events: result.count, checkpoints: result.checkpoints, head: result.head ? formatChainLink(result.head) : null, brokenAt: null }
        : { ok: false, events: result.count, checkpoints: result.checkpoints, head: null, brokenAt: { seq: result.brokenAt.seq, reason: result.brokenAt.reason, message: result.brokenAt.message } };
    },
  );

  r.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'Download the events of a period as JSON Lines, verifiable with "atelier audit verify --file" (admins and auditors)',
        querystring: z.object({ from: Instant.optional(), to: Instant.optional() }),
        response: { 403: ErrorBody },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const actor = requireAuditReader(actorOf(request));
      const { from, to } = request.query;
      await store.transaction((tx) =>
        recordAudit(tx, actor, { action: 'audit.export', subjectType: 'audit_trail', subjectId: null, details: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null } }),
      );
      const body = new PassThrough();
      exportTrail(store, { from: from ?? null, to: to ?? null }, async (line) => {
        if (!body.write(line)) await new Promise((resolve) => body.once('drain', resolve));
      }).then(
        () => body.end(),
        (error: unknown) => body.destroy(error as Error),
      );
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${(from ?? new Date(0)).toISOString().slice(0, 10)}.jsonl"`)
        .send(body as never);
    },
  );
}
