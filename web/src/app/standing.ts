/**
 * What the signed-in person is in their pools. Pool managers and experts are not roles of the
 * account but of a membership: read from the pools they belong to and those pools' member lists.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import type { Member, MemberRole, Pool } from '../api/workforce-types.ts';
import { isProjectManager, NO_STANDING, type Standing } from './roles.ts';

export interface MyPools {
  standing: Standing;
  /** My role in each pool I belong to, by pool id. */
  roles: Record<number, MemberRole>;
}

export const myPoolsQuery = (me: User) =>
  queryOptions({
    queryKey: ['me', 'pools', me.id],
    queryFn: async (): Promise<MyPools> => {
      // Managers and admins open every pool screen already; their memberships add nothing to the navigation.
      if (isProjectManager(me.role) || me.role === 'auditor') return { standing: NO_STANDING, roles: {} };
      const { pools } = await api<{ pools: Pool[] }>('GET', '/api/v1/pools');
      const roles: Record<number, MemberRole> = {};
      for (const pool of pools) {
        // A pool whose list is not open to me (it changed meanwhile) adds nothing.
        const { members } = await api<{ members: Member[] }>('GET', `/api/v1/pools/${pool.id}/members`).catch(() => ({ members: [] as Member[] }));
        const mine = members.find((m) => m.userId === me.id);
        if (mine) roles[pool.id] = mine.role;
      }
      const held = Object.values(roles);
      return { standing: { managesPool: held.includes('manager'), expert: held.includes('expert') }, roles };
    },
    staleTime: 5 * 60_000,
  });

export function useMyPools(me: User): { data: MyPools | undefined; loading: boolean } {
  const query = useQuery(myPoolsQuery(me));
  return { data: query.data, loading: query.isPending };
}
