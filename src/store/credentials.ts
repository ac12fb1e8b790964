/** Sessions (cookies) and API tokens. Only hashes of the secrets are stored. */
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { ApiTokensTable } from './schema.ts';
import { toUser } from './users.ts';
import type { User } from '../core/users.ts';

export interface SessionRecord {
  tokenHash: string;
  user: User;
  expiresAt: Date;
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; expiresAt: Date; sourceIp: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
      source_ip: session.sourceIp,
      user_agent: session.userAgent,
    })
    .execute();
}

/** A live session: not revoked, not expired, its user not disabled. */
export async function findLiveSession(db: Db, tokenHash: string): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.token_hash', 's.expires_at as session_expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return { tokenHash: row.token_hash, user: toUser(row), expiresAt: row.session_expires_at };
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeUserSessions(db: Db, userId: number): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revoked: boolean;
  lastUsedAt: Date | null;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revoked: row.revoked_at !== null,
    lastUsedAt: row.last_used_at,
  };
}

export async function insertApiToken(
  db: Db,
  token: { userId: number; name: string; tokenHash: string; prefix: string; scopes: string[]; expiresAt: Date | null },
): Promise<ApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      scopes: token.scopes,
      expires_at: token.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiToken(row);
}

export async function findLiveApiToken(db: Db, tokenHash: string): Promise<{ user: User; scopes: string[]; tokenId: number } | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('u')
    .select(['t.id as token_id', 't.scopes'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { user: toUser(row), scopes: row.scopes, tokenId: row.token_id } : null;
}

export async function touchApiToken(db: Db, tokenId: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

export async function revokeApiToken(db: Db, tokenId: number, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(toApiToken);
}
