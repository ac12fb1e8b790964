/**
 * Sessions as their owner sees them: listed by a public id, revoked one by one or all at once,
 * and removed once long dead (they hold an address and a browser name: personal data).
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export interface SessionView {
  id: number;
  createdAt: Date;
  expiresAt: Date;
  sourceIp: string | null;
  userAgent: string | null;
  /** The session this request was made with. */
  current: boolean;
}

/** The user's live sessions (not revoked, not expired), newest first. */
export async function listLiveSessions(db: Db, userId: number, currentTokenHash: string | null): Promise<SessionView[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'expires_at', 'source_ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    current: r.token_hash === currentTokenHash,
  }));
}

/** Revokes one of the user's sessions; false when it is not theirs or already ended. */
export async function revokeSessionById(db: Db, userId: number, sessionId: number): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the session of this secret's hash; returns whose it was (null: unknown or already revoked). */
export async function revokeSessionReturningUser(db: Db, tokenHash: string): Promise<{ id: number; email: string } | null> {
  const row = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .from('users')
    .whereRef('users.id', '=', 'sessions.user_id')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .returning(['users.id', 'users.email'])
    .executeTakeFirst();
  return row ?? null;
}

/** Sessions that ended (expired or revoked) before `before`. */
const endedBefore = (before: Date) => (eb: ExpressionBuilder<Database, 'sessions'>) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]);

/** How many sessions deleteDeadSessions would delete (a dry run of the retention sweep). */
export async function countDeadSessions(db: Db, before: Date): Promise<number> {
  const row = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where(endedBefore(before)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes sessions that ended (expired or revoked) before `before`. */
export async function deleteDeadSessions(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where(endedBefore(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
