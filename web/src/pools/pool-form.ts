/**
 * A pool as the form holds it (text in inputs) and as the API takes it, both ways; and the pool's
 * settings in words for the tables.
 */
import type { FieldIssue, Sensitivity } from '../api/types.ts';
import type { CostModel, Pool, PoolInputBody, PoolKind } from '../api/workforce-types.ts';

export const POOL_KINDS: PoolKind[] = ['in_house', 'vendor', 'crowd'];
export const SENSITIVITIES: Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];
export const KIND_WORDS: Record<PoolKind, string> = { in_house: 'In-house', vendor: 'Vendor', crowd: 'Crowd' };

export interface PoolFormState {
  key: string;
  name: string;
  kind: PoolKind;
  vendor: string;
  clearance: Sensitivity;
  regions: string;
  languages: string;
  skills: string;
  costType: CostModel['type'] | 'none';
  costAmount: string;
  currency: string;
  capacityHoursPerWeek: string;
  timeZone: string;
  turnaroundHours: string;
  /** Percent, 0–100. */
  minGoldAccuracy: string;
}

export const EMPTY_POOL_FORM: PoolFormState = {
  key: '',
  name: '',
  kind: 'vendor',
  vendor: '',
  clearance: 'internal',
  regions: '*',
  languages: '*',
  skills: '',
  costType: 'none',
  costAmount: '',
  currency: 'EUR',
  capacityHoursPerWeek: '',
  timeZone: '',
  turnaroundHours: '',
  minGoldAccuracy: '',
};

/** "eu, in" → ["eu", "in"]; empty → []. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

export function formFromPool(pool: Pool): PoolFormState {
  return {
    key: pool.key,
    name: pool.name,
    kind: pool.kind,
    vendor: pool.vendor ?? '',
    clearance: pool.clearance,
    regions: pool.regions.join(', '),
    languages: pool.languages.join(', '),
    skills: pool.skills.join(', '),
    costType: pool.costModel?.type ?? 'none',
    costAmount: pool.costModel ? String(pool.costModel.amount) : '',
    currency: pool.costModel?.currency ?? 'EUR',
    capacityHoursPerWeek: pool.capacityHoursPerWeek === null ? '' : String(pool.capacityHoursPerWeek),
    timeZone: pool.timeZone ?? '',
    turnaroundHours: pool.sla.turnaroundHours === undefined ? '' : String(pool.sla.turnaroundHours),
    minGoldAccuracy: pool.sla.minGoldAccuracy === undefined ? '' : String(Math.round(pool.sla.minGoldAccuracy * 1000) / 10),
  };
}

/** The body of POST /pools (the key included) or PATCH /pools/:id (without it); the server checks the values. */
export function poolBodyFrom(form: PoolFormState, withKey: boolean): PoolInputBody | Omit<PoolInputBody, 'key'> {
  const turnaround = numberOrNull(form.turnaroundHours);
  const gold = numberOrNull(form.minGoldAccuracy);
  const body = {
    name: form.name.trim(),
    kind: form.kind,
    vendor: form.vendor.trim() || null,
    clearance: form.clearance,
    regions: splitList(form.regions.toLowerCase()),
    languages: splitList(form.languages),
    skills: splitList(form.skills),
    costModel: form.costType === 'none' ? null : { type: form.costType, amount: Number(form.costAmount || '0'), currency: form.currency.trim().toUpperCase() },
    capacityHoursPerWeek: numberOrNull(form.capacityHoursPerWeek),
    timeZone: form.timeZone.trim() || null,
    sla: { ...(turnaround === null ? {} : { turnaroundHours: turnaround }), ...(gold === null ? {} : { minGoldAccuracy: gold / 100 }) },
  };
  return withKey ? { key: form.key.trim(), ...body } : body;
}

/** The form field each part of the API's body is typed in, where the two differ. */
const FIELD_OF_PATH: Record<string, keyof PoolFormState> = {
  costModel: 'costType',
  'costModel.type': 'costType',
  'costModel.amount': 'costAmount',
  'costModel.currency': 'currency',
  'sla.turnaroundHours': 'turnaroundHours',
  'sla.minGoldAccuracy': 'minGoldAccuracy',
};

/**
 * The server's complaints about a pool, each put beside the field it is about (`languages[1]` is
 * the languages field); `rest` holds what belongs to no field.
 */
export function fieldErrors(issues: readonly FieldIssue[]): { fields: Partial<Record<keyof PoolFormState, string>>; rest: FieldIssue[] } {
  const fields: Partial<Record<keyof PoolFormState, string>> = {};
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/\[\d+\]/g, '');
    const field = FIELD_OF_PATH[path] ?? (path in EMPTY_POOL_FORM ? (path as keyof PoolFormState) : undefined);
    if (!field) rest.push(issue);
    else fields[field] = fields[field] ? `${fields[field]}; ${issue.message}` : issue.message;
  }
  return { fields, rest };
}

const ANY = (list: string[]) => (list.length === 0 || list.includes('*') ? 'any' : list.join(', '));
export const regionsWords = (pool: Pool): string => ANY(pool.regions);
export const languagesWords = (pool: Pool): string => ANY(pool.languages);

export function costWords(cost: CostModel | null): string {
  if (!cost) return '—';
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency: cost.currency, minimumFractionDigits: Number.isInteger(cost.amount) ? 0 : 2, maximumFractionDigits: 3 }).format(cost.amount);
  return cost.type === 'per_label' ? `${amount} per label` : cost.type === 'per_hour' ? `${amount} per hour` : `${amount} per month`;
}

export function slaWords(sla: Pool['sla']): string {
  const parts: string[] = [];
  if (sla.turnaroundHours !== undefined) parts.push(`${sla.turnaroundHours} h turnaround`);
  if (sla.minGoldAccuracy !== undefined) parts.push(`gold ≥ ${Math.round(sla.minGoldAccuracy * 100)} %`);
  return parts.length > 0 ? parts.join(', ') : '—';
}
