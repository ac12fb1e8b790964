/**
 * Where escalated work goes. Escalation sends an item up a tier — crowd → vendor → in-house →
 * in-house experts — and the work it makes is an adjudication, which only a pool's experts can
 * claim. So a pool the policy names takes it only when it has an expert who can work now and its
 * experts stand above everyone who worked on the item so far; otherwise the work stays unrouted,
 * for in-house staff and experts (the top tier). Sending it to a pool without an expert left the
 * item stuck for good, and falling back to the policy's other pools sent it down a tier.
 */
import type { PoolKind } from '../workforce.ts';
import type { RoutedTarget } from './route-item.ts';

const KIND_TIER: Record<PoolKind, number> = { crowd: 0, vendor: 1, in_house: 2 };
/** In-house staff and experts: where unrouted expert work goes, above every pool's annotators. */
const TOP_TIER = KIND_TIER.in_house + 1;

/** What escalation needs to know of a task already on the item. */
export interface TierTask {
  stage: string;
  poolId: number | null;
  memberRole: string | null;
}

/**
 * The tier of the people a task is for: its pool's kind, one up for the pool's experts (who alone
 * take adjudications). Unrouted work is in-house staff's, and unrouted adjudication the top tier's.
 * A pool no longer listed (archived) counts as in-house, so that nothing is sent below it.
 */
export function taskTier(task: TierTask, kinds: ReadonlyMap<number, PoolKind>): number {
  const expert = task.stage === 'adjudicate' || task.memberRole === 'expert';
  if (task.poolId === null) return expert ? TOP_TIER : KIND_TIER.in_house;
  const kind = kinds.get(task.poolId);
  return (kind === undefined ? KIND_TIER.in_house : KIND_TIER[kind]) + (expert ? 1 : 0);
}

/** The highest tier that worked (or was to work) on the item: where escalation starts from. */
export function currentTier(tasks: readonly TierTask[], kinds: ReadonlyMap<number, PoolKind>): number {
  return Math.max(0, ...tasks.map((t) => taskTier(t, kinds)));
}

/**
 * The pool the adjudication goes to among the policy's targets for the item (already within their
 * hard limits), or null: unrouted. `withExperts`: the pools that have an expert who may take it
 * (not paused, and who did not label the item).
 */
export function escalationTarget(
  targets: readonly RoutedTarget[],
  from: number,
  kinds: ReadonlyMap<number, PoolKind>,
  withExperts: ReadonlySet<number>,
): RoutedTarget | null {
  const higher = targets.filter((t) => withExperts.has(t.poolId) && taskTier({ stage: 'adjudicate', poolId: t.poolId, memberRole: 'expert' }, kinds) > from);
  const best = higher.sort((a, b) => b.weight - a.weight)[0];
  return best ? { ...best, role: 'expert' } : null;
}
