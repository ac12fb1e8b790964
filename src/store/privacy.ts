/**
 * Data-protection settings per project, and the metadata keys each pool may see (data
 * minimisation). A project without a settings row has the defaults the service layer names.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { literalId } from './planned-per-value.ts';

/** The stored settings, as text; the service narrows them to their domain types. */
export interface PrivacyRecord {
  redactPoolKinds: string[];
  redactBelowClearance: string | null;
  redactRegions: string[];
  redactTypes: string[];
  maskPoolKinds: string[];
  retentionDays: number | null;
  updatedAt: Date;
}

export async function findPrivacyRecord(db: Db, projectId: number): Promise<PrivacyRecord | null> {
  const row = await db.selectFrom('project_privacy').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  return row
    ? {
        redactPoolKinds: row.redact_pool_kinds,
        redactBelowClearance: row.redact_below_clearance,
        redactRegions: row.redact_regions,
        redactTypes: row.redact_types,
        maskPoolKinds: row.mask_pool_kinds,
        retentionDays: row.retention_days,
        updatedAt: row.updated_at,
      }
    : null;
}

export async function savePrivacyRecord(db: Db, projectId: number, record: Omit<PrivacyRecord, 'updatedAt'>, updatedBy: number | null): Promise<void> {
  const values = {
    redact_pool_kinds: record.redactPoolKinds,
    redact_below_clearance: record.redactBelowClearance,
    redact_regions: record.redactRegions,
    redact_types: record.redactTypes,
    mask_pool_kinds: record.maskPoolKinds,
    retention_days: record.retentionDays,
    updated_by: updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('project_privacy')
    .values({ project_id: projectId, ...values })
    .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
    .execute();
}

/** Projects with a retention period: what the sweep looks at. */
export async function listRetentionPeriods(db: Db): Promise<{ projectId: number; retentionDays: number }[]> {
  const rows = await db
    .selectFrom('project_privacy')
    .select(['project_id', 'retention_days'])
    .where('retention_days', 'is not', null)
    .orderBy('project_id')
    .execute();
  return rows.map((r) => ({ projectId: r.project_id, retentionDays: r.retention_days! }));
}

export interface MetadataRule {
  poolId: number;
  allowedKeys: string[];
}

export async function listMetadataRules(db: Db, projectId: number): Promise<MetadataRule[]> {
  const rows = await db.selectFrom('pool_metadata_rules').select(['pool_id', 'allowed_keys']).where('project_id', '=', projectId).orderBy('pool_id').execute();
  return rows.map((r) => ({ poolId: r.pool_id, allowedKeys: r.allowed_keys }));
}

export async function findMetadataRule(db: Db, projectId: number, poolId: number): Promise<string[] | null> {
  const row = await db
    .selectFrom('pool_metadata_rules')
    .select('allowed_keys')
    .where('project_id', '=', projectId)
    .where('pool_id', '=', poolId)
    .executeTakeFirst();
  return row?.allowed_keys ?? null;
}

export async function saveMetadataRule(db: Db, projectId: number, rule: MetadataRule, updatedBy: number | null): Promise<void> {
  const values = { allowed_keys: rule.allowedKeys, updated_by: updatedBy, updated_at: new Date() };
  await db
    .insertInto('pool_metadata_rules')
    .values({ project_id: projectId, pool_id: rule.poolId, ...values })
    .onConflict((oc) => oc.columns(['project_id', 'pool_id']).doUpdateSet(values))
    .execute();
}

export async function deleteMetadataRule(db: Db, projectId: number, poolId: number): Promise<boolean> {
  const result = await db.deleteFrom('pool_metadata_rules').where('project_id', '=', projectId).where('pool_id', '=', poolId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Metadata keys in use in a project, from a sample of its items (the rule editor offers them). The
 * project is written in: a small project took a large one's plan (planned-per-value.ts).
 */
export async function sampleMetadataKeys(db: Db, projectId: number, sample = 1000): Promise<{ key: string; items: number }[]> {
  const result = await sql<{ key: string; items: number }>`
    SELECT k AS key, count(*) AS items
    FROM (SELECT metadata FROM items WHERE project_id = ${literalId(projectId)} AND jsonb_typeof(metadata) = 'object' ORDER BY id LIMIT ${sample}) s,
         jsonb_object_keys(s.metadata) AS k
    GROUP BY k ORDER BY k`.execute(db);
  return result.rows.map((r) => ({ key: r.key, items: Number(r.items) }));
}
