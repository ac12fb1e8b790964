/**
 * Pool figures for the simulator from what Atelier measured, where the project has enough history:
 * labelling speed, accuracy on gold (with the number of checks, so the simulator carries its
 * uncertainty) and the share of labels reviewed. Figures without enough history keep the values
 * entered in the plan, and the answer says which is which.
 */
import type { WorkMetrics } from '../metrics/work-metrics.ts';
import type { SimPool } from './plan.ts';

/** Below these, a measured figure says more about chance than about the pool. */
export const MIN_HISTORY = { labels: 200, goldChecks: 30 };

export type FigureSource = 'measured' | 'entered';

export interface MeasuredPool {
  pool: SimPool;
  sources: { labels_per_hour: FigureSource; accuracy: FigureSource; review_rate: FigureSource };
}

/** `measured` is the pool's row of `workMetrics(..., { by: ['pool'] })`, if any. */
export function poolFiguresFromHistory(entered: SimPool, measured: WorkMetrics | undefined, min = MIN_HISTORY): MeasuredPool {
  const pool: SimPool = { ...entered };
  const sources: MeasuredPool['sources'] = { labels_per_hour: 'entered', accuracy: 'entered', review_rate: 'entered' };
  if (!measured) return { pool, sources };
  if (measured.labels >= min.labels && measured.labelsPerHour !== null && measured.labelsPerHour > 0) {
    pool.labels_per_hour = measured.labelsPerHour;
    sources.labels_per_hour = 'measured';
  }
  const gold = measured.goldAccuracy;
  if (gold && gold.trials >= min.goldChecks) {
    pool.accuracy = gold.rate;
    pool.accuracy_samples = gold.trials;
    sources.accuracy = 'measured';
  }
  const labelled = measured.labels - measured.goldLabels;
  if (labelled >= min.labels) {
    pool.review_rate = Math.min(1, (measured.revision?.reviewed ?? 0) / labelled);
    sources.review_rate = 'measured';
  }
  return { pool, sources };
}
