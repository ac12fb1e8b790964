/**
 * Changing a project's QA policy: the fields given replace those in force, the result is saved and
 * the change recorded in the audit trail (which fields changed) in the caller's transaction, so
 * that a policy deciding which work gets reviewed never changes unrecorded.
 */
import type { Project } from '../core/projects.ts';
import { type QaPolicy, qaPolicyOf } from '../core/quality/qa-policy.ts';
import type { Db } from '../store/database.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { type AuditActor, auditQaPolicyChange } from './audit/record.ts';

export async function changeQaPolicy(tx: Db, actor: AuditActor, project: Project, changes: Partial<QaPolicy>): Promise<QaPolicy> {
  const before = qaPolicyOf(project.qaPolicy);
  const policy = qaPolicyOf({ ...before, ...changes });
  await saveQaPolicy(tx, project.id, policy);
  await auditQaPolicyChange(tx, actor, project.id, before, policy);
  return policy;
}
