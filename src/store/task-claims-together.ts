/**
 * Claims of many annotators at once, in one statement: the front of every queue section any of them
 * may take from is read and locked once for all of them, shared out in the order the claims arrived,
 * and leased. Claimers of one batch may take from different sections (members of different pools):
 * each is served only from their own. The outcome is the one the claims would have had one after the
 * other: a lease someone already holds is theirs again; otherwise each takes the first task they may
 * take that an earlier claimer did not. Under load this replaces one walk of the queue per claim by
 * one per batch and section.
 *
 * Unrouted work that in-house members fall back on (see `isInHouseFallback`) is not read here: a
 * single claim reads it only when the member's own sections are empty, and read for every batch it
 * cost more than the rest of the statement (a window of 256 tasks checked against the pool's
 * limits). A member the batch serves nothing is left undecided instead, and claimed alone.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { type ClaimContext, type ClaimedTask, type ClaimQuery, type ClaimRow, claimedWithItem, isInHouseFallback, labellersAmong, queueSection, toClaimedTask } from './task-claims.ts';

/** What the claims of a batch share: the same project, stage, lease and versions in force. */
export type SharedClaim = Pick<ClaimQuery, 'projectId' | 'stage' | 'leaseSeconds' | 'versions'>;

/** One claimer of a batch. */
export interface BatchClaimer {
  userId: number;
  /** Tasks they hold and want another one besides. */
  holding: number[];
  /** The queue sections they may take from, in the order one claim of theirs looks at them. */
  contexts: ClaimContext[];
  readAudit: ClaimQuery['readAudit'];
}

export interface BatchClaimOutcome {
  claimed: Map<number, ClaimedTask>;
  /**
   * Claimers the batch could not decide: what it read of their sections served them nothing while
   * more may lie beyond it, or in unrouted work they may fall back on. They are to be claimed one by
   * one.
   */
  undecided: number[];
}

interface BatchClaimRow extends ClaimRow {
  claimer: string;
  more: boolean;
}

interface Section {
  context: ClaimContext;
  userIds: number[];
  limit: number;
}

/**
 * The distinct sections of the batch, each read for the claimers who may take from it, and for each
 * claimer the positions of their sections. `limit` is how many candidates are read (and locked) per
 * claimer of a section; the front must outrun its claimers, since some of it may be work a claimer
 * did already.
 */
function sectionsOf(claimers: BatchClaimer[], perClaimer: (n: number) => number): { sections: Section[]; positions: number[][] } {
  const byKey = new Map<string, { index: number; context: ClaimContext; userIds: Set<number> }>();
  const positions = claimers.map((c) =>
    c.contexts.filter((context) => !isInHouseFallback(context)).map((context) => {
      const key = JSON.stringify(context);
      let section = byKey.get(key);
      if (!section) byKey.set(key, (section = { index: byKey.size, context, userIds: new Set() }));
      section.userIds.add(c.userId);
      return section.index;
    }),
  );
  const sections = [...byKey.values()].map(({ context, userIds }) => ({ context, userIds: [...userIds], limit: perClaimer(userIds.size) }));
  return { sections, positions };
}

/**
 * Claims for every claimer of the batch; `limit(n)` is how many candidates are read (and locked) from
 * the front of a section that `n` of them may take from, which should exceed `n`.
 */
export async function claimForMany(db: Db, shared: SharedClaim, claimers: BatchClaimer[], limit: (n: number) => number): Promise<BatchClaimOutcome> {
  const users = claimers.map((c) => c.userId);
  const holdingUsers = claimers.flatMap((c) => c.holding.map(() => c.userId));
  const holdingTasks = claimers.flatMap((c) => c.holding);
  const audit = claimers.map((c) => c.readAudit ?? null);
  const { sections, positions } = sectionsOf(claimers, limit);
  const sectionCtes = sections.map((s, i) => sql`, ${sql.raw(`section_${i}`)} AS ${queueSection(shared, s.context, { userIds: s.userIds, limit: s.limit })}`);
  const front = sections.map(
    (s, i) =>
      sql`SELECT ${i}::int AS section, ${s.limit}::int AS cap, id, item_id, priority, reserved_for FROM ${sql.raw(`section_${i}`)}`,
  );
  const result = await sql<BatchClaimRow>`
    WITH RECURSIVE claimers AS (
      SELECT * FROM unnest(${users}::bigint[], ${audit.map((a) => a?.actorEmail ?? null)}::text[], ${audit.map((a) => a?.sourceIp ?? null)}::text[],
                           ${audit.map((a) => `{${(a?.redactedPoolIds ?? []).join(',')}}`)}::text[], ${positions.map((p) => `{${p.join(',')}}`)}::text[])
        WITH ORDINALITY AS c(user_id, actor_email, source_ip, redacted_pools, sections, o)
    ), held AS MATERIALIZED (
      -- the oldest lease each claimer holds and did not list as held on purpose (a reload resumes it)
      SELECT DISTINCT ON (t.assignee_id) t.assignee_id AS user_id, t.id FROM tasks t
      WHERE t.assignee_id = ANY(${users}::bigint[]) AND t.status = 'leased' AND t.project_id = ${shared.projectId} AND t.stage = ${shared.stage}
        AND NOT EXISTS (SELECT 1 FROM unnest(${holdingUsers}::bigint[], ${holdingTasks}::bigint[]) AS h(user_id, id)
                        WHERE h.user_id = t.assignee_id AND h.id = t.id)
      ORDER BY t.assignee_id, t.claimed_at, t.id
    )${sql.join(sectionCtes, sql``)}, read AS (
      ${front.length > 0 ? sql.join(front, sql` UNION ALL `) : sql`SELECT NULL::int AS section, NULL::int AS cap, NULL::bigint AS id, NULL::bigint AS item_id, NULL::int AS priority, NULL::bigint AS reserved_for WHERE false`}
    ), front AS MATERIALIZED (
      SELECT r.*,
             ARRAY(SELECT o.assignee_id FROM tasks o
                   WHERE o.project_id = ${shared.projectId} AND o.item_id = r.item_id AND o.stage = ${shared.stage}
                     AND o.assignee_id = ANY(${users}::bigint[]) AND o.id <> r.id
                   UNION
                   SELECT k.user_id FROM task_skips k
                   WHERE k.project_id = ${shared.projectId} AND k.item_id = r.item_id AND k.stage = ${shared.stage}
                     AND k.user_id = ANY(${users}::bigint[])${labellersAmong(shared.stage, shared.projectId, sql`r.item_id`, users)}) AS blocked
      FROM read r
    ), full_sections AS (
      -- a section read to its limit may hold more beyond
      SELECT section FROM read GROUP BY section HAVING count(*) >= max(cap)
    ), more AS MATERIALIZED (
      -- per claimer: whether one of their sections is full; whoever the read did not serve while one
      -- is full is left undecided
      SELECT c.o, c.sections::int[] AS sections, count(s.section) > 0 AS any
      FROM claimers c LEFT JOIN full_sections s ON s.section = ANY(c.sections::int[])
      GROUP BY c.o, c.sections
    ), shared_out (o, user_id, task_id, taken) AS (
      SELECT 0::bigint, NULL::bigint, NULL::bigint, ARRAY[]::bigint[]
      UNION ALL
      SELECT c.o, c.user_id, coalesce(h.id, p.id), CASE WHEN h.id IS NULL AND p.id IS NOT NULL THEN s.taken || p.id ELSE s.taken END
      FROM shared_out s JOIN claimers c ON c.o = s.o + 1 JOIN more m ON m.o = c.o
      LEFT JOIN held h ON h.user_id = c.user_id
      LEFT JOIN LATERAL (
        -- in the order one claim of theirs looks: over their sections by priority
        SELECT f.id FROM front f
        WHERE h.id IS NULL AND f.section = ANY(m.sections) AND f.id <> ALL(s.taken) AND c.user_id <> ALL(f.blocked)
          AND (f.reserved_for IS NULL OR f.reserved_for = c.user_id)
        ORDER BY f.priority DESC, f.id
        LIMIT 1
      ) p ON true
    ), claimed AS (
      UPDATE tasks t
      SET status = 'leased',
          lease_expires_at = now() + make_interval(secs => ${shared.leaseSeconds}),
          claimed_at = CASE WHEN t.status = 'leased' AND t.assignee_id = s.user_id THEN t.claimed_at ELSE now() END,
          assignee_id = s.user_id
      FROM shared_out s
      WHERE t.project_id = ${shared.projectId} AND t.id = s.task_id
      RETURNING t.*
    ), read_audited AS (
      INSERT INTO audit_outbox (actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details)
      SELECT c.assignee_id, g.actor_email, c.pool_id,
             CASE WHEN coalesce(c.pool_id, 0) = ANY(g.redacted_pools::bigint[]) THEN 'item.redacted_read' ELSE 'item.read' END,
             'item', c.item_id::text, c.project_id, g.source_ip, '{"part": "item", "via": "claim"}'::jsonb
      FROM claimed c JOIN claimers g ON g.user_id = c.assignee_id JOIN items ri ON ri.id = c.item_id
      WHERE ri.kind = 'text' AND g.actor_email IS NOT NULL
    )
    SELECT g.user_id AS claimer, m.any AS more, x.*
    FROM claimers g JOIN more m ON m.o = g.o
    LEFT JOIN (${claimedWithItem(shared)}) x ON x.assignee_id = g.user_id`.execute(db);
  const fallsBack = new Set(claimers.filter((c) => c.contexts.some(isInHouseFallback)).map((c) => c.userId));
  const claimed = new Map<number, ClaimedTask>();
  const undecided: number[] = [];
  for (const row of result.rows) {
    if (row.id !== null) claimed.set(Number(row.claimer), toClaimedTask(row));
    else if (row.more || fallsBack.has(Number(row.claimer))) undecided.push(Number(row.claimer));
  }
  return { claimed, undecided };
}
