/**
 * Changing a project's QA policy: the fields given replace those in force, the result is saved and
 * the change recorded in the audit trail (which fields changed) in the caller's transaction, so
 * that a policy deciding which work gets reviewed never changes unrecorded.
 */
import { validationFailed } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import { type QaPolicy, qaPolicyOf } from '../core/quality/qa-policy.ts';
import type { Db } from '../store/database.ts';
import { poolKeysAmong } from '../store/pools.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { type AuditActor, auditQaPolicyChange } from './audit/record.ts';

/**
 * Refuses review rates for pools that do not exist, as routing does: a rate is looked up by the
 * labeller's pool key, so a misspelt key would never match and leave that pool at its kind's rate.
 */
async function checkPoolKeys(tx: Db, rates: Record<string, number> | undefined): Promise<void> {
  const keys = Object.keys(rates ?? {});
  const known = await poolKeysAmong(tx, keys);
  const issues = keys.filter((key) => !known.has(key)).map((key) => ({ path: `poolReviewRates.${key}`, message: `no pool "${key}"` }));
  if (issues.length > 0) throw validationFailed(issues);
}

export async function changeQaPolicy(tx: Db, actor: AuditActor, project: Project, changes: Partial<QaPolicy>): Promise<QaPolicy> {
  await checkPoolKeys(tx, changes.poolReviewRates);
  const before = qaPolicyOf(project.qaPolicy);
  const policy = qaPolicyOf({ ...before, ...changes });
  await saveQaPolicy(tx, project.id, policy);
  await auditQaPolicyChange(tx, actor, project.id, before, policy);
  return policy;
}
