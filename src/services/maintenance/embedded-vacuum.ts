/**
 * The embedded engine's autovacuum: what PostgreSQL's autovacuum worker does on a server, by the
 * same rule (a table is vacuumed once its dead rows pass 50 + 20% of its live rows, analysed once
 * its changes pass 50 + 10%), run on a timer beside the hot path. After its first pass a vacuum
 * only reads the pages changed since, so a round on a busy server takes milliseconds.
 */
import type { Db, Engine } from '../../store/database.ts';
import { autovacuumOn, type TableActivity, tableActivity, vacuumTable } from '../../store/maintenance.ts';
import { repeatEvery, type Repeating } from '../audit/repeat.ts';

export const VACUUM_THRESHOLD = { base: 50, vacuumScale: 0.2, analyzeScale: 0.1 };

export interface VacuumPlan {
  schema: string;
  table: string;
  analyze: boolean;
}

/** Which tables need a vacuum (or only an analyse) now. */
export function tablesToVacuum(activity: readonly TableActivity[]): VacuumPlan[] {
  const { base, vacuumScale, analyzeScale } = VACUUM_THRESHOLD;
  return activity
    .map((t) => ({
      t,
      vacuum: t.deadRows > base + vacuumScale * t.liveRows,
      analyze: t.changedSinceAnalyze > base + analyzeScale * t.liveRows,
    }))
    .filter((x) => x.vacuum || x.analyze)
    .map((x) => ({ schema: x.t.schema, table: x.t.table, analyze: x.analyze }));
}

export interface VacuumRound {
  vacuumed: { table: string; ms: number }[];
}

export async function vacuumWhereNeeded(db: Db): Promise<VacuumRound> {
  const vacuumed: VacuumRound['vacuumed'] = [];
  for (const plan of tablesToVacuum(await tableActivity(db))) {
    const started = performance.now();
    await vacuumTable(db, plan.schema, plan.table, plan.analyze);
    vacuumed.push({ table: `${plan.schema}.${plan.table}`, ms: Math.round(performance.now() - started) });
  }
  return { vacuumed };
}

/**
 * Whether Atelier must vacuum its own tables: PGlite has no autovacuum worker, and a PostgreSQL
 * server may run with autovacuum switched off. Without one, the queue index and the tables only
 * grow, and every claim walks past more dead entries.
 */
export async function needsOwnVacuum(engine: Engine, db: Db): Promise<boolean> {
  return engine === 'pglite' || !(await autovacuumOn(db));
}

export function startEmbeddedVacuum(db: Db, options: { intervalMs?: number; onRound?: (round: VacuumRound) => void; onError?: (error: unknown) => void } = {}): Repeating {
  return repeatEvery(options.intervalMs ?? 30_000, async () => options.onRound?.(await vacuumWhereNeeded(db)), options.onError);
}
