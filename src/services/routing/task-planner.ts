/**
 * Plans the label task slots of items under the project's routing policy: which pool, which
 * member role, which priority, and which rule decided it. Used when items arrive (imports) and when
 * a new policy re-routes the work nobody has claimed yet.
 */
import type { Project } from '../../core/projects.ts';
import type { RoutingPolicy } from '../../core/routing/policy.ts';
import { assignSlots, type RoutablePool, type RoutableItem, type RouteDecision, routeItem } from '../../core/routing/route-item.ts';
import type { Db } from '../../store/database.ts';
import type { NewTaskSlot } from '../../store/items.ts';
import { listPools } from '../../store/pools.ts';
import { currentPolicy } from '../../store/routing.ts';

export async function routablePools(db: Db): Promise<Map<string, RoutablePool>> {
  return new Map((await listPools(db)).map((p) => [p.key, { id: p.id, key: p.key, kind: p.kind, clearance: p.clearance, regions: p.regions, languages: p.languages }]));
}

/** The slots of one item from its routing decision; unrouted slots when no rule applies. */
export function slotsOf(decision: RouteDecision, itemKey: number): NewTaskSlot[] {
  if (decision.rule === null) {
    return Array.from({ length: decision.overlap }, () => ({ poolId: null, memberRole: null, priority: decision.priority, routedBy: null }));
  }
  return assignSlots(decision.targets, decision.overlap, itemKey).map((t) => ({
    poolId: t.poolId,
    memberRole: t.role,
    priority: decision.priority,
    routedBy: decision.rule,
  }));
}

export interface TaskPlanner {
  policy: RoutingPolicy | null;
  decide(item: RoutableItem): RouteDecision;
  /** `itemKey`: a stable number of the item (its position), so that weighted splits repeat. */
  slots(item: RoutableItem, itemKey: number): NewTaskSlot[];
}

export function plannerFor(project: Project, policy: RoutingPolicy | null, pools: ReadonlyMap<string, RoutablePool>): TaskPlanner {
  const unrouted: RouteDecision = { rule: null, targets: [], overlap: project.overlap, priority: 0, trace: [] };
  const decide = (item: RoutableItem): RouteDecision => (policy ? routeItem(policy, item, pools, project.overlap) : unrouted);
  return { policy, decide, slots: (item, key) => slotsOf(decide(item), key) };
}

export async function loadTaskPlanner(db: Db, project: Project): Promise<TaskPlanner> {
  const policy = await currentPolicy(db, project.id);
  return plannerFor(project, policy?.policy ?? null, await routablePools(db));
}
