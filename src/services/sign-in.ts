import { DomainError } from '../core/errors.ts';
import type { User } from '../core/users.ts';
import { insertSession, revokeSession } from '../store/credentials.ts';
import type { Db } from '../store/database.ts';
import { findCredentials } from '../store/users.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { newSecret, secretHash } from './secrets.ts';

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
  if (!found || !found.passwordHash || !ok) throw new DomainError('unauthenticated', 'wrong email or password');
  if (found.user.disabled) throw new DomainError('forbidden', 'this account is disabled');
  const token = newSecret();
  const expiresAt = new Date(Date.now() + input.sessionHours * 3_600_000);
  await insertSession(db, {
    tokenHash: secretHash(token),
    userId: found.user.id,
    expiresAt,
    sourceIp: input.sourceIp,
    userAgent: input.userAgent,
  });
  return { user: found.user, token, expiresAt };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await revokeSession(db, secretHash(token));
}
