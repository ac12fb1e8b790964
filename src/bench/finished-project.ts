/** A scratch database holding one finished project of N annotations (see synthetic-history.ts), for benchmarks that read it. */
import type { Project } from '../core/projects.ts';
import { createProject } from '../services/create-project.ts';
import type { Store } from '../store/database.ts';
import { analyzeTables } from '../store/health.ts';
import { insertSyntheticHistory, type SyntheticHistory, type SyntheticHistoryInput } from '../store/synthetic-history.ts';
import { BENCH_SCHEMA } from './populate.ts';
import { createScratchDatabase } from './scratch-database.ts';
import type { BenchOptions } from './types.ts';

export async function withFinishedProject<T>(
  options: BenchOptions,
  history: Omit<SyntheticHistoryInput, 'projectId' | 'schemaVersion' | 'annotations'>,
  measure: (store: Store, project: Project, made: SyntheticHistory) => Promise<T>,
): Promise<T> {
  const count = options.items ?? 1_000_000;
  const scratch = await createScratchDatabase(options.db, options.databaseUrl);
  try {
    const store = await scratch.open();
    const project = await store.transaction((tx) => createProject(tx, { name: 'history', itemKind: 'text', overlap: 3, schema: BENCH_SCHEMA, createdBy: null }));
    options.log(`making a history of ${count} annotations on ${options.db} …`);
    const t0 = performance.now();
    const made = await insertSyntheticHistory(store.db, { ...history, projectId: project.id, schemaVersion: project.schemaVersion, annotations: count });
    options.log(`  made in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${made.items} items, ${made.reviews} reviews, ${made.goldResults} gold scores`);
    const result = await measure(store, project, made);
    await store.close();
    return result;
  } finally {
    await scratch.drop();
  }
}

/** A second, small finished project in the same database (how a large one's plans treat it), analysed. */
export async function addSmallProject(
  store: Store,
  annotations: number,
  history: Omit<SyntheticHistoryInput, 'projectId' | 'schemaVersion' | 'annotations'>,
): Promise<Project> {
  const project = await store.transaction((tx) => createProject(tx, { name: 'small', itemKind: 'text', overlap: 3, schema: BENCH_SCHEMA, createdBy: null }));
  await insertSyntheticHistory(store.db, { ...history, projectId: project.id, schemaVersion: project.schemaVersion, annotations });
  await analyzeTables(store.db);
  return project;
}
