/**
 * Onboarding before work: when a project asks for it, annotators acknowledge the guidelines in force
 * (again after every new version) and pool members of the kinds it names pass a qualification — a
 * set of items with known answers and a pass mark — before their first real task.
 */
import { DomainError, type FieldIssue, forbidden, notFound, validationFailed } from '../core/errors.ts';
import type { AnnotationResult, LabelSchema } from '../core/label-schema.ts';
import type { Project, Qualification } from '../core/projects.ts';
import { scoreResult } from '../core/quality/result-score.ts';
import type { Actor } from '../core/users.ts';
import { isStaff, type Membership } from '../core/work-contexts.ts';
import type { Db } from '../store/database.ts';
import { findItem } from '../store/items.ts';
import { acknowledge, hasAcknowledged, hasPassedQualification, itemsOfProject, knownAnswers, recordQualificationAttempt, setOnboarding } from '../store/onboarding.ts';
import { membershipsFor } from './project-access.ts';
import type { WorkCache } from './work-cache.ts';
import { type AuditActor, auditOnboardingChange } from './audit/record.ts';

export interface OnboardingStatus {
  guidelinesToAcknowledge: number | null;
  qualificationRequired: boolean;
}

function mustQualify(actor: Actor, memberships: readonly Membership[], appliesTo: readonly string[]): boolean {
  if (isStaff(actor.user.role, memberships)) return false;
  return memberships.some((m) => appliesTo.includes(m.pool.kind));
}

/**
 * What is left before the actor may work on the project. Costs nothing for projects without
 * onboarding, and one look-up per step otherwise until the step is done (done steps are remembered).
 */
export async function onboardingStatus(db: Db, actor: Actor, project: Project, cache?: WorkCache): Promise<OnboardingStatus> {
  const ackKey = `ack:${project.id}:${actor.user.id}:${project.guidelinesVersion}`;
  const passKey = `pass:${project.id}:${actor.user.id}`;
  const guidelinesToAcknowledge =
    project.requireGuidelinesAck && project.guidelinesVersion > 0 && !cache?.done(ackKey) && !(await hasAcknowledged(db, project.id, actor.user.id, project.guidelinesVersion))
      ? project.guidelinesVersion
      : null;
  if (guidelinesToAcknowledge === null && project.requireGuidelinesAck) cache?.markDone(ackKey);
  let qualificationRequired = false;
  if (project.qualification && !cache?.done(passKey)) {
    const memberships = await membershipsFor(db, actor, cache);
    qualificationRequired = mustQualify(actor, memberships, project.qualification.appliesTo) && !(await hasPassedQualification(db, project.id, actor.user.id));
    if (!qualificationRequired) cache?.markDone(passKey);
  }
  return { guidelinesToAcknowledge, qualificationRequired };
}

/** Refuses work to someone who has an onboarding step left, saying which. */
export async function requireOnboarded(db: Db, actor: Actor, project: Project, cache?: WorkCache): Promise<void> {
  const status = await onboardingStatus(db, actor, project, cache);
  if (status.qualificationRequired) {
    throw new DomainError('onboarding_required', 'pass this project’s qualification before taking its tasks', { step: 'qualification' });
  }
  if (status.guidelinesToAcknowledge !== null) {
    throw new DomainError('onboarding_required', `the guidelines changed (version ${status.guidelinesToAcknowledge}): read and acknowledge them before your next task`, {
      step: 'guidelines',
      version: status.guidelinesToAcknowledge,
    });
  }
}

export async function acknowledgeGuidelines(db: Db, actor: Actor, project: Project, version: number): Promise<void> {
  if (version !== project.guidelinesVersion) {
    throw new DomainError('conflict', `the guidelines in force are version ${project.guidelinesVersion}, not ${version}`);
  }
  await acknowledge(db, project.id, actor.user.id, version);
}

const listed = (ids: number[]): string => (ids.length === 1 ? `item ${ids[0]}` : `items ${ids.join(', ')}`);

/**
 * Changes what newcomers must do. A qualification is refused unless every item is an item of this
 * project with a known answer: takeQualification scores only against known answers, so an item of
 * another project, one that does not exist or one without an answer would leave a qualification
 * nobody can pass, and every pool member it applies to locked out of the project.
 */
/** Run it in a transaction: the change and its audit event go together. */
export async function changeOnboarding(db: Db, actor: AuditActor, project: Project, settings: { requireGuidelinesAck?: boolean; qualification?: Qualification | null }): Promise<void> {
  let qualification = settings.qualification;
  if (qualification) {
    const itemIds = [...new Set(qualification.itemIds)];
    const ours = await itemsOfProject(db, project.id, itemIds);
    const known = await knownAnswers(db, project.id, itemIds.filter((id) => ours.has(id)));
    const strangers = itemIds.filter((id) => !ours.has(id));
    const unanswered = itemIds.filter((id) => ours.has(id) && !known.has(id));
    const issues: FieldIssue[] = [];
    if (strangers.length > 0) issues.push({ path: 'qualification.itemIds', message: `${listed(strangers)} ${strangers.length === 1 ? 'is not an item' : 'are not items'} of project ${project.id}` });
    if (unanswered.length > 0) {
      issues.push({ path: 'qualification.itemIds', message: `${listed(unanswered)} ${unanswered.length === 1 ? 'has' : 'have'} no known answer yet; set one for each before saving the qualification` });
    }
    if (issues.length > 0) throw validationFailed(issues, issues.map((i) => i.message).join('; '));
    qualification = { ...qualification, itemIds };
  }
  await setOnboarding(db, project.id, { requireAck: settings.requireGuidelinesAck, qualification });
  await auditOnboardingChange(db, actor, project.id, { requireGuidelinesAck: settings.requireGuidelinesAck, qualification });
}

/** The qualification's items, without their answers. */
export async function qualificationItems(db: Db, project: Project) {
  const qualification = project.qualification;
  if (!qualification) throw notFound('qualification of project', project.id);
  const items = [];
  for (const id of qualification.itemIds) {
    const item = await findItem(db, id);
    if (item && item.projectId === project.id) items.push(item);
  }
  return { passMark: qualification.passMark, items };
}

export interface QualificationResult {
  score: number;
  passed: boolean;
  passMark: number;
}

/** Scores an attempt against the known answers and records it. Run it in a transaction. */
export async function takeQualification(tx: Db, actor: Actor, project: Project, schema: LabelSchema, answers: { itemId: number; result: AnnotationResult }[]): Promise<QualificationResult> {
  const qualification = project.qualification;
  if (!qualification) throw notFound('qualification of project', project.id);
  const known = await knownAnswers(tx, project.id, qualification.itemIds);
  if (known.size === 0) throw forbidden('this qualification has no known answers yet; ask the project manager');
  const given = new Map(answers.map((a) => [a.itemId, a.result]));
  let total = 0;
  for (const [itemId, answer] of known) {
    const result = given.get(itemId);
    total += result ? scoreResult(result, answer, schema).score : 0;
  }
  const score = total / known.size;
  const passed = score >= qualification.passMark;
  await recordQualificationAttempt(tx, { projectId: project.id, userId: actor.user.id, answers, score, passed });
  return { score: Number(score.toFixed(4)), passed, passMark: qualification.passMark };
}
