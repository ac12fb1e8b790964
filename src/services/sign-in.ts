import { DomainError } from '../core/errors.ts';
import type { User } from '../core/users.ts';
import { insertSession } from '../store/credentials.ts';
import type { Db } from '../store/database.ts';
import { revokeSessionReturningUser } from '../store/privacy-sessions.ts';
import { findCredentials } from '../store/users.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { newSecret, secretHash } from './secrets.ts';
import { auditSignIn, auditSignInFailed, auditSignOut } from './audit/record.ts';

export interface SignInInput {
  email: string;
  password: string;
  sessionHours: number;
  sourceIp: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  user: User;
  /** The session secret, for the cookie; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** Checks the password and opens a session. The same answer for an unknown email and a wrong password. */
export async function signIn(db: Db, input: SignInInput): Promise<SignedIn> {
  const found = await findCredentials(db, input.email);
  const hash = found?.passwordHash ?? (await dummyPasswordHash());
  const ok = await verifyPassword(input.password, hash);
  // Refusals are recorded outside any transaction of the caller: they must outlive the error.
  if (!found || !found.passwordHash || !ok) {
    await auditSignInFailed(db, { user: found?.user ?? null, reason: 'wrong_credentials' }, input.sourceIp);
    throw new DomainError('unauthenticated', 'wrong email or password');
  }
  if (found.user.disabled) {
    await auditSignInFailed(db, { user: found.user, reason: 'disabled' }, input.sourceIp);
    throw new DomainError('forbidden', 'this account is disabled');
  }
  const token = newSecret();
  const expiresAt = new Date(Date.now() + input.sessionHours * 3_600_000);
  const open = async (tx: Db): Promise<void> => {
    await insertSession(tx, {
      tokenHash: secretHash(token),
      userId: found.user.id,
      expiresAt,
      sourceIp: input.sourceIp,
      userAgent: input.userAgent,
    });
    await auditSignIn(tx, found.user, input.sourceIp);
  };
  await (db.isTransaction ? open(db) : db.transaction().execute(open));
  return { user: found.user, token, expiresAt };
}

export async function signOut(db: Db, token: string, sourceIp: string | null = null): Promise<void> {
  const close = async (tx: Db): Promise<void> => {
    const revoked = await revokeSessionReturningUser(tx, secretHash(token));
    if (revoked) await auditSignOut(tx, revoked, { sessions: 1 }, sourceIp);
  };
  await (db.isTransaction ? close(db) : db.transaction().execute(close));
}
