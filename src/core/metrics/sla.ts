/**
 * SLA compliance of a pool against its targets (`PoolSla`). Turnaround is met when at least
 * `share` (0.9 unless told) of the items accepted in the period took no longer than the target —
 * the usual "90% within N hours" reading, equivalent to p90 ≤ target. Gold accuracy is met when the
 * measured accuracy reaches the minimum.
 */
import type { PoolSla } from '../workforce.ts';
import type { Proportion } from './stats.ts';

export interface SlaCompliance {
  turnaround: { targetHours: number; within: number; total: number; share: number; requiredShare: number; met: boolean } | null;
  goldAccuracy: { target: number; accuracy: number; trials: number; met: boolean } | null;
  /** Every target with data is met (null when no target had data). */
  met: boolean | null;
}

export function slaCompliance(
  sla: PoolSla | undefined,
  turnaroundHours: readonly number[],
  gold: Proportion | null,
  requiredShare = 0.9,
): SlaCompliance | null {
  if (!sla || (sla.turnaroundHours === undefined && sla.minGoldAccuracy === undefined)) return null;
  let turnaround: SlaCompliance['turnaround'] = null;
  if (sla.turnaroundHours !== undefined && turnaroundHours.length > 0) {
    const target = sla.turnaroundHours;
    const within = turnaroundHours.filter((h) => h <= target).length;
    const share = within / turnaroundHours.length;
    turnaround = { targetHours: target, within, total: turnaroundHours.length, share, requiredShare, met: share >= requiredShare };
  }
  let goldAccuracy: SlaCompliance['goldAccuracy'] = null;
  if (sla.minGoldAccuracy !== undefined && gold) {
    goldAccuracy = { target: sla.minGoldAccuracy, accuracy: gold.rate, trials: gold.trials, met: gold.rate >= sla.minGoldAccuracy };
  }
  const checks = [turnaround?.met, goldAccuracy?.met].filter((m): m is boolean => m !== undefined);
  return { turnaround, goldAccuracy, met: checks.length === 0 ? null : checks.every(Boolean) };
}
