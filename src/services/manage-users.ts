/** Creating users and API tokens (the CLI, the admin screens and the demo). */
import { DomainError } from '../core/errors.ts';
import { isEmail, type Role, ROLES, type User } from '../core/users.ts';
import { type ApiToken, insertApiToken } from '../store/credentials.ts';
import type { Db } from '../store/database.ts';
import { findCredentials, insertUser } from '../store/users.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { newSecret, secretHash } from './secrets.ts';

export interface AddUserInput {
  email: string;
  name?: string;
  role: Role;
  password: string;
}

export async function addUser(db: Db, input: AddUserInput): Promise<User> {
  const email = input.email.trim();
  if (!isEmail(email)) {
    throw new DomainError('validation_failed', `"${input.email}" is not an e-mail address`, { issues: [{ path: 'email', message: 'not an e-mail address' }] });
  }
  if (!ROLES.includes(input.role)) {
    throw new DomainError('validation_failed', `unknown role "${input.role}" (one of ${ROLES.join(', ')})`, { issues: [{ path: 'role', message: 'unknown role' }] });
  }
  checkPasswordStrength(input.password);
  if (await findCredentials(db, email)) throw new DomainError('conflict', `a user with the e-mail ${email} already exists`);
  return insertUser(db, {
    email,
    name: input.name?.trim() || email.split('@')[0]!,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
}

export const TOKEN_PREFIX = 'atl_';

export interface CreatedToken {
  /** Shown once; only its hash is kept. */
  secret: string;
  token: ApiToken;
}

export async function createApiToken(
  db: Db,
  input: { userId: number; name: string; scopes: string[]; expiresAt: Date | null },
): Promise<CreatedToken> {
  const secret = newSecret(TOKEN_PREFIX);
  const token = await insertApiToken(db, {
    userId: input.userId,
    name: input.name,
    tokenHash: secretHash(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    scopes: input.scopes,
    expiresAt: input.expiresAt,
  });
  return { secret, token };
}
