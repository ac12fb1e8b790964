/**
 * `atelier bench --scenario next-latency`: does handing out work stay as fast when the queue is a
 * hundred times longer? One database holds a project of 10,000 items and one of 1,000,000
 * (`--items`); 32 annotators claim and submit over HTTP on each in turn. value = claim p99 on the
 * large project, baseline = claim p99 on the small one; target ratio ≤ 1.5.
 */
import { runHttpLoad } from '../load.ts';
import { finishPopulation, makeAnnotators, populateProject } from '../populate.ts';
import { createScratchDatabase } from '../scratch-database.ts';
import { startServerProcess } from '../server-process.ts';
import type { BenchScenario } from '../types.ts';
import { CONCURRENCY } from './claim-submit.ts';

const SMALL = 10_000;

export const nextLatencyScenario: BenchScenario = {
  name: 'next-latency',
  description: 'p99 claim latency on a 1,000,000-item project against a 10,000-item one, in one database',
  async run(options) {
    const large = options.items ?? 1_000_000;
    const seconds = Number(options.flags.seconds ?? 15);
    const scratch = await createScratchDatabase(options.db, options.databaseUrl);
    try {
      const store = await scratch.open();
      options.log(`populating ${SMALL} + ${large} items on ${options.db} …`);
      const small = await populateProject(store, { name: 'small', items: SMALL, log: options.log });
      const big = await populateProject(store, { name: 'large', items: large, log: options.log });
      const annotators = await makeAnnotators(store, CONCURRENCY);
      await finishPopulation(store);
      await store.close();
      const server = await startServerProcess({ dataDir: scratch.dataDir, databaseUrl: scratch.url });
      try {
        options.log(`claiming on the ${SMALL}-item project, ${seconds} s …`);
        const onSmall = await runHttpLoad(server.url, small.id, annotators, 3000, seconds * 1000);
        options.log(`claiming on the ${large}-item project, ${seconds} s …`);
        const onLarge = await runHttpLoad(server.url, big.id, annotators, 3000, seconds * 1000);
        const p99Large = onLarge.claim.percentile(99)!;
        const p99Small = onSmall.claim.percentile(99)!;
        return [
          {
            scenario: 'next-latency',
            db: options.db,
            items: large,
            concurrency: CONCURRENCY,
            value: p99Large,
            unit: 'ms (claim p99)',
            baseline: p99Small,
            ratio: Number((p99Large / p99Small).toFixed(3)),
            p50_ms: onLarge.claim.percentile(50),
            p99_ms: p99Large,
            rss_mb: Math.round(server.rssMb()),
            small_items: SMALL,
            small_p50_ms: onSmall.claim.percentile(50),
            cycles_per_s_large: Math.round(onLarge.cyclesPerSecond),
            cycles_per_s_small: Math.round(onSmall.cyclesPerSecond),
            target: 'ratio <= 1.5',
          },
        ];
      } finally {
        await server.stop();
      }
    } finally {
      await scratch.drop();
    }
  },
};
