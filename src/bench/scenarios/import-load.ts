/**
 * `atelier bench --scenario import-load`: what annotators feel while a manager imports. 32
 * annotators claim and submit over HTTP on one project, first alone, then while N items (default
 * 200,000, `--items`) are uploaded to another project of the same server. value = the longest
 * claim during the import, baseline = the longest claim without it.
 *
 * An import is one transaction, so that a bad line leaves nothing behind. PGlite has one
 * connection: every claim waits until that transaction commits. PostgreSQL serves the claims
 * beside it, and they only share the CPU.
 */
import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createProject } from '../../services/create-project.ts';
import { createApiToken } from '../../services/manage-users.ts';
import { insertUser } from '../../store/users.ts';
import { Latencies } from '../latency.ts';
import { type LoadResult, runHttpLoad } from '../load.ts';
import { BENCH_SCHEMA, finishPopulation, makeAnnotators, populateProject } from '../populate.ts';
import { createScratchDatabase } from '../scratch-database.ts';
import { startServerProcess } from '../server-process.ts';
import type { BenchScenario } from '../types.ts';
import { CONCURRENCY } from './claim-submit.ts';
import { writeItemsFile } from './import.ts';

/** Items of the project the annotators work on: more than they can finish meanwhile. */
const WORK_ITEMS = 100_000;

function merged(windows: LoadResult[]): { claim: Latencies; cycles: number; seconds: number } {
  const claim = new Latencies();
  for (const w of windows) for (const ms of w.claim.values()) claim.add(ms);
  return { claim, cycles: windows.reduce((n, w) => n + w.cycles, 0), seconds: windows.reduce((s, w) => s + w.seconds, 0) };
}

export const importLoadScenario: BenchScenario = {
  name: 'import-load',
  description: 'the longest claim of 32 annotators while N items are imported into another project of the server, against none',
  async run(options) {
    const count = options.items ?? 200_000;
    const { dir, path: file } = await writeItemsFile(count);
    const scratch = await createScratchDatabase(options.db, options.databaseUrl);
    try {
      const store = await scratch.open();
      options.log(`populating ${WORK_ITEMS} items on ${options.db} …`);
      const work = await populateProject(store, { name: 'work', items: WORK_ITEMS, log: options.log });
      const target = await store.transaction((tx) => createProject(tx, { name: 'imported', itemKind: 'text', overlap: 1, schema: BENCH_SCHEMA, createdBy: null }));
      const annotators = await makeAnnotators(store, CONCURRENCY);
      const manager = await insertUser(store.db, { email: `manager-${Date.now()}@bench.local`, name: 'Bench manager', role: 'manager', passwordHash: null });
      const { secret } = await createApiToken(store.db, { userId: manager.id, name: 'bench', scopes: [], expiresAt: null });
      await finishPopulation(store);
      await store.close();
      const server = await startServerProcess({ dataDir: scratch.dataDir, databaseUrl: scratch.url });
      try {
        options.log('annotators alone, 10 s …');
        const alone = merged([await runHttpLoad(server.url, work.id, annotators, 2000, 10_000)]);
        options.log(`annotators while ${count} items are imported …`);
        const form = new FormData();
        form.append('files', await openAsBlob(file), 'items.jsonl');
        const t0 = performance.now();
        const answered: { seconds: number | null } = { seconds: null };
        const importing = fetch(`${server.url}/api/v1/projects/${target.id}/imports`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form }).then(async (r) => {
          answered.seconds = (performance.now() - t0) / 1000;
          if (r.status !== 201) throw new Error(`the import answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
        });
        importing.catch(() => undefined); // handled where it is awaited, after the load
        // One-second windows until the import has answered: the load covers all of it.
        const windows: LoadResult[] = [];
        while (answered.seconds === null) windows.push(await runHttpLoad(server.url, work.id, annotators, 0, 1000));
        await importing;
        const importSeconds = answered.seconds;
        const during = merged(windows);
        const longest = during.claim.percentile(100)!;
        const longestAlone = alone.claim.percentile(100)!;
        options.log(`  import ${importSeconds.toFixed(1)} s; longest claim ${longest} ms (alone ${longestAlone} ms)`);
        return [
          {
            scenario: 'import-load',
            db: options.db,
            items: count,
            concurrency: CONCURRENCY,
            value: longest,
            unit: 'ms (longest claim during the import)',
            baseline: longestAlone,
            ratio: Number((longest / longestAlone).toFixed(2)),
            p50_ms: during.claim.percentile(50),
            p99_ms: during.claim.percentile(99),
            rss_mb: Math.round(server.rssMb()),
            import_s: Number(importSeconds.toFixed(2)),
            cycles_per_s: Math.round(during.cycles / during.seconds),
            alone_p50_ms: alone.claim.percentile(50),
            alone_p99_ms: alone.claim.percentile(99),
            alone_cycles_per_s: Math.round(alone.cycles / alone.seconds),
            target: 'none yet (tracked)',
          },
        ];
      } finally {
        await server.stop();
      }
    } finally {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
