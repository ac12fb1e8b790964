/**
 * Whether the signed-in person is paused in their pools (a manager did it, or failed gold did), so
 * that the work screens say so instead of "nothing left": a paused member is offered no work of
 * that pool, and the counts the server gives them are those of the work they may take now.
 */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import type { MemberRole, Pool } from '../api/workforce-types.ts';

/** One entry of `GET /api/v1/me/memberships` (its schema is inline in routes/pools.ts). */
export interface MyMembership {
  pool: Pool;
  role: MemberRole;
  paused: boolean;
  pausedReason: string | null;
}

export const myMembershipsQuery = queryOptions({
  queryKey: ['me', 'memberships'],
  queryFn: async () => (await api<{ memberships: MyMembership[] }>('GET', '/api/v1/me/memberships')).memberships,
  // A pause or a resume comes from someone else: asked again whenever a work screen opens.
  staleTime: 0,
});

export interface PauseStanding {
  /** The memberships through which the person labels that are paused. */
  paused: MyMembership[];
  /** No membership gives them label work now: every queue is closed to them until a resume. */
  blocked: boolean;
}

const labels = (m: MyMembership) => m.role === 'annotator' || m.role === 'expert';

/**
 * As the server hands out label work (core/work-contexts.ts labelWorkContexts): through the
 * memberships as annotator or expert that are not paused; admins and managers also take unrouted
 * work, whatever their pools.
 */
export function pauseStanding(role: Role, memberships: readonly MyMembership[]): PauseStanding {
  const paused = memberships.filter((m) => m.paused && labels(m));
  const blocked = paused.length > 0 && role !== 'admin' && role !== 'manager' && !memberships.some((m) => !m.paused && labels(m));
  return { paused, blocked };
}

/** Who to ask to be resumed: the pool's managers by name, or the project managers when it has none. */
export function whoToAsk(managers: readonly { name: string }[]): string {
  const names = managers.map((m) => m.name);
  if (names.length === 0) return 'a project manager';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
