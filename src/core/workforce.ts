/**
 * Workforces (pools) and the attributes of items that decide who may see them.
 * The hard limits here hold whatever a routing policy says.
 */
export type PoolKind = 'in_house' | 'vendor' | 'crowd';
export const POOL_KINDS: readonly PoolKind[] = ['in_house', 'vendor', 'crowd'];

export type Sensitivity = 'public' | 'internal' | 'confidential' | 'restricted';
export const SENSITIVITIES: readonly Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];

/** Rank of a sensitivity or clearance level: public 0 … restricted 3. */
export function sensitivityRank(level: Sensitivity): number {
  return SENSITIVITIES.indexOf(level);
}

export type CostModel =
  | { type: 'per_label'; amount: number; currency: string }
  | { type: 'per_hour'; amount: number; currency: string }
  | { type: 'fixed_monthly'; amount: number; currency: string };

export interface PoolSla {
  turnaroundHours?: number;
  /** 0..1 */
  minGoldAccuracy?: number;
}

export interface Pool {
  id: number;
  /** Short stable name used in policies and the CLI, e.g. `acme-vendor`. */
  key: string;
  name: string;
  kind: PoolKind;
  vendor: string | null;
  costModel: CostModel | null;
  /** Data regions this pool may handle (data residency), e.g. `['eu']`. */
  regions: string[];
  /** The highest sensitivity the pool may see. */
  clearance: Sensitivity;
  skills: string[];
  languages: string[];
  capacityHoursPerWeek: number | null;
  timeZone: string | null;
  sla: PoolSla;
}

/** What the hard limits need to know of an item. */
export interface ItemAccessFacts {
  sensitivity: Sensitivity;
  /** null: the item may be handled in any region. */
  region: string | null;
  /** null: no language (an image) or not known. */
  language: string | null;
}

export interface PoolAccessFacts {
  clearance: Sensitivity;
  regions: string[];
  /** The languages its members have; empty means the pool takes no language-bound items. */
  languages: string[];
}

export type AccessDenial = 'clearance' | 'region' | 'language';

/**
 * The hard limit: may this pool see this item? Mirrors the SQL predicate that hands out work and
 * serves content (store/access-predicate.ts); the property tests hold the two together.
 */
export function poolMaySee(pool: PoolAccessFacts, item: ItemAccessFacts): AccessDenial | null {
  if (sensitivityRank(item.sensitivity) > sensitivityRank(pool.clearance)) return 'clearance';
  if (item.region !== null && !pool.regions.includes(item.region)) return 'region';
  if (item.language !== null && !pool.languages.includes(item.language)) return 'language';
  return null;
}
