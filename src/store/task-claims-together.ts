/**
 * Claims of many annotators at once, in one statement: the front of their queue sections is read
 * and locked once for all of them, shared out in the order the claims arrived, and leased. The
 * outcome is the one the claims would have had one after the other: a lease someone already holds
 * is theirs again; otherwise each takes the first task they may take that an earlier claimer did
 * not. Under load this replaces one walk of the queue per claim by one per batch.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { type ClaimContext, type ClaimedTask, type ClaimQuery, type ClaimRow, claimedWithItem, isInHouseFallback, queueSection, toClaimedTask } from './task-claims.ts';

/** What the claims of a batch share: the same queue sections of the same project and stage. */
export type SharedClaim = Pick<ClaimQuery, 'projectId' | 'stage' | 'leaseSeconds' | 'contexts' | 'versions'>;

/** One claimer of a batch. */
export interface BatchClaimer {
  userId: number;
  /** Tasks they hold and want another one besides. */
  holding: number[];
  readAudit: ClaimQuery['readAudit'];
}

export interface BatchClaimOutcome {
  claimed: Map<number, ClaimedTask>;
  /**
   * Claimers the batch could not decide: what it read of the queue served them nothing (or only
   * fallback work) while more may lie beyond it. They are to be claimed one by one.
   */
  undecided: number[];
}

interface BatchClaimRow extends ClaimRow {
  claimer: string;
  more: boolean;
}

/**
 * Claims for every claimer of the batch; `limit` is how many candidates are read (and locked) from
 * the front of each section, which should exceed the number of claimers: some of the front may be
 * work a claimer did already.
 */
export async function claimForMany(db: Db, shared: SharedClaim, claimers: BatchClaimer[], limit: number): Promise<BatchClaimOutcome> {
  const users = claimers.map((c) => c.userId);
  const holdingUsers = claimers.flatMap((c) => c.holding.map(() => c.userId));
  const holdingTasks = claimers.flatMap((c) => c.holding);
  const audit = claimers.map((c) => c.readAudit ?? null);
  const sections = shared.contexts.map((c: ClaimContext, i) => sql`, ${sql.raw(`section_${i}`)} AS ${queueSection(shared, c, { userIds: users, limit })}`);
  const front = shared.contexts.map(
    (c, i) => sql`SELECT ${i}::int AS section, ${isInHouseFallback(c)}::boolean AS fallback, id, item_id, priority, reserved_for FROM ${sql.raw(`section_${i}`)}`,
  );
  const result = await sql<BatchClaimRow>`
    WITH RECURSIVE claimers AS (
      SELECT * FROM unnest(${users}::bigint[], ${audit.map((a) => a?.actorEmail ?? null)}::text[], ${audit.map((a) => a?.sourceIp ?? null)}::text[],
                           ${audit.map((a) => `{${(a?.redactedPoolIds ?? []).join(',')}}`)}::text[])
        WITH ORDINALITY AS c(user_id, actor_email, source_ip, redacted_pools, o)
    ), held AS MATERIALIZED (
      -- the oldest lease each claimer holds and did not list as held on purpose (a reload resumes it)
      SELECT DISTINCT ON (t.assignee_id) t.assignee_id AS user_id, t.id FROM tasks t
      WHERE t.assignee_id = ANY(${users}::bigint[]) AND t.status = 'leased' AND t.project_id = ${shared.projectId} AND t.stage = ${shared.stage}
        AND NOT EXISTS (SELECT 1 FROM unnest(${holdingUsers}::bigint[], ${holdingTasks}::bigint[]) AS h(user_id, id)
                        WHERE h.user_id = t.assignee_id AND h.id = t.id)
      ORDER BY t.assignee_id, t.claimed_at, t.id
    )${sql.join(sections, sql``)}, read AS (
      ${front.length > 0 ? sql.join(front, sql` UNION ALL `) : sql`SELECT NULL::int AS section, NULL::boolean AS fallback, NULL::bigint AS id, NULL::bigint AS item_id, NULL::int AS priority, NULL::bigint AS reserved_for WHERE false`}
    ), front AS MATERIALIZED (
      -- in the order one claim looks: own sections by priority, then the fallback sections in turn
      SELECT r.*, row_number() OVER (ORDER BY r.fallback, CASE WHEN r.fallback THEN r.section END, r.priority DESC, r.id) AS rank,
             ARRAY(SELECT o.assignee_id FROM tasks o
                   WHERE o.project_id = ${shared.projectId} AND o.item_id = r.item_id AND o.stage = ${shared.stage}
                     AND o.assignee_id = ANY(${users}::bigint[]) AND o.id <> r.id
                   UNION
                   SELECT k.user_id FROM task_skips k
                   WHERE k.project_id = ${shared.projectId} AND k.item_id = r.item_id AND k.stage = ${shared.stage}
                     AND k.user_id = ANY(${users}::bigint[])) AS blocked
      FROM read r
    ), more AS (
      -- a section read to its limit may hold more beyond: whoever it did not serve is left undecided
      SELECT coalesce(bool_or(is_full AND NOT fallback), false) AS own, coalesce(bool_or(is_full), false) AS any
      FROM (SELECT fallback, count(*) >= ${limit} AS is_full FROM read GROUP BY section, fallback) s
    ), shared_out (o, user_id, task_id, taken) AS (
      SELECT 0::bigint, NULL::bigint, NULL::bigint, ARRAY[]::bigint[]
      UNION ALL
      SELECT c.o, c.user_id, coalesce(h.id, p.id), CASE WHEN h.id IS NULL AND p.id IS NOT NULL THEN s.taken || p.id ELSE s.taken END
      FROM shared_out s JOIN claimers c ON c.o = s.o + 1
      LEFT JOIN held h ON h.user_id = c.user_id
      LEFT JOIN LATERAL (
        SELECT f.id FROM front f
        WHERE h.id IS NULL AND f.id <> ALL(s.taken) AND c.user_id <> ALL(f.blocked)
          AND (f.reserved_for IS NULL OR f.reserved_for = c.user_id)
          AND NOT (f.fallback AND (SELECT own FROM more))
        ORDER BY f.rank
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
    FROM claimers g CROSS JOIN more m
    LEFT JOIN (${claimedWithItem(shared)}) x ON x.assignee_id = g.user_id`.execute(db);
  const claimed = new Map<number, ClaimedTask>();
  const undecided: number[] = [];
  for (const row of result.rows) {
    if (row.id !== null) claimed.set(Number(row.claimer), toClaimedTask(row));
    else if (row.more) undecided.push(Number(row.claimer));
  }
  return { claimed, undecided };
}
