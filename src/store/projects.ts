import { sql } from 'kysely';
import type { LabelSchema } from '../core/label-schema.ts';
import type { GuidelinesVersion, Project, ProjectProgress, Qualification, SchemaVersion } from '../core/projects.ts';
import type { Sensitivity } from '../core/workforce.ts';
import { type QaPolicy, qaPolicyOf } from '../core/quality/qa-policy.ts';
import type { Db } from './database.ts';
import type { ProjectRow } from './schema.ts';

type ProjectRowWithVersions = ProjectRow & { schema_version: number | null; guidelines_version: number | null };

export function toProject(row: ProjectRowWithVersions): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    itemKind: row.item_kind,
    overlap: row.overlap,
    leaseSeconds: row.lease_seconds,
    defaultSensitivity: row.default_sensitivity as Sensitivity,
    defaultRegion: row.default_region,
    schemaVersion: row.schema_version ?? 0,
    guidelinesVersion: row.guidelines_version ?? 0,
    createdAt: row.created_at,
    archived: row.archived_at !== null,
    requireGuidelinesAck: row.require_guidelines_ack,
    qualification: (row.qualification as Qualification | null) ?? null,
    qaPolicy: qaPolicyOf(row.qa_policy as Partial<QaPolicy> | null),
  };
}

function selectProjects(db: Db) {
  return db
    .selectFrom('projects as p')
    .selectAll('p')
    .select((eb) => [
      eb.selectFrom('label_schema_versions as s').whereRef('s.project_id', '=', 'p.id').select((e) => e.fn.max('s.version').as('v')).as('schema_version'),
      eb.selectFrom('guideline_versions as g').whereRef('g.project_id', '=', 'p.id').select((e) => e.fn.max('g.version').as('v')).as('guidelines_version'),
    ]);
}

export interface NewProject {
  name: string;
  description: string;
  itemKind: 'image' | 'text';
  overlap: number;
  leaseSeconds: number;
  defaultSensitivity: Sensitivity;
  defaultRegion: string | null;
  createdBy: number | null;
}

export async function insertProject(db: Db, project: NewProject): Promise<number> {
  const row = await db
    .insertInto('projects')
    .values({
      name: project.name,
      description: project.description,
      item_kind: project.itemKind,
      overlap: project.overlap,
      lease_seconds: project.leaseSeconds,
      default_sensitivity: project.defaultSensitivity,
      default_region: project.defaultRegion,
      created_by: project.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findProject(db: Db, id: number): Promise<Project | null> {
  const row = await selectProjects(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function findProjectByName(db: Db, name: string): Promise<Project | null> {
  const row = await selectProjects(db)
    .where((eb) => eb(eb.fn('lower', ['p.name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function listProjects(db: Db, options: { includeArchived?: boolean } = {}): Promise<Project[]> {
  let query = selectProjects(db).orderBy('p.id');
  if (!options.includeArchived) query = query.where('p.archived_at', 'is', null);
  return (await query.execute()).map(toProject);
}

export interface ProjectChanges {
  name?: string;
  description?: string;
  overlap?: number;
  leaseSeconds?: number;
  archived?: boolean;
}

export async function updateProject(db: Db, id: number, changes: ProjectChanges): Promise<boolean> {
  const columns = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.overlap !== undefined && { overlap: changes.overlap }),
    ...(changes.leaseSeconds !== undefined && { lease_seconds: changes.leaseSeconds }),
    ...(changes.archived !== undefined && { archived_at: changes.archived ? new Date() : null }),
  };
  // Nothing to change is no change, not an UPDATE with an empty SET (a syntax error in SQL).
  if (Object.keys(columns).length === 0) return (await findProject(db, id)) !== null;
  const result = await db.updateTable('projects').set(columns).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the next version of the project's label schema; the version number is returned. */
export async function insertSchemaVersion(db: Db, projectId: number, schema: LabelSchema, note: string, createdBy: number | null): Promise<number> {
  const row = await db
    .insertInto('label_schema_versions')
    .values((eb) => ({
      project_id: projectId,
      version: eb
        .selectFrom('label_schema_versions')
        .where('project_id', '=', projectId)
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('v')),
      schema: JSON.stringify(schema),
      note,
      created_by: createdBy,
    }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function insertGuidelinesVersion(db: Db, projectId: number, body: string, note: string, createdBy: number | null): Promise<number> {
  const row = await db
    .insertInto('guideline_versions')
    .values((eb) => ({
      project_id: projectId,
      version: eb
        .selectFrom('guideline_versions')
        .where('project_id', '=', projectId)
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('v')),
      body,
      note,
      created_by: createdBy,
    }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function findSchemaVersion(db: Db, projectId: number, version: number): Promise<SchemaVersion | null> {
  const row = await db
    .selectFrom('label_schema_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row
    ? { projectId: row.project_id, version: row.version, schema: row.schema as LabelSchema, note: row.note, createdAt: row.created_at }
    : null;
}

export async function listSchemaVersions(db: Db, projectId: number): Promise<SchemaVersion[]> {
  const rows = await db.selectFrom('label_schema_versions').selectAll().where('project_id', '=', projectId).orderBy('version').execute();
  return rows.map((row) => ({ projectId: row.project_id, version: row.version, schema: row.schema as LabelSchema, note: row.note, createdAt: row.created_at }));
}

export async function findGuidelinesVersion(db: Db, projectId: number, version: number): Promise<GuidelinesVersion | null> {
  const row = await db
    .selectFrom('guideline_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { projectId: row.project_id, version: row.version, body: row.body, note: row.note, createdAt: row.created_at } : null;
}

export async function listGuidelinesVersions(db: Db, projectId: number): Promise<GuidelinesVersion[]> {
  const rows = await db.selectFrom('guideline_versions').selectAll().where('project_id', '=', projectId).orderBy('version').execute();
  return rows.map((row) => ({ projectId: row.project_id, version: row.version, body: row.body, note: row.note, createdAt: row.created_at }));
}

export async function projectProgress(db: Db, projectId: number): Promise<ProjectProgress> {
  const tasks = await db
    .selectFrom('tasks')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', projectId)
    .where('stage', '=', 'label')
    .groupBy('status')
    .execute();
  const counts = { queued: 0, leased: 0, done: 0, cancelled: 0 };
  for (const row of tasks) counts[row.status] = Number(row.n);
  const items = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const complete = await sql<{ n: number }>`
    SELECT count(*)::bigint AS n FROM (
      SELECT item_id FROM tasks WHERE project_id = ${projectId} AND stage = 'label'
      GROUP BY item_id HAVING bool_and(status IN ('done', 'cancelled'))
    ) AS finished`.execute(db);
  const annotations = await db
    .selectFrom('annotations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return {
    items: Number(items.n),
    tasks: counts,
    annotations: Number(annotations.n),
    itemsComplete: Number(complete.rows[0]?.n ?? 0),
  };
}
