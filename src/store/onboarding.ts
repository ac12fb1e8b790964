/** Guideline acknowledgements, qualifications and known answers. */
import type { AnnotationResult } from '../core/label-schema.ts';
export type { QualificationSettings };
import type { Db } from './database.ts';

import type { Qualification as QualificationSettings } from '../core/projects.ts';

export async function hasAcknowledged(db: Db, projectId: number, userId: number, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('guideline_acknowledgements')
    .select('version')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export async function acknowledge(db: Db, projectId: number, userId: number, version: number): Promise<void> {
  await db.insertInto('guideline_acknowledgements').values({ project_id: projectId, user_id: userId, version }).onConflict((oc) => oc.doNothing()).execute();
}

export async function setOnboarding(db: Db, projectId: number, settings: { requireAck?: boolean; qualification?: QualificationSettings | null }): Promise<void> {
  const columns = {
    ...(settings.requireAck !== undefined && { require_guidelines_ack: settings.requireAck }),
    ...(settings.qualification !== undefined && { qualification: settings.qualification === null ? null : JSON.stringify(settings.qualification) }),
  };
  // Nothing to change is no change, not an UPDATE with an empty SET (a syntax error in SQL).
  if (Object.keys(columns).length === 0) return;
  await db.updateTable('projects').set(columns).where('id', '=', projectId).execute();
}

export async function hasPassedQualification(db: Db, projectId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom('qualification_attempts').select('id').where('project_id', '=', projectId).where('user_id', '=', userId).where('passed', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function recordQualificationAttempt(db: Db, a: { projectId: number; userId: number; answers: unknown; score: number; passed: boolean }): Promise<void> {
  await db
    .insertInto('qualification_attempts')
    .values({ project_id: a.projectId, user_id: a.userId, answers: JSON.stringify(a.answers), score: a.score, passed: a.passed })
    .execute();
}

export async function setKnownAnswer(db: Db, projectId: number, itemId: number, result: AnnotationResult, source: 'manual' | 'import' | 'adjudication', createdBy: number | null): Promise<void> {
  await db
    .insertInto('known_answers')
    .values({ project_id: projectId, item_id: itemId, result: JSON.stringify(result), created_by: createdBy, source })
    .onConflict((oc) => oc.columns(['project_id', 'item_id']).doUpdateSet({ result: JSON.stringify(result), created_by: createdBy, source }))
    .execute();
}

export async function knownAnswers(db: Db, projectId: number, itemIds: number[]): Promise<Map<number, AnnotationResult>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.selectFrom('known_answers').select(['item_id', 'result']).where('project_id', '=', projectId).where('item_id', 'in', itemIds).execute();
  return new Map(rows.map((r) => [r.item_id, r.result as AnnotationResult]));
}

/** Which of these ids are items of the project. */
export async function itemsOfProject(db: Db, projectId: number, itemIds: number[]): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db.selectFrom('items').select('id').where('project_id', '=', projectId).where('id', 'in', itemIds).execute();
  return new Set(rows.map((r) => r.id));
}
