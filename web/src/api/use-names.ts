/**
 * People's names by user id for the screens that show who answered: managers read the users list;
 * others know the members of their own pools (annotations carry ids only).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { isProjectManager } from '../app/roles.ts';
import { usersQuery } from './queries.ts';
import type { User } from './types.ts';
import { membersQuery, poolsQuery } from './workforce-queries.ts';

export function useNames(me: User): (userId: number | null) => string {
  const manager = isProjectManager(me.role);
  const users = useQuery({ ...usersQuery, enabled: manager });
  const pools = useQuery({ ...poolsQuery, enabled: !manager });
  const members = useQueries({ queries: (pools.data ?? []).map((p) => ({ ...membersQuery(p.id), retry: false })) });
  const names = new Map<number, string>();
  for (const u of users.data ?? []) names.set(u.id, u.name);
  for (const m of members) for (const member of m.data ?? []) names.set(member.userId, member.name);
  names.set(me.id, me.name);
  return (userId) => (userId === null ? 'an import' : (names.get(userId) ?? `annotator #${userId}`));
}
