/**
 * Pool figures for the strategy simulator from a project's history: each pool of the plan whose
 * key is an Atelier pool takes its measured speed, gold accuracy and review share where the
 * project has enough history (the core's `poolFiguresFromHistory` decides), and its cost model
 * from the pool's settings; the rest stays as entered. The answer says which figure came from where.
 */
import type { Plan } from '../../core/strategy/plan.ts';
import { type FigureSource, type MeasuredPool, MIN_HISTORY, poolFiguresFromHistory } from '../../core/strategy/pool-figures.ts';
import type { Db } from '../../store/database.ts';
import { projectMetrics } from './project-report.ts';

export type PoolFigureSources = MeasuredPool['sources'] & { cost: 'pool' | 'entered' };

export interface PoolFigures {
  /** The plan with the measured figures in place. */
  plan: Plan;
  pools: {
    key: string;
    sources: PoolFigureSources;
    /** What the project's history shows for the pool (null: no work there). */
    history: { labels: number; goldChecks: number; labelsPerHour: number | null; goldAccuracy: number | null; reviewed: number } | null;
  }[];
}

export interface PoolFiguresOptions {
  now?: Date;
  from?: Date | null;
  /** The history a figure needs to count as measured (the core's MIN_HISTORY unless told). */
  min?: typeof MIN_HISTORY;
}

export async function poolFiguresForSimulation(db: Db, projectId: number, plan: Plan, options: PoolFiguresOptions = {}): Promise<PoolFigures> {
  const { rows, pools } = await projectMetrics(db, projectId, [['pool']], { now: options.now, from: options.from });
  const byKey = new Map((rows[0] ?? []).map((r) => [r.key.poolKey, r]));
  const settings = new Map(pools.map((p) => [p.pool.key, p.pool]));
  const figures: PoolFigures['pools'] = [];
  const measuredPools = plan.pools.map((entered) => {
    const row = byKey.get(entered.key);
    const { pool, sources } = poolFiguresFromHistory(entered, row, options.min);
    const costModel = settings.get(entered.key)?.costModel ?? null;
    if (costModel) pool.cost = { ...costModel };
    figures.push({
      key: entered.key,
      sources: { ...sources, cost: costModel ? 'pool' : 'entered' },
      history: row
        ? { labels: row.labels, goldChecks: row.goldLabels, labelsPerHour: row.labelsPerHour, goldAccuracy: row.goldAccuracy?.rate ?? null, reviewed: row.revision?.reviewed ?? 0 }
        : null,
    });
    return pool;
  });
  return { plan: { ...plan, pools: measuredPools }, pools: figures };
}

export type { FigureSource };
