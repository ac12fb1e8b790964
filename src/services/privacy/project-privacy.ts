/**
 * Reading and changing a project's data-protection settings and its pools' metadata rules.
 * Reads are kept two seconds in memory: every item served to a pool needs them. A change is
 * recorded in the audit trail as a policy change, with the fields that changed (never content).
 */
import type { PiiType } from '../../core/pii/types.ts';
import type { PoolKind, Sensitivity } from '../../core/workforce.ts';
import type { Db } from '../../store/database.ts';
import { deleteMetadataRule, findMetadataRule, findPrivacyRecord, type PrivacyRecord, saveMetadataRule, savePrivacyRecord } from '../../store/privacy.ts';
import { type AuditActor, auditPolicyChange, changedFields } from '../audit/record.ts';
import { checkPrivacySettings, DEFAULT_PRIVACY, type PrivacySettings } from './privacy-settings.ts';

const TTL_MS = 2000;

/** The user to record as the author; none for the system itself (the command line). */
const authorOf = (actor: AuditActor): number | null => (actor === null || ('via' in actor && actor.via === 'system') ? null : actor.user.id);
const settingsCache = new Map<number, { settings: PrivacySettings; until: number }>();
const rulesCache = new Map<string, { keys: string[] | null; until: number }>();

/**
 * Forgets every cached setting and rule. The caches are keyed by project id, which is unique only
 * within one database: a process that opens one database after another (the test suites run each
 * on PGlite, then on PostgreSQL) forgets between them.
 */
export function forgetPrivacySettings(): void {
  settingsCache.clear();
  rulesCache.clear();
}

function toSettings(record: PrivacyRecord | null): PrivacySettings {
  if (!record) return DEFAULT_PRIVACY;
  return {
    redactPoolKinds: record.redactPoolKinds as PoolKind[],
    redactBelowClearance: record.redactBelowClearance as Sensitivity | null,
    redactRegions: record.redactRegions,
    redactTypes: record.redactTypes as PiiType[],
    maskPoolKinds: record.maskPoolKinds as PoolKind[],
    retentionDays: record.retentionDays,
  };
}

export async function privacySettingsOf(db: Db, projectId: number): Promise<PrivacySettings> {
  const now = Date.now();
  const hit = settingsCache.get(projectId);
  if (hit && hit.until > now) return hit.settings;
  const settings = toSettings(await findPrivacyRecord(db, projectId));
  settingsCache.set(projectId, { settings, until: now + TTL_MS });
  return settings;
}

/** The metadata keys the pool may see in this project; null when no rule is set. */
export async function metadataRuleOf(db: Db, projectId: number, poolId: number): Promise<string[] | null> {
  const key = `${projectId}:${poolId}`;
  const now = Date.now();
  const hit = rulesCache.get(key);
  if (hit && hit.until > now) return hit.keys;
  const keys = await findMetadataRule(db, projectId, poolId);
  if (rulesCache.size > 10_000) rulesCache.clear();
  rulesCache.set(key, { keys, until: now + TTL_MS });
  return keys;
}

/** Replaces the project's settings (run it in a transaction: the audit event goes with it). */
export async function updatePrivacySettings(tx: Db, actor: AuditActor, projectId: number, input: PrivacySettings): Promise<PrivacySettings> {
  const settings = checkPrivacySettings(input);
  const before = await privacySettingsOf(tx, projectId);
  await savePrivacyRecord(tx, projectId, settings, authorOf(actor));
  await auditPolicyChange(tx, actor, projectId, { privacy: changedFields(before, settings) });
  settingsCache.delete(projectId);
  return settings;
}

export async function setMetadataRule(tx: Db, actor: AuditActor, projectId: number, poolId: number, allowedKeys: string[] | null): Promise<void> {
  if (allowedKeys === null) await deleteMetadataRule(tx, projectId, poolId);
  else await saveMetadataRule(tx, projectId, { poolId, allowedKeys: [...new Set(allowedKeys)].sort() }, authorOf(actor));
  await auditPolicyChange(tx, actor, projectId, { metadataRule: { poolId, keys: allowedKeys === null ? 'default' : allowedKeys.length } });
  rulesCache.delete(`${projectId}:${poolId}`);
}

/** Drops what is cached (tests, and a server told that settings changed elsewhere). */
export function forgetPrivacyCaches(): void {
  settingsCache.clear();
  rulesCache.clear();
}
