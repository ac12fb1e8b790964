/**
 * Handing out work. A claim is a single statement: an index walk from the front of each queue
 * section the claimer may take from, with FOR UPDATE SKIP LOCKED, so that concurrent annotators never
 * wait on one another and no task is ever held by two of them; the hard limits are checked in it.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Item } from '../core/items.ts';
import type { Task, TaskStage } from '../core/tasks.ts';
import type { Db } from './database.ts';
import { toItem } from './items.ts';
import type { ItemRow, TaskRow } from './schema.ts';
import { toTask } from './tasks.ts';

/** A section of the queue the claimer may take from, and the pool limits that hold there. */
export interface ClaimContext {
  /** null: unrouted work. */
  poolId: number | null;
  memberRole: 'expert' | null;
  /** null: no limit (in-house staff). */
  limits: { clearance: string; regions: readonly string[]; languages: readonly string[] } | null;
}

export interface ClaimQuery {
  projectId: number;
  userId: number;
  stage: TaskStage;
  leaseSeconds: number;
  /** Tasks the caller already holds and wants another one besides (prefetching the next task). */
  holding: number[];
  /** Where the claimer may take work from; empty means nowhere (only a held lease is resumed). */
  contexts: ClaimContext[];
  /** The project's versions in force, returned with the task (from the caller's cache). */
  versions?: { schema: number; guidelines: number | null };
  /**
   * Recording the read of a text item's content in the same statement (the audit trail's outbox):
   * who, from where, and the pools that see the text redacted.
   */
  readAudit?: { actorEmail: string; sourceIp: string | null; redactedPoolIds: number[] } | null;
}

const SENSITIVITY_ORDER = sql`ARRAY['public', 'internal', 'confidential', 'restricted']::text[]`;

/** The hard limits of a queue section on its item `i`: clearance, regions, languages. */
function limitsOf(c: ClaimContext) {
  if (c.limits === null) return sql``;
  const { clearance, regions, languages } = c.limits;
  return sql`
        AND array_position(${SENSITIVITY_ORDER}, i.sensitivity) <= array_position(${SENSITIVITY_ORDER}, ${clearance}::text)
        AND (i.region IS NULL OR i.region = ANY(${[...regions]}::text[]) OR '*' = ANY(${[...regions]}::text[]))
        AND (i.language IS NULL OR i.language = ANY(${[...languages]}::text[]) OR '*' = ANY(${[...languages]}::text[]))`;
}

/** Who a queue section is read for: one claimer (their first task), or a batch of claimers. */
export type SectionReader = { userId: number } | { userIds: number[]; limit: number };

/**
 * The first queued task of one queue section that the claimer may take: by priority then age, of an
 * item they have not worked on or skipped (nor, for an adjudication, labelled: notLabelledBy), and
 * — the hard limits — of an item whose sensitivity, region and language the section's pool may
 * see. Checked here, in the query that hands out work, whatever the routing said. Read for a batch,
 * it is the first `limit` tasks any of them may take; who worked on which item is then sorted out
 * by the caller.
 */
export function queueSection(q: Pick<ClaimQuery, 'projectId' | 'stage'>, c: ClaimContext, reader: SectionReader) {
  // Matches the queue index's expressions (see migration 0008): 0 is "unrouted", '' is "any member".
  const pool = sql`coalesce(t.pool_id, 0) = ${c.poolId ?? 0}`;
  const role = sql`coalesce(t.member_role, '') = ${c.memberRole ?? ''}`;
  const limits = limitsOf(c);
  const fallback = isInHouseFallback(c);
  const from =
    c.limits === null
      ? sql`tasks t`
      : fallback
        ? sql`(${fallbackWindow(q)}) AS w JOIN items i ON i.id = w.item_id JOIN tasks t ON t.id = w.id`
        : sql`tasks t JOIN items i ON i.id = t.item_id`;
  // In the window the project and stage are already fixed; naming them on t again would let the
  // planner walk the whole queue index for t instead of looking up the window's tasks, and its
  // order is kept so that the first task the member may take ends the walk.
  const section = fallback ? sql`` : sql`AND t.project_id = ${q.projectId} AND t.stage = ${q.stage}`;
  const order = fallback ? sql`w.priority DESC, w.id` : sql`t.priority DESC, t.id`;
  if ('userIds' in reader) {
    return sql`(
      SELECT t.id, t.item_id, t.priority, t.reserved_for FROM ${from}
      WHERE true ${section} AND ${pool} AND ${role} AND t.status = 'queued'
        AND (t.reserved_for IS NULL OR t.reserved_for = ANY(${reader.userIds}::bigint[]))
        ${limits}
      ORDER BY ${order}
      LIMIT ${reader.limit}
      FOR UPDATE OF t SKIP LOCKED)`;
  }
  return sql`(
      SELECT t.id, t.priority FROM ${from}
      WHERE NOT EXISTS (SELECT 1 FROM mine)
        ${section} AND ${pool} AND ${role} AND t.status = 'queued'
        AND (t.reserved_for IS NULL OR t.reserved_for = ${reader.userId})
        -- OFFSET 0 keeps these as per-candidate index probes: flattened into anti-joins, the
        -- planner may scan everything the user ever did instead, which grows with their work.
        AND NOT EXISTS (
          SELECT 1 FROM tasks o
          WHERE o.project_id = t.project_id AND o.item_id = t.item_id AND o.stage = t.stage
            AND o.assignee_id = ${reader.userId} AND o.id <> t.id
          OFFSET 0)
        AND NOT EXISTS (
          SELECT 1 FROM task_skips s
          WHERE s.project_id = t.project_id AND s.item_id = t.item_id AND s.stage = t.stage AND s.user_id = ${reader.userId}
          OFFSET 0)
        ${notLabelledBy(q.stage, reader.userId)}
        ${limits}
      ORDER BY ${order}
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED)`;
}

/**
 * An adjudication is never handed to someone who labelled its item: their answer is among those it
 * decides between, and the expert's word becomes the item's label and a known answer. (Reviews
 * refuse the same: nobody reviews their own annotation.) Labelled: they hold or did one of the
 * item's label tasks (a gold one too), or one of its annotations is theirs (work a rejection moved
 * on to another annotator's task, an imported label credited to them, a correction made in review).
 * Nothing for the other stages: the label claim's statement stays as it was. Both are probes of
 * an index on (project, item, …), OFFSET 0 as the other conditions of the claim.
 */
export function notLabelledBy(stage: TaskStage, userId: number) {
  if (stage !== 'adjudicate') return sql``;
  return sql`AND NOT EXISTS (
          SELECT 1 FROM tasks l
          WHERE l.project_id = t.project_id AND l.item_id = t.item_id AND l.stage = 'label' AND l.assignee_id = ${userId}
          OFFSET 0)
        AND NOT EXISTS (
          SELECT 1 FROM annotations la
          WHERE la.project_id = t.project_id AND la.item_id = t.item_id AND la.annotator_id = ${userId}
          OFFSET 0)`;
}

/** Of `userIds`, those who labelled the item `itemId` (notLabelledBy's rule), for a batch of adjudication claims; none at other stages. */
export function labellersAmong(stage: TaskStage, projectId: number, itemId: RawBuilder<unknown>, userIds: number[]) {
  if (stage !== 'adjudicate') return sql``;
  return sql`
                   UNION -- and whoever labelled the item (notLabelledBy)
                   SELECT l.assignee_id FROM tasks l
                   WHERE l.project_id = ${projectId} AND l.item_id = ${itemId} AND l.stage = 'label' AND l.assignee_id = ANY(${userIds}::bigint[])
                   UNION
                   SELECT la.annotator_id FROM annotations la
                   WHERE la.project_id = ${projectId} AND la.item_id = ${itemId} AND la.annotator_id = ANY(${userIds}::bigint[])`;
}

/**
 * Who labelled the item, by notLabelledBy's rule, read outside a claim: where an adjudication may
 * go (escalation) and whose answer to one may not stand (the workflow engine). Their answers to its
 * adjudication are left out: they are what is asked about.
 */
export async function itemLabellers(db: Db, projectId: number, itemId: number): Promise<Set<number>> {
  const { rows } = await sql<{ user_id: number }>`
    SELECT l.assignee_id AS user_id FROM tasks l
    WHERE l.project_id = ${projectId} AND l.item_id = ${itemId} AND l.stage = 'label' AND l.assignee_id IS NOT NULL
    UNION
    SELECT la.annotator_id FROM annotations la LEFT JOIN tasks lt ON lt.id = la.task_id
    WHERE la.project_id = ${projectId} AND la.item_id = ${itemId} AND la.annotator_id IS NOT NULL AND lt.stage IS DISTINCT FROM 'adjudicate'`.execute(db);
  return new Set(rows.map((r) => Number(r.user_id)));
}

/** Unrouted work that an in-house pool member may take within their pool's limits. */
export function isInHouseFallback(c: ClaimContext): boolean {
  return c.poolId === null && c.limits !== null;
}

/**
 * How far into the unrouted queue an in-house pool member looks for work their pool may see. Work
 * no rule could route stays unrouted, and what the pool may not see would otherwise lie at the front
 * of the queue for good, walked past by every claim: a cost that grew with the project (a scan of
 * 4,500 tasks per claim on 200,000 items). Staff, who have no limits, take the unrouted queue from
 * its front, so the window moves on as they work.
 */
export const FALLBACK_WINDOW = 256;

function fallbackWindow(q: Pick<ClaimQuery, 'projectId' | 'stage'>) {
  return sql`SELECT id, item_id, priority FROM tasks
      WHERE project_id = ${q.projectId} AND stage = ${q.stage} AND coalesce(pool_id, 0) = 0 AND coalesce(member_role, '') = '' AND status = 'queued'
      ORDER BY priority DESC, id
      LIMIT ${FALLBACK_WINDOW}`;
}

/**
 * Gives the user a task: first a lease they already hold and did not list in `holding` (a reload
 * resumes where they were), else the best queued task over their queue sections. One statement;
 * returns the task with its item, or null when nothing is left for them.
 */
export async function claimTask(db: Db, q: ClaimQuery): Promise<ClaimedTask | null> {
  const sections = q.contexts.map((c) => queueSection(q, c, { userId: q.userId }));
  // Each section is its own CTE: PostgreSQL locks rows per SELECT, not across a UNION.
  const sectionCtes = sections.map((section, i) => sql`, ${sql.raw(`section_${i}`)} AS ${section}`);
  const from = (i: number) => sql`SELECT id, priority FROM ${sql.raw(`section_${i}`)}`;
  const ranked = q.contexts.flatMap((c, i) => (isInHouseFallback(c) ? [] : [i]));
  const fallbacks = q.contexts.flatMap((c, i) => (isInHouseFallback(c) ? [i] : []));
  // The best of the member's own sections by priority; unrouted work only when they hold none of it.
  // The parts of a UNION ALL run in turn and the LIMIT stops at the first row: a fallback section
  // that is not needed is never read.
  const parts = [
    ...(ranked.length === 0 ? [] : [sql`(SELECT id FROM (${sql.join(ranked.map(from), sql` UNION ALL `)}) AS s ORDER BY priority DESC, id LIMIT 1)`]),
    ...fallbacks.map((i) => sql`(SELECT id FROM ${sql.raw(`section_${i}`)})`),
  ];
  const fresh = parts.length === 0 ? sql`SELECT NULL::bigint AS id WHERE false` : sql`SELECT id FROM (${sql.join(parts, sql` UNION ALL `)}) AS f LIMIT 1`;
  const result = await sql<ClaimRow>`
    WITH mine AS (
      SELECT id FROM tasks
      WHERE assignee_id = ${q.userId} AND status = 'leased' AND project_id = ${q.projectId} AND stage = ${q.stage}
        AND id <> ALL(${q.holding}::bigint[])
      ORDER BY claimed_at, id
      LIMIT 1
    )${sql.join(sectionCtes, sql``)}, fresh AS (
      ${fresh}
    ), chosen AS (
      SELECT id FROM mine UNION ALL SELECT id FROM fresh LIMIT 1
    ), claimed AS (
      UPDATE tasks t
      SET status = 'leased',
          lease_expires_at = now() + make_interval(secs => ${q.leaseSeconds}),
          claimed_at = CASE WHEN t.status = 'leased' AND t.assignee_id = ${q.userId} THEN t.claimed_at ELSE now() END,
          assignee_id = ${q.userId}
      FROM chosen
      WHERE t.project_id = ${q.projectId} AND t.id = chosen.id
      RETURNING t.*
    )${readAuditCte(q)}
    ${claimedWithItem(q)}`.execute(db);
  const row = result.rows[0];
  return row ? toClaimedTask(row) : null;
}

/** The task the statement's `claimed` step took, with its item and the versions in force. */
export function claimedWithItem(q: Pick<ClaimQuery, 'versions'>) {
  return sql`SELECT c.*,
           i.external_id AS item_external_id, i.kind AS item_kind, i.text AS item_text, i.mime_type AS item_mime_type,
           i.width AS item_width, i.height AS item_height, i.metadata AS item_metadata, i.sensitivity AS item_sensitivity,
           i.region AS item_region, i.language AS item_language, i.tags AS item_tags, i.edge_case AS item_edge_case,
           i.model_confidence AS item_model_confidence, i.created_at AS item_created_at,
           ${versionsOf(q)}
    FROM claimed c JOIN items i ON i.project_id = c.project_id AND i.id = c.item_id`;
}

function versionsOf(q: Pick<ClaimQuery, 'versions'>) {
  return q.versions
    ? sql`${q.versions.schema}::int AS schema_version, ${q.versions.guidelines}::int AS guidelines_version`
    : sql`(SELECT max(version) FROM label_schema_versions v WHERE v.project_id = c.project_id) AS schema_version,
          (SELECT max(version) FROM guideline_versions g WHERE g.project_id = c.project_id) AS guidelines_version`;
}

/** The read of a text item handed out, recorded by the same statement: no extra round trip. */
function readAuditCte(q: ClaimQuery) {
  const a = q.readAudit;
  if (!a) return sql``;
  return sql`, read_audited AS (
      INSERT INTO audit_outbox (actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details)
      SELECT c.assignee_id, ${a.actorEmail}::text, c.pool_id,
             CASE WHEN coalesce(c.pool_id, 0) = ANY(${a.redactedPoolIds}::bigint[]) THEN 'item.redacted_read' ELSE 'item.read' END,
             'item', c.item_id::text, c.project_id, ${a.sourceIp}::text, '{"part": "item", "via": "claim"}'::jsonb
      FROM claimed c JOIN items ri ON ri.id = c.item_id
      WHERE ri.kind = 'text'
    )`;
}

export interface ClaimRow extends TaskRow {
  item_external_id: string | null;
  item_kind: 'image' | 'text';
  item_text: string | null;
  item_mime_type: string | null;
  item_width: number | null;
  item_height: number | null;
  item_metadata: Record<string, unknown>;
  item_sensitivity: string;
  item_region: string | null;
  item_language: string | null;
  item_tags: string[];
  item_edge_case: boolean;
  item_model_confidence: number | null;
  item_created_at: Date;
  schema_version: number | null;
  guidelines_version: number | null;
}

export interface ClaimedTask {
  task: Task;
  item: Item;
  schemaVersion: number;
  guidelinesVersion: number | null;
}

export function toClaimedTask(row: ClaimRow): ClaimedTask {
  const item: ItemRow = {
    project_id: row.project_id,
    id: row.item_id,
    external_id: row.item_external_id,
    kind: row.item_kind,
    content_uri: null,
    text: row.item_text,
    mime_type: row.item_mime_type,
    width: row.item_width,
    height: row.item_height,
    metadata: row.item_metadata,
    sensitivity: row.item_sensitivity,
    region: row.item_region,
    language: row.item_language,
    tags: row.item_tags,
    edge_case: row.item_edge_case,
    model_confidence: row.item_model_confidence,
    created_at: row.item_created_at,
  };
  return { task: toTask(row), item: toItem(item), schemaVersion: row.schema_version ?? 0, guidelinesVersion: row.guidelines_version };
}

/**
 * Hands the user a gold task: a task made now on an item with a known answer that they have not
 * had, looking like any other task. Nothing is handed out while they hold a lease they did not list
 * in `holding` (that one is resumed by the ordinary claim), and only within the context's limits.
 */
export async function claimGoldTask(db: Db, q: ClaimQuery & { excludeItemIds: number[] }): Promise<ClaimedTask | null> {
  const context = q.contexts[0];
  if (!context) return null;
  const limits = limitsOf(context);
  const result = await sql<ClaimRow>`
    WITH candidate AS (
      SELECT k.item_id FROM known_answers k JOIN items i ON i.id = k.item_id
      WHERE k.project_id = ${q.projectId} AND k.item_id <> ALL(${q.excludeItemIds}::bigint[])
        AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.project_id = k.project_id AND o.item_id = k.item_id AND o.stage = 'label' AND o.assignee_id = ${q.userId})
        AND NOT EXISTS (SELECT 1 FROM tasks h WHERE h.assignee_id = ${q.userId} AND h.status = 'leased' AND h.project_id = ${q.projectId}
                          AND h.id <> ALL(${q.holding}::bigint[]))
        ${limits}
      ORDER BY random()
      LIMIT 1
    ), claimed AS (
      INSERT INTO tasks (project_id, item_id, stage, slot, status, priority, pool_id, assignee_id, lease_expires_at, claimed_at, gold)
      SELECT ${q.projectId}, item_id, 'label', 0, 'leased', 0, ${context.poolId}::bigint, ${q.userId},
             now() + make_interval(secs => ${q.leaseSeconds}), now(), true
      FROM candidate
      RETURNING *
    )${readAuditCte(q)}
    ${claimedWithItem({ ...q, versions: undefined })}`.execute(db);
  const row = result.rows[0];
  return row ? toClaimedTask(row) : null;
}

/**
 * How many items the claimer could take a task of now at a stage (label work unless asked), up to
 * `cap`: the queued tasks of their queue sections within each section's limits, less items they
 * worked on or skipped at that stage, or labelled when it is adjudication (the claim's own rules;
 * an in-house member's unrouted work is counted within the window the claim looks at). Not the
 * project's queue: that would tell a crowd worker how much confidential work there is, and promise
 * work a claim would never hand out — an in-house expert would be counted an adjudication routed to
 * a vendor's experts, or one of an item they labelled. An item has up to `overlap` queued tasks:
 * each section is read that many tasks deep per item counted, so the count reaches its cap when it
 * should. With `held`, the tasks of the stage the claimer holds count too: their next claim
 * resumes them.
 */
export async function countClaimable(
  db: Db,
  q: Pick<ClaimQuery, 'projectId' | 'userId' | 'contexts'> & { stage?: TaskStage; overlap: number; held?: boolean },
  cap: number,
): Promise<number> {
  if (q.contexts.length === 0) return 0;
  const stage = { projectId: q.projectId, stage: q.stage ?? 'label' };
  const sections = q.contexts.map((c) => {
    const fallback = isInHouseFallback(c);
    const from = c.limits === null ? sql`tasks t` : fallback ? sql`(${fallbackWindow(stage)}) AS w JOIN items i ON i.id = w.item_id JOIN tasks t ON t.id = w.id` : sql`tasks t JOIN items i ON i.id = t.item_id`;
    return sql`(
      SELECT t.item_id FROM ${from}
      WHERE t.project_id = ${q.projectId} AND t.stage = ${stage.stage} AND t.status = 'queued'
        AND coalesce(t.pool_id, 0) = ${c.poolId ?? 0} AND coalesce(t.member_role, '') = ${c.memberRole ?? ''}
        AND (t.reserved_for IS NULL OR t.reserved_for = ${q.userId})
        AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.project_id = t.project_id AND o.item_id = t.item_id AND o.stage = t.stage AND o.assignee_id = ${q.userId} OFFSET 0)
        AND NOT EXISTS (SELECT 1 FROM task_skips s WHERE s.project_id = t.project_id AND s.item_id = t.item_id AND s.stage = t.stage AND s.user_id = ${q.userId} OFFSET 0)
        ${notLabelledBy(stage.stage, q.userId)}
        ${limitsOf(c)}
      LIMIT ${cap * Math.max(1, q.overlap)})`;
  });
  if (q.held) {
    sections.push(sql`(
      SELECT item_id FROM tasks
      WHERE assignee_id = ${q.userId} AND status = 'leased' AND project_id = ${q.projectId} AND stage = ${stage.stage}
      LIMIT ${cap})`);
  }
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT DISTINCT item_id FROM (${sql.join(sections, sql` UNION ALL `)}) AS s LIMIT ${cap}) AS d`.execute(db);
  return rows[0]?.n ?? 0;
}
