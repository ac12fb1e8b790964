/**
 * `atelier bench --scenario import-annotations`: labelled items per second through
 * `atelier import-annotations` of an Atelier JSONL file (both passes, then the items settled into
 * their workflow stages), against the same items without labels through the item importer (the
 * nearest limit: the annotations, reviews and stages are what the scenario adds). Default 100,000
 * items (`--items`), each with one label; a third of them accepted in review, a tenth rejected.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../media/file-store.ts';
import { createProject } from '../../services/create-project.ts';
import { importAnnotations } from '../../services/import-annotations.ts';
import { importItems } from '../../services/import-items.ts';
import { stageCounts } from '../../store/stage-counts.ts';
import { BENCH_SCHEMA } from '../populate.ts';
import { createScratchDatabase } from '../scratch-database.ts';
import { rssMbOf } from '../server-process.ts';
import type { BenchScenario } from '../types.ts';
import { itemLine } from './import.ts';

/** Line `i` of the labelled file: the bench's text item with one human label and, for some, a review. */
export function labelledLine(i: number): string {
  const { id, ...item } = JSON.parse(itemLine(i)) as Record<string, unknown>;
  const review = i % 3 === 0 ? { decision: 'accept', reviewerId: 1, comment: null } : i % 10 === 1 ? { decision: 'reject', reviewerId: 1, comment: 'not negative' } : undefined;
  const annotation = {
    id: 1,
    source: 'human',
    result: { choices: { sentiment: [i % 4 === 0 ? 'positive' : 'negative'] }, regions: [] },
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    ...(review ? { review } : {}),
  };
  return JSON.stringify({ item: { ...item, externalId: id, kind: 'text' }, annotations: [annotation] });
}

async function writeLines(dir: string, name: string, count: number, line: (i: number) => string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${Array.from({ length: count }, (_, i) => line(i)).join('\n')}\n`);
  return path;
}

export const importAnnotationsScenario: BenchScenario = {
  name: 'import-annotations',
  description: 'labelled items per second through the annotation importer (stages settled), against the same items through the item importer',
  async run(options) {
    const count = options.items ?? 100_000;
    const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-import-annotations-'));
    const scratch = await createScratchDatabase(options.db, options.databaseUrl);
    try {
      const labelled = await writeLines(dir, 'labelled.jsonl', count, labelledLine);
      const plain = await writeLines(dir, 'items.jsonl', count, itemLine);
      const store = await scratch.open();
      const files = new FileStore(join(dir, 'files'));
      const newProject = (name: string) =>
        store.transaction((tx) => createProject(tx, { name, itemKind: 'text', overlap: 1, schema: BENCH_SCHEMA, createdBy: null }));

      options.log(`importing ${count} labelled items on ${options.db} …`);
      const project = await newProject('labelled');
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMbOf(process.pid))), 100);
      const t0 = performance.now();
      const report = await importAnnotations(store, { project, format: 'atelier-jsonl', path: labelled, createdBy: null, files });
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const stages = await stageCounts(store.db, project.id);

      options.log('baseline: the same items without labels through the item importer …');
      const t1 = performance.now();
      await importItems(store, { project: await newProject('items only'), source: { format: 'jsonl', path: plain }, createdBy: null, files });
      const baselineSeconds = (performance.now() - t1) / 1000;
      await store.close();

      const value = report.imported / seconds;
      const baseline = count / baselineSeconds;
      return [
        {
          scenario: 'import-annotations',
          db: options.db,
          items: count,
          concurrency: 1,
          value: Math.round(value),
          unit: 'labelled items/s',
          baseline: Math.round(baseline),
          ratio: Number((value / baseline).toFixed(3)),
          p50_ms: null,
          p99_ms: null,
          rss_mb: Math.round(peak),
          seconds: Number(seconds.toFixed(2)),
          annotations: report.annotations,
          reviews: report.reviews,
          accepted: stages.accepted,
          in_review: stages.review,
        },
      ];
    } finally {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
