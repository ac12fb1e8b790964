/**
 * Resolves the session cookie or the API token of a request to an actor. Every request needs this,
 * so answers are kept for a few seconds in memory: the hot path does not pay a query for it. A
 * sign-out in this process takes effect at once; in other processes within the cache's lifetime.
 */
import { type DomainError, forbidden } from '../core/errors.ts';
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
        return { user: found.user, via: 'token', scopes: found.scopes, tokenId: found.tokenId };
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

/** What a token's scopes leave out, said as such: its owner's role is not the thing to change. */
export function tokenScopesRefusal(scopes: readonly string[], needed: string): DomainError {
  return forbidden(`this token's scopes (${scopes.join(', ')}) do not include ${needed}; use a token that has it, or sign in`);
}

/**
 * The refusal for an actor who may not do what needs `capability`: `roleMessage` when their role
 * does not allow it, but when the role does and only the token's scopes leave it out, a message
 * that says so (the role's would send a reviewer whose review-only token may not annotate to ask
 * for a role they have).
 */
export function refusalFor(actor: Actor, capability: Capability, roleMessage: string): DomainError {
  const scoped = actor.scopes !== null && actor.scopes.length > 0;
  return scoped && can(actor.user, capability) ? tokenScopesRefusal(actor.scopes!, capability) : forbidden(roleMessage);
}

/** Refuses (403) unless the actor may do what needs `capability`; see refusalFor for the message. */
export function requireCapability(actor: Actor, capability: Capability, roleMessage: string): void {
  if (!actorCan(actor, capability)) throw refusalFor(actor, capability, roleMessage);
}

/**
 * Managing one's credentials — creating or listing tokens, revoking another token, listing or
 * revoking sessions, signing out everywhere — needs the person signed in, whatever the token's
 * scopes. A token handed to a program (or leaked with it) must not mint tokens that outlive its
 * own revocation, read where its owner signs in from, or lock its owner out by revoking their
 * sessions and other tokens; an unscoped token is no exception, since the rule is about who holds
 * the secret, not what it may do to the data. A token may still revoke itself (see the route).
 */
export function requireSignedIn(actor: Actor, what: string): void {
  if (actor.via === 'token') throw forbidden(`an API token cannot ${what}; sign in to do so`);
}
