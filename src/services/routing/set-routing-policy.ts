import type { AuditEventDraft } from '../../core/audit/event.ts';
import { DomainError } from '../../core/errors.ts';
import { nulIssue } from '../../core/nul-characters.ts';
import type { Project } from '../../core/projects.ts';
import type { RoutingPolicy } from '../../core/routing/policy.ts';
import { type Actor, authorId } from '../../core/users.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { setProjectPools } from '../../store/pools.ts';
import { insertPolicyVersion, rerouteUnclaimedTasks, routingRows } from '../../store/routing.ts';
import { plannerFor, routablePools } from './task-planner.ts';

export interface SetRoutingPolicyInput {
  actor: Actor;
  project: Project;
  policy: RoutingPolicy;
  note?: string;
  sourceIp?: string | null;
  onProgress?: (itemsDone: number) => void;
}

export interface RerouteSummary {
  version: number;
  items: number;
  tasksUpdated: number;
  tasksAdded: number;
  tasksCancelled: number;
}

const BATCH = 5000;

/** Checks that a policy names pools that exist and rules that can be told apart. */
export function checkPolicy(policy: RoutingPolicy, poolKeys: ReadonlySet<string>): void {
  // `atelier routing apply --policy FILE` brings a policy past the API's checks; it is stored as jsonb.
  const nul = nulIssue(policy);
  if (nul) throw new DomainError('validation_failed', `${nul.path}: ${nul.message}`, { issues: [nul] });
  const issues: { path: string; message: string }[] = [];
  const names = new Set<string>();
  policy.rules.forEach((rule, i) => {
    if (names.has(rule.name)) issues.push({ path: `rules[${i}].name`, message: `two rules are named "${rule.name}"` });
    names.add(rule.name);
    if (rule.to.length === 0) issues.push({ path: `rules[${i}].to`, message: 'a rule sends work to at least one pool' });
    rule.to.forEach((t, j) => {
      if (!poolKeys.has(t.pool)) issues.push({ path: `rules[${i}].to[${j}].pool`, message: `no pool "${t.pool}"` });
    });
    (rule.reviewBy ?? []).forEach((key, j) => {
      if (!poolKeys.has(key)) issues.push({ path: `rules[${i}].reviewBy[${j}]`, message: `no pool "${key}"` });
    });
  });
  if (issues.length > 0) throw new DomainError('validation_failed', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
}

/**
 * Records a new version of the project's routing policy and re-routes the work nobody has claimed
 * yet. Run it in a transaction: the version and the re-routing land together or not at all.
 */
export async function setRoutingPolicy(tx: Db, input: SetRoutingPolicyInput): Promise<RerouteSummary> {
  const pools = await routablePools(tx);
  checkPolicy(input.policy, new Set(pools.keys()));
  const version = await insertPolicyVersion(tx, input.project.id, input.policy, input.note ?? '', authorId(input.actor));
  const referenced = input.policy.rules.flatMap((r) => [...r.to.map((t) => t.pool), ...(r.reviewBy ?? [])]);
  await setProjectPools(tx, input.project.id, referenced.map((key) => pools.get(key)!.id));

  const planner = plannerFor(input.project, input.policy, pools);
  const summary: RerouteSummary = { version, items: 0, tasksUpdated: 0, tasksAdded: 0, tasksCancelled: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await routingRows(tx, input.project.id, afterId, summary.items, BATCH);
    if (rows.length === 0) break;
    const routes = rows.map((row) => planner.slots(row, row.position));
    const changed = await rerouteUnclaimedTasks(tx, input.project.id, rows.map((r) => r.id), routes);
    summary.items += rows.length;
    summary.tasksUpdated += changed.updated;
    summary.tasksAdded += changed.added;
    summary.tasksCancelled += changed.cancelled;
    afterId = rows.at(-1)!.id;
    input.onProgress?.(summary.items);
  }
  const event: AuditEventDraft = {
    at: new Date().toISOString(),
    actorId: authorId(input.actor),
    actorEmail: input.actor.user.email,
    action: 'policy.change',
    subjectType: 'project',
    subjectId: input.project.id,
    projectId: input.project.id,
    sourceIp: input.sourceIp ?? null,
    details: { preset: input.policy.preset ?? null, rules: input.policy.rules.length, ...summary },
  };
  await recordAuditEvents(tx, [event]);
  return summary;
}
