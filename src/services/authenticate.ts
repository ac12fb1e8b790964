/**
 * Resolves the session cookie or the API token of a request to an actor. Every request needs this,
 * so answers are kept for a few seconds in memory: the hot path does not pay a query for it. A
 * sign-out in this process takes effect at once; in other processes within the cache's lifetime.
 */
import type { Actor, Capability } from '../core/users.ts';
import { can } from '../core/users.ts';
import { findLiveApiToken, findLiveSession, touchApiToken } from '../store/credentials.ts';
import type { Db } from '../store/database.ts';
import { secretHash } from './secrets.ts';

interface CacheEntry {
  actor: Actor | null;
  until: number;
}

export interface Authenticator {
  fromSession(token: string): Promise<Actor | null>;
  fromApiToken(token: string): Promise<Actor | null>;
  /** Drops what is cached for this secret (sign-out, revocation). */
  forget(token: string): void;
  /** Drops everything cached (a user's role or status changed). */
  forgetAll(): void;
}

export function createAuthenticator(db: Db, options: { ttlMs?: number; maxEntries?: number } = {}): Authenticator {
  const ttl = options.ttlMs ?? 5_000;
  const max = options.maxEntries ?? 10_000;
  const cache = new Map<string, CacheEntry>();
  const lastTouched = new Map<number, number>();

  async function cached(hash: string, load: () => Promise<Actor | null>): Promise<Actor | null> {
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.actor;
    const actor = await load();
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(hash, { actor, until: now + ttl });
    return actor;
  }

  return {
    fromSession(token) {
      const hash = secretHash(token);
      return cached(hash, async () => {
        const session = await findLiveSession(db, hash);
        return session ? { user: session.user, via: 'session', scopes: null } : null;
      });
    },
    fromApiToken(token) {
      const hash = secretHash(token);
      return cached(hash, async () => {
        const found = await findLiveApiToken(db, hash);
        if (!found) return null;
        // last_used_at is for people auditing tokens; minute precision is plenty.
        const now = Date.now();
        if ((lastTouched.get(found.tokenId) ?? 0) < now - 60_000) {
          lastTouched.set(found.tokenId, now);
          await touchApiToken(db, found.tokenId);
        }
        return { user: found.user, via: 'token', scopes: found.scopes };
      });
    },
    forget(token) {
      cache.delete(secretHash(token));
    },
    forgetAll() {
      cache.clear();
    },
  };
}

/** What the actor may do: their role's capabilities, narrowed by the token's scopes if any. */
export function actorCan(actor: Actor, capability: Capability): boolean {
  if (!can(actor.user, capability)) return false;
  return actor.scopes === null || actor.scopes.length === 0 || actor.scopes.includes(capability);
}
