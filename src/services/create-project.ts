import { DomainError } from '../core/errors.ts';
import { type ItemKind, type LabelSchema, validateLabelSchema } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Sensitivity } from '../core/workforce.ts';
import type { Db } from '../store/database.ts';
import { findProject, findProjectByName, insertGuidelinesVersion, insertProject, insertSchemaVersion } from '../store/projects.ts';

export interface CreateProjectInput {
  name: string;
  description?: string;
  itemKind: ItemKind;
  /** Annotators per item. */
  overlap?: number;
  leaseSeconds?: number;
  defaultSensitivity?: Sensitivity;
  defaultRegion?: string | null;
  schema: LabelSchema;
  /** Markdown. */
  guidelines?: string;
  createdBy: number | null;
}

/** A project with version 1 of its label schema and of its guidelines. Run it in a transaction. */
export async function createProject(tx: Db, input: CreateProjectInput): Promise<Project> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) {
    throw new DomainError('validation_failed', 'a project needs a name of 1 to 200 characters', { issues: [{ path: 'name', message: '1 to 200 characters' }] });
  }
  if (/^\d+$/.test(name)) {
    // The CLI takes a project's id or its name: a name that looks like an id would be ambiguous.
    throw new DomainError('validation_failed', 'a project name cannot be only digits', { issues: [{ path: 'name', message: 'cannot be only digits' }] });
  }
  if (await findProjectByName(tx, name)) throw new DomainError('conflict', `a project named "${name}" already exists`);
  validateLabelSchema(input.schema, input.itemKind);
  const id = await insertProject(tx, {
    name,
    description: input.description ?? '',
    itemKind: input.itemKind,
    overlap: input.overlap ?? 1,
    leaseSeconds: input.leaseSeconds ?? 900,
    defaultSensitivity: input.defaultSensitivity ?? 'internal',
    defaultRegion: input.defaultRegion ?? null,
    createdBy: input.createdBy,
  });
  await insertSchemaVersion(tx, id, input.schema, 'initial version', input.createdBy);
  await insertGuidelinesVersion(tx, id, input.guidelines ?? '', 'initial version', input.createdBy);
  return (await findProject(tx, id))!;
}

/** Records a new version of the label schema; the old versions stay as they were. */
export async function reviseSchema(tx: Db, input: { project: Project; schema: LabelSchema; note: string; userId: number }): Promise<number> {
  validateLabelSchema(input.schema, input.project.itemKind);
  return insertSchemaVersion(tx, input.project.id, input.schema, input.note, input.userId);
}

export async function reviseGuidelines(tx: Db, input: { project: Project; body: string; note: string; userId: number }): Promise<number> {
  if (input.body.length > 200_000) {
    throw new DomainError('validation_failed', 'guidelines are limited to 200,000 characters', { issues: [{ path: 'body', message: 'too long' }] });
  }
  return insertGuidelinesVersion(tx, input.project.id, input.body, input.note, input.userId);
}
