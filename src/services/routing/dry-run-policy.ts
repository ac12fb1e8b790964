/**
 * What a policy would do to the project's current items, before it is applied: how many items and
 * task slots each pool would get, which rule decides how many items, and how many items no pool may
 * take. Nothing is written.
 */
import type { Project } from '../../core/projects.ts';
import type { RoutingPolicy } from '../../core/routing/policy.ts';
import type { Db } from '../../store/database.ts';
import { routingRows } from '../../store/routing.ts';
import { plannerFor, routablePools } from './task-planner.ts';
import { checkPolicy } from './set-routing-policy.ts';

export interface DryRun {
  items: number;
  byPool: { pool: string; items: number; taskSlots: number; expertSlots: number }[];
  byRule: { rule: string; items: number }[];
  /** Items no rule could send anywhere (no matching rule, or every pool kept out by the hard limits). */
  unrouted: number;
}

export async function dryRunPolicy(db: Db, project: Project, policy: RoutingPolicy): Promise<DryRun> {
  const pools = await routablePools(db);
  checkPolicy(policy, new Set(pools.keys()));
  const planner = plannerFor(project, policy, pools);
  const byPool = new Map<string, { items: Set<number>; taskSlots: number; expertSlots: number }>();
  const byRule = new Map<string, number>(policy.rules.map((r) => [r.name, 0]));
  let unrouted = 0;
  let items = 0;
  let afterId = 0;
  for (;;) {
    const rows = await routingRows(db, project.id, afterId, items, 5000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const decision = planner.decide(row);
      if (decision.rule === null) {
        unrouted++;
        continue;
      }
      byRule.set(decision.rule, (byRule.get(decision.rule) ?? 0) + 1);
      for (const slot of planner.slots(row, row.position)) {
        const key = [...pools.values()].find((p) => p.id === slot.poolId)!.key;
        const entry = byPool.get(key) ?? { items: new Set<number>(), taskSlots: 0, expertSlots: 0 };
        entry.items.add(row.id);
        entry.taskSlots++;
        if (slot.memberRole === 'expert') entry.expertSlots++;
        byPool.set(key, entry);
      }
    }
    items += rows.length;
    afterId = rows.at(-1)!.id;
  }
  return {
    items,
    byPool: [...byPool.entries()].map(([pool, e]) => ({ pool, items: e.items.size, taskSlots: e.taskSlots, expertSlots: e.expertSlots })).sort((a, b) => b.taskSlots - a.taskSlots),
    byRule: [...byRule.entries()].map(([rule, n]) => ({ rule, items: n })),
    unrouted,
  };
}
