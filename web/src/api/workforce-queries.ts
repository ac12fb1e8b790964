/** Pools, members and routing through the query cache. */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Member, Pool, PoolQueue, Preset, RouteExplanation, RoutingState } from './workforce-types.ts';

export const poolsQuery = queryOptions({
  queryKey: ['pools'],
  queryFn: async () => (await api<{ pools: Pool[] }>('GET', '/api/v1/pools')).pools,
});

export const poolQuery = (id: number) => queryOptions({ queryKey: ['pools', id], queryFn: () => api<Pool>('GET', `/api/v1/pools/${id}`) });

export const membersQuery = (poolId: number) =>
  queryOptions({
    queryKey: ['pools', poolId, 'members'],
    queryFn: async () => (await api<{ members: Member[] }>('GET', `/api/v1/pools/${poolId}/members`)).members,
  });

export const poolQueueQuery = (poolId: number) =>
  queryOptions({
    queryKey: ['pools', poolId, 'queue'],
    queryFn: () => api<PoolQueue>('GET', `/api/v1/pools/${poolId}/queue`),
    refetchInterval: 30_000,
    staleTime: 0,
  });

export const presetsQuery = queryOptions({
  queryKey: ['routing', 'presets'],
  queryFn: async () => (await api<{ presets: Preset[] }>('GET', '/api/v1/routing/presets')).presets,
  staleTime: Infinity,
});

export const routingQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'routing'], queryFn: () => api<RoutingState>('GET', `/api/v1/projects/${projectId}/routing`) });

export const routeQuery = (itemId: number) =>
  queryOptions({ queryKey: ['items', itemId, 'route'], queryFn: () => api<RouteExplanation>('GET', `/api/v1/items/${itemId}/route`), staleTime: 0 });
