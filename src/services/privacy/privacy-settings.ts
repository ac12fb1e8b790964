/**
 * A project's data-protection settings and the decisions that follow from them for one pool:
 * does it get redacted texts, masked images? Pure: the store reads the settings, callers pass the
 * pool the content goes to.
 */
import { isPiiType, PII_TYPES, type PiiType } from '../../core/pii/types.ts';
import { POOL_KINDS, type Pool, type PoolKind, SENSITIVITIES, type Sensitivity, sensitivityRank } from '../../core/workforce.ts';
import { validationFailed, type FieldIssue } from '../../core/errors.ts';

export interface PrivacySettings {
  /** Pools of these kinds see texts with PII replaced by typed placeholders. */
  redactPoolKinds: PoolKind[];
  /** So does any pool whose clearance is below this level (null: clearance alone never redacts). */
  redactBelowClearance: Sensitivity | null;
  /** So does any pool that works from one of these regions. */
  redactRegions: string[];
  /** The PII types replaced. */
  redactTypes: PiiType[];
  /** Pools of these kinds receive images with the manager's masks painted in. */
  maskPoolKinds: PoolKind[];
  /** Items older than this many days are erased by the retention sweep; null keeps them. */
  retentionDays: number | null;
}

/** Outside pools (vendors, crowd) get redacted texts and masked images; nothing expires. */
export const DEFAULT_PRIVACY: PrivacySettings = {
  redactPoolKinds: ['vendor', 'crowd'],
  redactBelowClearance: null,
  redactRegions: [],
  redactTypes: [...PII_TYPES],
  maskPoolKinds: ['vendor', 'crowd'],
  retentionDays: null,
};

/** The pool the content goes to; null is in-house staff acting outside any pool. */
export type Audience = Pick<Pool, 'kind' | 'clearance' | 'regions'> | null;

/** Does this pool see the project's texts redacted? */
export function redactsFor(settings: PrivacySettings, pool: Audience): boolean {
  if (!pool || settings.redactTypes.length === 0) return false;
  if (settings.redactPoolKinds.includes(pool.kind)) return true;
  if (settings.redactBelowClearance && sensitivityRank(pool.clearance) < sensitivityRank(settings.redactBelowClearance)) return true;
  // A pool that may work from any region ('*') works from the listed ones too.
  return settings.redactRegions.some((r) => pool.regions.includes(r) || pool.regions.includes('*'));
}

/** Does this pool receive the project's images masked? */
export function masksFor(settings: PrivacySettings, pool: Audience): boolean {
  return pool !== null && settings.maskPoolKinds.includes(pool.kind);
}

/** Checks settings given by a manager (HTTP or CLI), naming each field at fault. */
export function checkPrivacySettings(input: PrivacySettings): PrivacySettings {
  const issues: FieldIssue[] = [];
  const kinds = (field: 'redactPoolKinds' | 'maskPoolKinds') =>
    input[field].forEach((k, i) => {
      if (!POOL_KINDS.includes(k)) issues.push({ path: `${field}[${i}]`, message: `must be one of ${POOL_KINDS.join(', ')}` });
    });
  kinds('redactPoolKinds');
  kinds('maskPoolKinds');
  if (input.redactBelowClearance !== null && !SENSITIVITIES.includes(input.redactBelowClearance)) {
    issues.push({ path: 'redactBelowClearance', message: `must be one of ${SENSITIVITIES.join(', ')} or null` });
  }
  input.redactTypes.forEach((t, i) => {
    if (!isPiiType(t)) issues.push({ path: `redactTypes[${i}]`, message: `must be one of ${PII_TYPES.join(', ')}` });
  });
  input.redactRegions.forEach((r, i) => {
    if (typeof r !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(r)) issues.push({ path: `redactRegions[${i}]`, message: 'a region code: letters, digits, - and _' });
  });
  if (input.retentionDays !== null && (!Number.isInteger(input.retentionDays) || input.retentionDays < 1 || input.retentionDays > 36_500)) {
    issues.push({ path: 'retentionDays', message: 'a whole number of days from 1 to 36500, or null' });
  }
  if (issues.length > 0) throw validationFailed(issues);
  const unique = <T>(values: T[]): T[] => [...new Set(values)];
  return {
    ...input,
    redactPoolKinds: unique(input.redactPoolKinds),
    maskPoolKinds: unique(input.maskPoolKinds),
    redactTypes: unique(input.redactTypes),
    redactRegions: unique(input.redactRegions),
  };
}
