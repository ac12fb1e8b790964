/** Random secrets (session cookies, API tokens) and the hashes under which they are stored. */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets are 256 random bits: a fast hash is enough, and it lets a lookup use an index. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
