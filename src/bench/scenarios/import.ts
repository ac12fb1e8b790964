/**
 * `atelier bench --scenario import`: items per second through `atelier import` of a JSONL file
 * (both passes: every line parsed and checked, then inserted in one transaction), against the same
 * records inserted straight from memory (the nearest limit). Default 200,000 items (`--items`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../media/file-store.ts';
import { importItems } from '../../services/import-items.ts';
import { addItemsWithTasks, type NewItemRecord } from '../../store/items.ts';
import { createProject } from '../../services/create-project.ts';
import { BENCH_SCHEMA } from '../populate.ts';
import { createScratchDatabase } from '../scratch-database.ts';
import { rssMbOf } from '../server-process.ts';
import type { BenchScenario } from '../types.ts';

/** Line `i` of the bench's JSONL file of text items. */
export function itemLine(i: number): string {
  return JSON.stringify({ id: `doc-${i}`, text: `Sentence ${i}: the parcel arrived two days late and the box was torn.`, language: 'en', tags: ['bench'], metadata: { batch: i % 100 } });
}

/** A temporary folder holding `items.jsonl`, `count` lines of `itemLine`. */
export async function writeItemsFile(count: number): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-import-'));
  const path = join(dir, 'items.jsonl');
  await writeFile(path, `${Array.from({ length: count }, (_, i) => itemLine(i)).join('\n')}\n`);
  return { dir, path };
}

export const importScenario: BenchScenario = {
  name: 'import',
  description: 'JSONL items per second through the importer, against inserting the same records from memory',
  async run(options) {
    const count = options.items ?? 200_000;
    const { dir, path } = await writeItemsFile(count);
    const scratch = await createScratchDatabase(options.db, options.databaseUrl);
    try {
      const store = await scratch.open();
      const newProject = (name: string) =>
        store.transaction((tx) => createProject(tx, { name, itemKind: 'text', overlap: 1, schema: BENCH_SCHEMA, createdBy: null }));

      options.log(`importing ${count} JSONL items on ${options.db} …`);
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMbOf(process.pid))), 100);
      const t0 = performance.now();
      const report = await importItems(store, { project: await newProject('imported'), source: { format: 'jsonl', path }, createdBy: null, files: new FileStore(join(dir, 'files')) });
      const importSeconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);

      options.log('baseline: the same records inserted from memory …');
      const project = await newProject('baseline');
      const t1 = performance.now();
      await store.transaction(async (tx) => {
        for (let done = 0; done < count; done += 2000) {
          const batch = Array.from({ length: Math.min(2000, count - done) }, (_, k): NewItemRecord => {
            const i = done + k;
            return {
              externalId: `doc-${i}`,
              kind: 'text',
              contentUri: null,
              text: `Sentence ${i}: the parcel arrived two days late and the box was torn.`,
              mimeType: 'text/plain',
              width: null,
              height: null,
              metadata: { batch: i % 100 },
              sensitivity: 'internal',
              region: null,
              language: 'en',
              tags: ['bench'],
              edgeCase: false,
            };
          });
          await addItemsWithTasks(tx, project.id, batch, 1);
        }
      });
      const baselineSeconds = (performance.now() - t1) / 1000;
      await store.close();
      const value = report.imported / importSeconds;
      const baseline = count / baselineSeconds;
      return [
        {
          scenario: 'import',
          db: options.db,
          items: count,
          concurrency: 1,
          value: Math.round(value),
          unit: 'items/s',
          baseline: Math.round(baseline),
          ratio: Number((value / baseline).toFixed(3)),
          p50_ms: null,
          p99_ms: null,
          rss_mb: Math.round(peak),
          seconds: Number(importSeconds.toFixed(2)),
          target: '>= 20000 items/s',
        },
      ];
    } finally {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
