/** Which rule sent an item where, and why: the decision of the policy in force, and the item's tasks. */
import { notFound } from '../../core/errors.ts';
import type { Project } from '../../core/projects.ts';
import type { RouteDecision } from '../../core/routing/route-item.ts';
import type { Db } from '../../store/database.ts';
import { findItem } from '../../store/items.ts';
import { listPools } from '../../store/pools.ts';
import { currentPolicy, type ItemTaskRoute, itemPosition, itemTaskRoutes } from '../../store/routing.ts';
import { plannerFor, routablePools } from './task-planner.ts';

export interface RouteExplanation {
  itemId: number;
  policyVersion: number | null;
  item: { sensitivity: string; region: string | null; language: string | null; tags: string[]; edgeCase: boolean; confidence: number | null; position: number };
  decision: RouteDecision;
  tasks: (ItemTaskRoute & { poolKey: string | null })[];
}

export async function explainRoute(db: Db, project: Project, itemId: number): Promise<RouteExplanation> {
  const item = await findItem(db, itemId);
  if (!item || item.projectId !== project.id) throw notFound('item', itemId);
  const policy = await currentPolicy(db, project.id);
  const position = await itemPosition(db, project.id, item.id);
  const routable = { sensitivity: item.sensitivity, region: item.region, language: item.language, tags: item.tags, edgeCase: item.edgeCase, confidence: item.modelConfidence, position };
  const decision = plannerFor(project, policy?.policy ?? null, await routablePools(db)).decide(routable);
  const keys = new Map((await listPools(db)).map((p) => [p.id, p.key]));
  const tasks = (await itemTaskRoutes(db, project.id, item.id)).map((t) => ({ ...t, poolKey: t.poolId === null ? null : (keys.get(t.poolId) ?? null) }));
  return { itemId: item.id, policyVersion: policy?.version ?? null, item: routable, decision, tasks };
}
